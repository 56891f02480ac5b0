/**
 * bias + Σ_j w[wOff + j]·x[xOff + j], summed from the bias then j = 0…d−1:
 * the affine score of one row, the same in every model that has one (linear,
 * logistic, each softmax class), so their results stay bit for bit equal to
 * the plain loop.
 */
export function rowDot(w: Float64Array, wOff: number, bias: number, x: Float64Array, xOff: number, d: number): number {
  let z = bias;
  for (let j = 0; j < d; j++) z += w[wOff + j]! * x[xOff + j]!;
  return z;
}
