/** out[outOff + j] += g·x[xOff + j] for j = 0…d−1: one row's share of a weight gradient. */
export function addScaledRow(out: Float64Array, outOff: number, g: number, x: Float64Array, xOff: number, d: number): void {
  for (let j = 0; j < d; j++) out[outOff + j] = out[outOff + j]! + g * x[xOff + j]!;
}
