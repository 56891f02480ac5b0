/**
 * Sampling of one point of a space (random search, the random sampler of
 * successive halving, Hyperband, ASHA; with a Sobol point instead of an Rng,
 * the Sobol sampler: sobol-uniforms.ts). Each param takes one draw from its
 * Uniforms, mapped to a value as below.
 *
 * - float: uniform in [low, high); log: log-uniform (exp of a uniform draw of
 *   the log); step: uniform over the lattice low + k·step ≤ high.
 * - int: uniform over the lattice low + k·step ≤ high; log (step 1): a
 *   log-uniform draw on [low − 0.5, high + 0.5] rounded to the nearest
 *   integer, as Optuna does, so each integer gets the log-width of its
 *   rounding interval.
 * - categorical: uniform over `choices`.
 *
 * `values` and `points` are grid declarations and are ignored here: random
 * sampling draws from the whole [low, high] range.
 *
 * Params are drawn in sorted name order (and the result's keys are sorted),
 * so the draw does not depend on the key order of the space object. Every
 * value lies inside its bounds. Conditional params are drawn too and then
 * dropped where their condition fails (activeParams), so adding a `when`
 * does not change the other params' draws. The space must be valid
 * (validateSpace).
 */
import { deriveSeed, Rng } from '../rng.js';
import { latticeSize, latticeValue } from './lattice.js';
import { activeParams } from './param-conditions.js';
import { sobolUniforms } from './sobol-uniforms.js';
import type { ParamSpec, ParamValue, Params, Space } from './space.js';
import type { StrategyInit } from './strategy.js';

/**
 * Where params' values come from: each call is one draw, uniform in [low, high) or over 0 … n − 1.
 * An Rng is one (its int() rejects to stay unbiased, so random draws are what they were before
 * this interface); a Sobol point, one coordinate per call, is another (sobol-uniforms.ts).
 */
export interface Uniforms {
  uniform(low: number, high: number): number;
  int(n: number): number;
}

/** Trial n's source of draws. */
export type TrialUniforms = (number: number) => Uniforms;

/** How random search and successive halving draw trials: seeded random draws, or a scrambled Sobol sequence. */
export type Sampler = 'random' | 'sobol';

/** One point of `space`, drawn from `rng` (or any Uniforms). */
export function sampleParams(space: Space, rng: Uniforms): Params {
  return activeParams(space, drawEvery(space, rng));
}

/** A value for every param of `space`, conditional or not, in sorted name order. */
export function drawEvery(space: Space, rng: Uniforms): Params {
  const params: Params = {};
  for (const name of Object.keys(space).sort()) params[name] = sampleParam(space[name]!, rng);
  return params;
}

/** One value of one param, from one draw of `rng`. */
export function sampleParam(spec: ParamSpec, rng: Uniforms): ParamValue {
  switch (spec.type) {
    case 'categorical':
      return spec.choices[rng.int(spec.choices.length)]!;
    case 'int': {
      if (spec.log === true) {
        const x = Math.exp(rng.uniform(Math.log(spec.low - 0.5), Math.log(spec.high + 0.5)));
        return clamp(Math.round(x), spec.low, spec.high);
      }
      const step = spec.step ?? 1;
      return spec.low + rng.int(latticeSize(spec.low, spec.high, step)) * step;
    }
    case 'float': {
      if (spec.log === true) {
        return clamp(Math.exp(rng.uniform(Math.log(spec.low), Math.log(spec.high))), spec.low, spec.high);
      }
      if (spec.step !== undefined) {
        const k = rng.int(latticeSize(spec.low, spec.high, spec.step));
        return latticeValue(spec.low, spec.high, spec.step, k);
      }
      return clamp(rng.uniform(spec.low, spec.high), spec.low, spec.high);
    }
  }
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

/**
 * The params of trial `number` in a study seeded `seed`: drawn from an Rng of
 * their own, deriveSeed(seed, number), so they never depend on timing, on
 * thread count or on the other trials. Every sampling strategy uses this.
 */
export function trialParams(space: Space, seed: number, number: number): Params {
  return sampleParams(space, new Rng(deriveSeed(seed, number)));
}

/** Trial n's random draws: new Rng(deriveSeed(seed, n)). */
export function randomUniforms(seed: number): TrialUniforms {
  return (number) => new Rng(deriveSeed(seed, number));
}

/** The draws of a sampler: trial n's Rng, or point n of the study's scrambled Sobol sequence. */
export function trialUniforms(sampler: Sampler, space: Space, seed: number): TrialUniforms {
  return sampler === 'sobol' ? sobolUniforms(space, seed) : randomUniforms(seed);
}

/**
 * The params trial `number` starts with in a strategy that draws them: the
 * study's enqueued point for that number (Optuna's enqueue_trial, Ray Tune's
 * points_to_evaluate), its params left out filled from the trial's own
 * draw, or else that draw (by default random: trialParams).
 */
export function startParams(
  space: Space,
  init: Pick<StrategyInit, 'seed' | 'enqueued'>,
  number: number,
  uniforms: TrialUniforms = randomUniforms(init.seed),
): Params {
  const point = init.enqueued?.[number];
  return activeParams(space, { ...drawEvery(space, uniforms(number)), ...point });
}

/**
 * Trial `number`'s random draw with a model's `chosen` values in place of some of its own; conditional params are then
 * kept or dropped by the chosen values (a categorical the model picks decides which of them the trial has).
 */
export function drawnWith(space: Space, seed: number, number: number, chosen: Params): Params {
  return activeParams(space, { ...drawEvery(space, new Rng(deriveSeed(seed, number))), ...chosen });
}

/** True when trial `number` starts from an enqueued point: no strategy's model decides its params. */
export function isEnqueued(init: Pick<StrategyInit, 'enqueued'>, number: number): boolean {
  return number < (init.enqueued?.length ?? 0);
}
