/**
 * One draw of the GP strategy (gp.ts): encode the searched params of the
 * trials so far in unit coordinates, fit a GP to their values
 * (gp-regression.ts), and decode the point that maximises log EI
 * (gp-acquisition.ts), as Optuna's GPSampler does.
 *
 * - Searched params (gpParams): every param without a condition that has
 *   more than one value. Floats and ints go to [0, 1] as CMA-ES maps them
 *   (unit-transform.ts: log ranges on their log scale, lattices widened by
 *   half a step); a lattice (ints, float steps) stays discrete, its values
 *   at their unit coordinates. A categorical param is its choice index, at
 *   Hamming distance (0 or 1) from another.
 * - Targets: the values of complete trials, and of pruned ones at the last
 *   value they reported (a pruner stopped them: worse than their peers at
 *   that step, or no longer improving), negated for `minimize` so larger is
 *   better, then scaled (gpTargets). Failed trials (nearly always a training
 *   that diverged) count as the worst value seen, so the model learns to
 *   avoid their region. (Optuna's GPSampler learns from complete trials
 *   only: with a pruner it then sees nothing new and draws the same points
 *   again.)
 * - No point is drawn twice: a point already tried or pending is passed
 *   over for the best one that is not (gp-acquisition.ts).
 * - Pending trials (running beside the one being drawn) are added as if
 *   they had returned the posterior mean (the "kriging believer"): the
 *   variance there falls, so trials that run at once spread out.
 */
import { median } from 'simple-statistics';
import type { Rng } from '../rng.js';
import { maximizeLogEi, type GpDim } from './gp-acquisition.js';
import { fitKernel, GpPosterior, type GpData } from './gp-regression.js';
import { latticeValue, paramValueCount, valueCount } from './lattice.js';
import type { Params, ParamValue, Space } from './space.js';
import type { Direction } from './strategy.js';
import { fromUnit, toUnit, type NumericParam } from './unit-transform.js';

/** The params the GP searches: those without a condition that can take more than one value, sorted by name. */
export function gpParams(space: Space): string[] {
  return Object.keys(space)
    .sort()
    .filter((name) => {
      const spec = space[name]!;
      return spec.when === undefined && paramValueCount(spec) > 1;
    });
}

/** A numeric param's lattice (value k, and the step between values), or undefined for a float without a step. */
function latticeOf(spec: NumericParam): { size: number; value(k: number): number; step: number } | undefined {
  const size = valueCount(spec);
  if (spec.type === 'float') {
    const step = spec.step;
    return step === undefined ? undefined : { size, value: (k) => latticeValue(spec.low, spec.high, step, k), step };
  }
  const step = spec.log ? 1 : (spec.step ?? 1);
  return { size, value: (k) => spec.low + k * step, step };
}

/** How each searched param lives in the unit box. */
export function gpDims(space: Space, names: readonly string[]): GpDim[] {
  return names.map((name): GpDim => {
    const spec = space[name]!;
    if (spec.type === 'categorical') return { kind: 'categorical', choices: spec.choices.length };
    const lattice = latticeOf(spec);
    if (!lattice) return { kind: 'continuous' };
    return {
      kind: 'discrete',
      size: lattice.size,
      point: (k) => toUnit(spec, lattice.value(k)),
      index: (u) => Math.round((fromUnit(spec, u) - spec.low) / lattice.step),
    };
  });
}

/** The unit coordinates of a trial's searched params. */
export function encodeParams(space: Space, names: readonly string[], params: Params): Float64Array {
  return Float64Array.from(names, (name) => {
    const spec = space[name]!;
    const value = params[name]!;
    return spec.type === 'categorical' ? spec.choices.indexOf(value) : toUnit(spec, value as number);
  });
}

/** The searched params' values at unit coordinates x. */
export function decodeParams(space: Space, names: readonly string[], x: Float64Array): Params {
  const params: Params = {};
  names.forEach((name, i) => {
    const spec = space[name]!;
    params[name] = (spec.type === 'categorical' ? spec.choices[x[i]!] : fromUnit(spec, x[i]!)) as ParamValue;
  });
  return params;
}

