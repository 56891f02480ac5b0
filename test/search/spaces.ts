/** Search spaces shared by the strategy tests. */
import type { Params, Space } from '../../src/search/space.js';

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
