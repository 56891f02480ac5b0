/**
 * L2 weight decay, PyTorch semantics (torch.optim.SGD/Adagrad/RMSprop/Adam
 * `weight_decay`): the penalty ½·wd·‖p‖² is folded into the gradient,
 *
 *   g ← g + wd·p
 *
 * in place, before the update rule sees g. Shared by every rule except adamw,
 * whose decay is decoupled from the gradient (see adamw.ts). No-op for wd = 0.
 */
export function addWeightDecay(grad: Float64Array, params: Float64Array, weightDecay: number): void {
  if (weightDecay === 0) return;
  const n = grad.length;
  for (let i = 0; i < n; i++) grad[i] = grad[i]! + weightDecay * params[i]!;
}