export interface GpSampleInput {
  space: Space;
  /** gpParams(space). */
  names: readonly string[];
  /** Complete trials, and pruned ones at their last value: params and value (finite). */
  observed: readonly { params: Params; value: number }[];
  /** Failed trials' params: the worst value seen. */
  failed: readonly Params[];
  /** Trials that may be running beside this one: their params. */
  pending: readonly Params[];
  direction: Direction;
  /** A deterministic objective: the noise stays at its minimum (Optuna's deterministic_objective). */
  deterministic: boolean;
  rng: Rng;
}

/** The searched params of the next trial (observed must not be empty). */
export function gpSample(input: GpSampleInput): Params {
  const { space, names } = input;
  const sign = input.direction === 'maximize' ? 1 : -1;
  const raw = input.observed.map((o) => sign * o.value);
  const worst = Math.min(...raw);
  const ys = gpTargets([...raw, ...input.failed.map(() => worst)]);
  const points = [...input.observed.map((o) => o.params), ...input.failed];
  const d = names.length;
  const data: GpData = {
    x: Float64Array.from(points.flatMap((p) => [...encodeParams(space, names, p)])),
    y: ys,
    n: points.length,
    d,
    categorical: Uint8Array.from(names, (name) => (space[name]!.type === 'categorical' ? 1 : 0)),
  };
  const kernel = fitKernel(data, input.deterministic);
  let posterior = new GpPosterior(data, kernel);
  if (input.pending.length > 0) {
    const px = input.pending.map((p) => encodeParams(space, names, p));
    const fantasies = px.map((x) => posterior.predict(x).mean);
    posterior = new GpPosterior(
      { ...data, x: Float64Array.from([...data.x, ...px.flatMap((x) => [...x])]), y: Float64Array.from([...data.y, ...fantasies]), n: data.n + px.length },
      kernel,
    );
  }
  // The best observed point (a failed one never is) seeds a local search, as in Optuna.
  let bestAt = 0;
  for (let i = 1; i < input.observed.length; i++) if (data.y[i]! > data.y[bestAt]!) bestAt = i;
  const best = data.y[bestAt]!;
  const tried = [...points, ...input.pending].map((p) => encodeParams(space, names, p));
  const x = maximizeLogEi(posterior, best, gpDims(space, names), input.rng, [data.x.slice(bestAt * d, (bestAt + 1) * d)], tried);
  return decodeParams(space, names, x);
}

/**
 * Targets (larger is better) as the GP is fitted to them: divided by their largest magnitude first, so
 * neither 1e300 nor 1e-300 overflows or vanishes; then the worse tail is clipped at the median minus 10
 * robust standard deviations (1.4826 × the median absolute deviation, or the mean absolute deviation
 * when more than half are tied), so one penalty value (1e6 for a failure) does not squash the others into
 * the noise; then standardised (Optuna standardises only). All equal: all 0.
 */
export function gpTargets(values: readonly number[]): Float64Array {
  const magnitude = Math.max(...values.map(Math.abs));
  const y = Float64Array.from(values, (v) => (magnitude > 0 ? v / magnitude : 0));
  const middle = median([...y]);
  const gaps = Array.from(y, (v) => Math.abs(v - middle));
  const spread = 1.4826 * median(gaps) || gaps.reduce((a, b) => a + b, 0) / gaps.length;
  if (spread > 0) {
    const floor = middle - 10 * spread;
    for (let i = 0; i < y.length; i++) if (y[i]! < floor) y[i] = floor;
  }
  // Centred and scaled again: after a clip at 1e-300 the squares below would underflow (standardising undoes it).
  let reach = 0;
  for (let i = 0; i < y.length; i++) reach = Math.max(reach, Math.abs((y[i] = y[i]! - middle)));
  if (reach > 0) for (let i = 0; i < y.length; i++) y[i]! /= reach;
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const std = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
  for (let i = 0; i < y.length; i++) y[i] = std > 1e-12 ? (y[i]! - mean) / std : 0;
  return y;
}

