/**
 * Validation of a study's `enqueue`: the points its first trials start from
 * (Optuna's enqueue_trial, Ray Tune's points_to_evaluate). Each point is an
 * object of params of the space, each value one the param can take (within
 * low..high, on its step lattice, an integer for an int, one of the choices);
 * a param left out is drawn. A conditional param may only be given with the
 * params its condition names, at values that make it hold (so the draw of
 * the rest cannot drop it).
 *
 *   enqueue[1].lr must be within [0.0001, 1] (got 3)
 *   enqueue[0].momentum: momentum is only in trials where optimizer is "momentum" (the point has "adam")
 *   enqueue[0].rho: rho is only in trials where optimizer is "rmsprop": give optimizer in the point
 *   enqueue has 5 points: the strategy starts 4 trials
 *
 * Grid search runs every cell already, and the grid sampler of successive
 * halving takes cells in order: neither draws, so neither takes points.
 */
import { didYouMean, formatValue, isRecord } from '../format-value.js';
import { latticeSize } from './lattice.js';
import { whenValues } from './param-conditions.js';
import { whenText } from './validate-conditions.js';
import type { ParamSpec, Space } from './space.js';

/** Problems of `enqueue` for a valid `space`, and the strategy `type` (and sampler) it goes with. */
export function validateEnqueue(enqueue: unknown, space: Space, strategy: { type?: unknown; sampler?: unknown }, path = 'enqueue'): string[] {
  if (enqueue === undefined) return [];
  if (!Array.isArray(enqueue)) return [`${path} must be an array of points, each an object of params, e.g. [{ "lr": 0.001, "optimizer": "adam" }] (got ${formatValue(enqueue)})`];
  if (strategy.type === 'grid' || (strategy.type === 'successive-halving' && strategy.sampler === 'grid')) {
    return [`${path} is for strategies that draw their trials: ${strategy.type === 'grid' ? 'grid search runs every cell of its grid' : 'successive halving with sampler "grid" takes its candidates from the grid\'s cells'}`];
  }
  const issues: string[] = [];
  const names = Object.keys(space).sort();
  enqueue.forEach((point: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(point)) {
      issues.push(`${at} must be an object of params (got ${formatValue(point)})`);
      return;
    }
    for (const [name, value] of Object.entries(point)) {
      const spec = space[name];
      if (spec === undefined || !Object.prototype.hasOwnProperty.call(space, name)) {
        issues.push(`${at}.${name} is not a param of the space (${didYouMean(name, names)}params: ${names.join(', ')})`);
        continue;
      }
      const problem = valueProblem(spec, value);
      if (problem) issues.push(`${at}.${name} ${problem} (got ${formatValue(value)})`);
      // A conditional param needs its condition to hold in the point itself: left to the draw, a parent
      // could take a value that drops the param given. Each parent given is checked in turn, so a chain holds.
      for (const [parent, entry] of Object.entries(spec.when ?? {})) {
        const given = point[parent];
        const allowed = whenText(entry);
        if (given === undefined) issues.push(`${at}.${name}: ${name} is only in trials where ${parent} is ${allowed}: give ${parent} in the point`);
        else if (!whenValues(entry).includes(given as never)) issues.push(`${at}.${name}: ${name} is only in trials where ${parent} is ${allowed} (the point has ${formatValue(given)})`);
      }
    }
  });
  return issues;
}

/** What is wrong with `v` as a value of `spec`, or undefined. */
function valueProblem(spec: ParamSpec, v: unknown): string | undefined {
  if (spec.type === 'categorical') {
    return spec.choices.includes(v as never) ? undefined : `must be one of ${spec.choices.map((c) => formatValue(c)).join(', ')}`;
  }
  const isInt = spec.type === 'int';
  if (typeof v !== 'number' || !Number.isFinite(v) || (isInt && !Number.isInteger(v))) return `must be ${isInt ? 'an integer' : 'a finite number'}`;
  if (v < spec.low || v > spec.high) return `must be within [${spec.low}, ${spec.high}]`;
  const step = spec.step ?? (isInt ? 1 : undefined);
  if (step !== undefined && spec.log !== true) {
    const k = (v - spec.low) / step;
    if (Math.abs(k - Math.round(k)) > 1e-9 * Math.max(1, Math.abs(k)) || Math.round(k) >= latticeSize(spec.low, spec.high, step)) {
      return `must be low + k·step (${spec.low} + k·${step})`;
    }
  }
  return undefined;
}
