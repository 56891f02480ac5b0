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
 * - Targets: complete trials' values, negated for `minimize` so larger is
 *   better, then standardised. Failed trials (nearly always a training that
 *   diverged) count as the worst value seen, so the model learns to avoid
 *   their region (Optuna drops them).
 * - Pending trials (running beside the one being drawn) are added as if
 *   they had returned the posterior mean (the "kriging believer"): the
 *   variance there falls, so trials that run at once spread out.
 */
import type { Rng } from '../rng.js';
import { maximizeLogEi, type GpDim } from './gp-acquisition.js';
import { fitKernel, GpPosterior, type GpData } from './gp-regression.js';
import { latticeSize, latticeValue } from './lattice.js';
import type { Params, ParamValue, Space } from './space.js';
import type { Direction } from './strategy.js';
import { fromUnit, toUnit, type NumericParam } from './unit-transform.js';

/** The params the GP searches: those without a condition that have more than one value, sorted by name. */
export function gpParams(space: Space): string[] {
  return Object.keys(space)
    .sort()
    .filter((name) => {
      const spec = space[name]!;
      if (spec.when !== undefined) return false;
      return spec.type === 'categorical' ? spec.choices.length > 1 : spec.high > spec.low;
    });
}

/** A numeric param's value k of its lattice, or undefined for a float without a step. */
function latticeOf(spec: NumericParam): { size: number; value(k: number): number; step: number } | undefined {
  if (spec.type === 'float') {
    const step = spec.step;
    if (step === undefined) return undefined;
    return { size: latticeSize(spec.low, spec.high, step), value: (k) => latticeValue(spec.low, spec.high, step, k), step };
  }
  const step = spec.log ? 1 : (spec.step ?? 1);
  return { size: latticeSize(spec.low, spec.high, step), value: (k) => spec.low + k * step, step };
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
  /** Complete trials: their params and value (finite). */
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
  const ys = [...raw, ...input.failed.map(() => worst)];
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  const std = Math.sqrt(ys.reduce((a, b) => a + (b - mean) ** 2, 0) / ys.length);
  // All equal: every target is 0, and EI then spreads trials by variance alone.
  const scale = std > 1e-12 ? std : 1;
  const points = [...input.observed.map((o) => o.params), ...input.failed];
  const d = names.length;
  const data: GpData = {
    x: Float64Array.from(points.flatMap((p) => [...encodeParams(space, names, p)])),
    y: Float64Array.from(ys, (y) => (y - mean) / scale),
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
  const x = maximizeLogEi(posterior, best, gpDims(space, names), input.rng, [data.x.slice(bestAt * d, (bestAt + 1) * d)]);
  return decodeParams(space, names, x);
}
