/** Search spaces shared by the strategy tests. */
import type { Space } from '../../src/search/space.js';

/** A mixed space: log float, stepped float, stepped int, categorical. */
export const mixedSpace: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true, points: 3 },
  momentum: { type: 'float', low: 0, high: 0.9, step: 0.1, values: [0, 0.9] },
  batchSize: { type: 'int', low: 16, high: 64, step: 16 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
};
