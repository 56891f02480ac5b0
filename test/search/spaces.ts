/** Search spaces shared by the strategy tests. */
import type { Params, Space } from '../../src/search/space.js';
import type { Objective, StrategyInit } from '../../src/search/strategy.js';
import type { SimulateOptions } from './simulate.js';

/** Four params of every kind for the model-based strategies (CMA-ES, GP): a log float, a log int, a float, a categorical. */
export const bowlSpace: Space = {
  x: { type: 'float', low: -5, high: 5 },
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  n: { type: 'int', low: 1, high: 64, log: true },
  k: { type: 'categorical', choices: ['a', 'b', 'c'] },
};

/** Over bowlSpace: minimum 0 at x = 1.3, lr = 0.01, n = 8, k = "b"; x and lr interact (a valley along x + 2·log10(lr)). */
export const bowl = (p: Params): number =>
  ((p.x as number) - 1.3) ** 2 + 4 * ((p.x as number) - 1.3 + 2 * (Math.log10(p.lr as number) + 2)) ** 2 + (Math.log2(p.n as number) - 3) ** 2 / 4 + (p.k === 'b' ? 0 : 1);

/** A mixed space: log float, stepped float, stepped int, categorical. */
export const mixedSpace: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true, points: 3 },
  momentum: { type: 'float', low: 0, high: 0.9, step: 0.1, values: [0, 0.9] },
  batchSize: { type: 'int', low: 16, high: 64, step: 16 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
};

/**
 * A conditional space (param-conditions.ts), gridable: momentum only for the momentum optimizer, beta1 and
 * amsgrad only for adam, and beta2 only when amsgrad is on (a chain of two conditions).
 */
export const conditionalSpace: Space = {
  optimizer: { type: 'categorical', choices: ['sgd', 'momentum', 'adam'] },
  lr: { type: 'float', low: 1e-3, high: 1, log: true, points: 2 },
  momentum: { type: 'float', low: 0.5, high: 0.99, values: [0.5, 0.9, 0.99], when: { optimizer: 'momentum' } },
  beta1: { type: 'float', low: 0.5, high: 0.95, step: 0.05, values: [0.8, 0.9], when: { optimizer: ['adam'] } },
  amsgrad: { type: 'categorical', choices: [false, true], when: { optimizer: 'adam' } },
  beta2: { type: 'categorical', choices: [0.99, 0.999], when: { amsgrad: true, optimizer: 'adam' } },
};

/** ZDT1 over the floats x0 … x{d−1} in [0, 1] (both minimised): the front is f2 = 1 − √f1 where x1 … = 0. */
export const zdtSpace = (d: number): Space => Object.fromEntries(Array.from({ length: d }, (_, i) => [`x${i}`, { type: 'float', low: 0, high: 1 }]));
export function zdt1(p: Params): { f1: number; f2: number } {
  const xs = Object.keys(p).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).map((k) => p[k] as number);
  const f1 = xs[0]!;
  const g = 1 + (9 * xs.slice(1).reduce((s, x) => s + x, 0)) / (xs.length - 1);
  return { f1, f2: g * (1 - Math.sqrt(f1 / g)) };
}
/** ZDT1's two objectives, both minimised. */
export const zdtObjectives: Objective[] = [
  { metric: 'f1', direction: 'minimize' },
  { metric: 'f2', direction: 'minimize' },
];
/** simulate's options for ZDT1: the value is f1 (a multi-objective study's first objective), the metrics both. */
export const zdtPlay: SimulateOptions = { objective: (p) => zdt1(p).f1, metrics: (p) => zdt1(p) };
/** A strategy's init for ZDT1 (minimising; `extra` may change the objectives). */
export const zdtInit = (seed: number, extra: Partial<StrategyInit> = {}): StrategyInit => ({ seed, direction: 'minimize', objectives: zdtObjectives, ...extra });
