import { describe, expect, it } from 'vitest';
import { dataLine } from '../../src/cli/data-line.js';

describe('dataLine', () => {
  it('gives the rows of each part, the held-out test rows only when there are some', () => {
    expect(dataLine({ rows: 569, train: 341, validation: 114, test: 114 })).toBe('data: 569 rows: 341 train, 114 validation, 114 test (held out, task.test)');
    expect(dataLine({ rows: 150, train: 120, validation: 30, test: 0 })).toBe('data: 150 rows: 120 train, 30 validation');
    expect(dataLine({ rows: 150, train: 96, validation: 24, test: 30, folds: 5 })).toBe('data: 150 rows: 5 folds of about 96 train / 24 validation, 30 test (held out, task.test)');
  });
});
