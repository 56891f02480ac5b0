/**
 * A numeric param's range as the unit interval, as Optuna's
 * _SearchSpaceTransform(transform_log, transform_step, transform_0_1) maps it
 * for CmaEsSampler: a log param on its log scale; a lattice (ints, float
 * steps) widened by half a step at each end, so every value owns an equal
 * share of [0, 1] and rounding back is fair to the ends; then scaled to
 * [0, 1]. Model-based samplers that search a continuous box (CMA-ES) draw
 * there and map back with fromUnit.
 *
 *   toUnit({ type: 'int', low: 1, high: 4 }, 1)      // 0.125: [0.5, 4.5] → [0, 1]
 *   fromUnit({ type: 'int', low: 1, high: 4 }, 0.99) // 4
 */
import { latticeSize, latticeValue } from './lattice.js';
import type { FloatParam, IntParam } from './space.js';

export type NumericParam = FloatParam | IntParam;

/**
 * The interval mapped to [0, 1], on the param's scale (the log of the value for a log param). A lattice
 * ends at its last value, which is below `high` when high − low is not a multiple of the step (Optuna
 * moves `high` there), so that value's share is no larger than the others'.
 */
function interval(spec: NumericParam): { lo: number; hi: number; log: boolean } {
  const log = spec.log === true;
  if (spec.type === 'int') {
    if (log) return { lo: Math.log(spec.low - 0.5), hi: Math.log(spec.high + 0.5), log };
    const step = spec.step ?? 1;
    const top = spec.low + (latticeSize(spec.low, spec.high, step) - 1) * step;
    return { lo: spec.low - step / 2, hi: top + step / 2, log };
  }
  if (log) return { lo: Math.log(spec.low), hi: Math.log(spec.high), log };
  if (spec.step === undefined) return { lo: spec.low, hi: spec.high, log };
  const top = latticeValue(spec.low, spec.high, spec.step, latticeSize(spec.low, spec.high, spec.step) - 1);
  return { lo: spec.low - spec.step / 2, hi: top + spec.step / 2, log };
}

/** Where `value` lies in [0, 1]. */
export function toUnit(spec: NumericParam, value: number): number {
  const { lo, hi, log } = interval(spec);
  return ((log ? Math.log(value) : value) - lo) / (hi - lo);
}

/** The param's value at `u` (clipped to [0, 1]), on its lattice and inside [low, high]. */
export function fromUnit(spec: NumericParam, u: number): number {
  const { lo, hi, log } = interval(spec);
  const x = lo + Math.min(1, Math.max(0, u)) * (hi - lo);
  const v = log ? Math.exp(x) : x;
  const step = spec.type === 'int' ? (log ? 1 : (spec.step ?? 1)) : spec.step;
  // The ends exactly: exp(log(1e-6)) is 1.0000000000000004e-6, and model-based samplers often end up there.
  if (step === undefined) return u <= 0 ? spec.low : u >= 1 ? spec.high : Math.min(spec.high, Math.max(spec.low, v));
  const size = latticeSize(spec.low, spec.high, step);
  const k = Math.min(size - 1, Math.max(0, Math.round((v - spec.low) / step)));
  return spec.type === 'int' ? spec.low + k * step : latticeValue(spec.low, spec.high, step, k);
}
