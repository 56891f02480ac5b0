/**
 * The Sobol sampler's draws (Optuna's QMCSampler with qmc_type "sobol",
 * scramble=True): trial n takes point n of a scrambled Sobol sequence with
 * one dimension per param of the space, its coordinates handed out in the
 * order sampleParams draws (sorted names, conditional params included), so
 * each param gets the same coordinate whatever `when` says. The scramble is
 * seeded from the study seed alone, so trial n's params depend on the seed
 * and n only, on any number of threads.
 */
import { deriveSeed, Rng } from '../rng.js';
import type { TrialUniforms, Uniforms } from './sample-params.js';
import { sobolPoint, sobolSequence } from './sobol.js';
import type { Space } from './space.js';

/** The scramble's Rng stream: one no trial uses (trial numbers stay far below it; gridSubset has 0x7fffffff). */
const SCRAMBLE_STREAM = 0x7ffffffe;

export function sobolUniforms(space: Space, seed: number): TrialUniforms {
  const sequence = sobolSequence(Object.keys(space).length, new Rng(deriveSeed(seed, SCRAMBLE_STREAM)));
  return (number) => pointUniforms(sobolPoint(sequence, number));
}

/** The coordinates of `point` one per call, each mapped as a uniform draw (int: ⌊u·n⌋, so 2^k points split evenly over 2^k values). */
export function pointUniforms(point: Float64Array): Uniforms {
  let i = 0;
  const next = (): number => {
    if (i >= point.length) throw new RangeError(`pointUniforms: the point has ${point.length} coordinates, all taken`);
    return point[i++]!;
  };
  return {
    uniform: (low, high) => low + (high - low) * next(),
    int: (n) => Math.min(n - 1, Math.floor(next() * n)),
  };
}
