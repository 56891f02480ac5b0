/** Search spaces shared by the strategy tests. */
import type { Space } from '../../src/search/space.js';

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
