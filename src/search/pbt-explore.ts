/**
 * PBT's explore step (Jaderberg et al. 2017, as Ray Tune's
 * PopulationBasedTraining._explore does it): a copy of the donor's params
 * with each param of `mutate` changed:
 *
 * - with probability `resampleProbability`, a fresh draw from the space
 *   (sampleParam: its range, log scale and step);
 * - otherwise a float or int is multiplied by one of `factors` (Ray's
 *   perturbation_factors, default 1.2 and 0.8), picked uniformly; a
 *   categorical moves to the choice listed before or after it (at the ends,
 *   it stays), as Ray's list mutations do;
 * - a categorical whose donor value is not among its choices is redrawn, as
 *   Ray does.
 *
 * Unlike Ray, the result always stays in the space: a product is clamped to
 * [low, high], snapped to the param's step (ints are rounded; one that rounds
 * back to where it was moves one step instead), so the trial is one the space
 * allows and the task or objective never sees a value the study did not
 * declare. Params whose condition (`when`) starts to hold take
 * the trial's own random draw (`fresh`); those whose condition stops holding
 * are dropped (activeParams).
 *
 * Pure: the draws come from `rng`, one per param of `mutate` in sorted name
 * order (the resample coin, then the factor, direction or fresh value).
 */
import { latticeSize, latticeValue } from './lattice.js';
import { activeParams } from './param-conditions.js';
import { sampleParam, type Uniforms } from './sample-params.js';
import type { ParamSpec, ParamValue, Params, Space } from './space.js';

export interface ExploreOptions {
  /** The params that change; the others keep the donor's value. */
  mutate: readonly string[];
  /** Probability in [0, 1] of a fresh draw instead of a perturbation. */
  resampleProbability: number;
  /** The factors a float or int is multiplied by (one picked uniformly). */
  factors: readonly number[];
}

/**
 * The params of a member that copies `donor` and explores from it. `fresh` is a
 * full draw of the space (every param, conditional or not) for params the donor
 * does not have.
 */
export function explore(space: Space, donor: Params, fresh: Params, options: ExploreOptions, rng: Uniforms): Params {
  const out: Params = { ...fresh, ...donor };
  for (const name of [...options.mutate].sort()) {
    const spec = space[name];
    if (!spec) continue;
    const current = out[name]!;
    out[name] = perturb(spec, current, options, rng);
  }
  return activeParams(space, out);
}

/** One param's new value (see the file comment). */
export function perturb(spec: ParamSpec, value: ParamValue, options: Pick<ExploreOptions, 'resampleProbability' | 'factors'>, rng: Uniforms): ParamValue {
  const resample = rng.uniform(0, 1) < options.resampleProbability;
  if (spec.type === 'categorical') {
    const at = spec.choices.indexOf(value);
    if (resample || at < 0) return sampleParam(spec, rng);
    const shift = rng.int(2) === 0 ? -1 : 1;
    return spec.choices[Math.min(spec.choices.length - 1, Math.max(0, at + shift))]!;
  }
  if (resample || typeof value !== 'number') return sampleParam(spec, rng);
  const factor = options.factors[rng.int(options.factors.length)]!;
  // The way the value moves; zero times any factor is zero, so there the factor says it (up above 1, down below).
  const x = value * factor;
  const way = Math.sign(x - value) || (value === 0 ? Math.sign(factor - 1) : 0);
  return snap(spec, value, x, way);
}

/**
 * `x` (a perturbation of `from`, in the direction `way`: −1, 0 or 1) clamped to the param's range and snapped to its
 * values (an int's lattice, a float's step). A product that snaps back to `from` moves one step `way` instead: else
 * 2 × 0.8 and 2 × 1.2 both round to 2, 0 times anything is 0, and a small int (or a value near the bottom of a step
 * lattice) could never be perturbed, only redrawn.
 */
function snap(spec: Exclude<ParamSpec, { type: 'categorical' }>, from: number, x: number, way: number): number {
  const clamped = Math.min(spec.high, Math.max(spec.low, x));
  const step = spec.type === 'int' ? (spec.step ?? 1) : spec.step;
  if (step === undefined) return clamped;
  const n = latticeSize(spec.low, spec.high, step);
  const index = (v: number) => Math.min(n - 1, Math.max(0, Math.round((v - spec.low) / step)));
  let k = index(clamped);
  if (k === index(from) && way !== 0) k = Math.min(n - 1, Math.max(0, k + way));
  return latticeValue(spec.low, spec.high, step, k);
}
