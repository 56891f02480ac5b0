import { describe, expect, it } from 'vitest';
import { accuracy, heldOutScores, logLoss, mae, metricNames, mse, r2, rmse } from '../../src/tasks/metrics.js';

const f = (...v: number[]) => Float64Array.from(v);

describe('metrics', () => {
  it('mse, rmse, mae', () => {
    expect(mse(f(1, 2, 3), f(1, 4, 6), 3)).toBeCloseTo(13 / 3, 12);
    expect(rmse(f(0, 0), f(3, -3), 2)).toBe(3);
    expect(mae(f(1, 2), f(2, 4), 2)).toBe(1.5);
    // Only the first n entries count (preallocated buffers).
    expect(mse(f(1, 99), f(1, 0), 1)).toBe(0);
  });

  it('r2: 1 for a perfect fit, 0 for the mean, negative when worse; constant target handled', () => {
    expect(r2(f(1, 2, 3), f(1, 2, 3), 3)).toBe(1);
    expect(r2(f(2, 2, 2), f(1, 2, 3), 3)).toBe(0);
    expect(r2(f(3, 2, 1), f(1, 2, 3), 3)).toBe(-3);
    expect(r2(f(5, 5), f(5, 5), 2)).toBe(1);
    expect(r2(f(4, 5), f(5, 5), 2)).toBe(0);
  });

  it('log loss and accuracy', () => {
    expect(logLoss(f(0.5, 0.5), f(0, 1), 2)).toBeCloseTo(Math.LN2, 12);
    expect(logLoss(f(0.9), f(1), 1)).toBeCloseTo(-Math.log(0.9), 12);
    expect(Number.isFinite(logLoss(f(0), f(1), 1))).toBe(true);
    expect(accuracy(f(0, 1, 2, 2), f(0, 1, 1, 2), 4)).toBe(0.75);
  });

  it('metric names by output', () => {
    expect(metricNames('regression')).toContain('val_r2');
    expect(metricNames('binary')).toEqual(['train_loss', 'val_loss', 'val_log_loss', 'val_accuracy', 'model_size']);
  });
});

describe('heldOutScores', () => {
  it("gives the metric's test twin, then scikit-learn's score (accuracy, or r2), each once and only those recorded", () => {
    const cls = { val_loss: 0.1, test_loss: 0.4, test_log_loss: 0.4, test_accuracy: 0.9, model_size: 15 };
    expect(heldOutScores('val_loss', cls)).toEqual([['test_loss', 0.4], ['test_accuracy', 0.9]]);
    expect(heldOutScores('val_accuracy', cls)).toEqual([['test_accuracy', 0.9]]);
    expect(heldOutScores('model_size', cls)).toEqual([['test_accuracy', 0.9]]);
    expect(heldOutScores('val_mae', { test_mae: 2, test_r2: 0.5, test_loss: 3 })).toEqual([['test_mae', 2], ['test_r2', 0.5]]);
    expect(heldOutScores('val_loss', { val_loss: 0.1 })).toEqual([]);
  });
});
