/**
 * Gradient clipping by global L2 norm, as torch.nn.utils.clip_grad_norm_:
 *
 *   norm = √(Σ gᵢ²)
 *   if maxNorm > 0 and norm > maxNorm:  g ← g · maxNorm / (norm + 1e-6)
 *
 * in place, so the clipped norm is ≤ maxNorm (just under it, by PyTorch's
 * 1e-6). maxNorm ≤ 0 turns clipping off (the norm is still returned). Returns
 * the norm before clipping. A non-finite norm (NaN/Inf gradient) is returned
 * as is and the gradient is left untouched, so the divergence shows up in the
 * loss instead of being hidden by a zeroed gradient. Allocates nothing.
 */
export function clipGradNorm(grad: Float64Array, maxNorm: number): number {
  const n = grad.length;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const g = grad[i]!;
    sumSq += g * g;
  }
  const norm = Math.sqrt(sumSq);
  if (maxNorm > 0 && norm > maxNorm && Number.isFinite(norm)) {
    const scale = maxNorm / (norm + 1e-6);
    for (let i = 0; i < n; i++) grad[i] = grad[i]! * scale;
  }
  return norm;
}
