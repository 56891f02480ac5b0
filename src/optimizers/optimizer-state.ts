/**
 * Checkpoint helpers shared by the update rules: getState() hands out copies,
 * setState() copies back into the buffers allocated by the constructor (it
 * never keeps the caller's arrays), so a snapshot + restore continues bit for
 * bit and later changes to either side do not leak into the other.
 */
import type { OptimizerName } from '../tasks/task-spec.js';
import type { OptimizerState } from './optimizer.js';
import { ValidationError } from '../errors.js';

/** A deep copy of `t` and `buffers`. */
export function snapshotState(t: number, buffers: readonly Float64Array[]): OptimizerState {
  const copies: Float64Array[] = [];
  for (let k = 0; k < buffers.length; k++) copies.push(new Float64Array(buffers[k]!));
  return { t, buffers: copies };
}

/**
 * Copies `state.buffers` into `targets` (same count, same lengths) and returns
 * `state.t`. Throws ValidationError when the state does not belong to an
 * optimizer of this kind and size. Buffers may be any array-like of numbers
 * (e.g. a decoded checkpoint), not only Float64Array.
 */
export function restoreState(
  name: OptimizerName,
  targets: readonly Float64Array[],
  state: OptimizerState,
): number {
  const issues: string[] = [];
  const t = state?.t;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0) {
    issues.push(`t must be an integer ≥ 0, got ${String(t)}`);
  }
  const buffers = state?.buffers as ArrayLike<ArrayLike<number>> | undefined;
  if (!buffers || typeof buffers.length !== 'number') {
    issues.push('buffers is missing');
  } else if (buffers.length !== targets.length) {
    issues.push(`expected ${targets.length} buffer(s), got ${buffers.length}`);
  } else {
    for (let k = 0; k < targets.length; k++) {
      const b = buffers[k];
      const want = targets[k]!.length;
      if (!b || b.length !== want) issues.push(`buffer ${k} must have length ${want}, got ${b ? b.length : 'none'}`);
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, `${name} optimizer state`);
  for (let k = 0; k < targets.length; k++) targets[k]!.set(buffers![k]!);
  return t;
}

/** Throws a RangeError unless params and grad both have `size` elements (a programming error). */
export function checkSizes(name: OptimizerName, size: number, params: Float64Array, grad: Float64Array): void {
  if (params.length !== size || grad.length !== size) {
    throw new RangeError(
      `${name}.step: params (${params.length}) and grad (${grad.length}) must have the optimizer's size ${size}`,
    );
  }
}

/**
 * A state vector of n zeros from `alloc` (a model's memory, where its SIMD kernels update it: Model.allocState), or a
 * plain array without one.
 */
export function stateVector(alloc: ((n: number) => Float64Array) | undefined, n: number): Float64Array {
  return alloc ? alloc(n) : new Float64Array(n);
}
