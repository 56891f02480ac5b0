import { describe, expect, it } from 'vitest';
import { defaultDirection } from '../../src/study/normalize-study.js';

describe('defaultDirection', () => {
  it('maximizes a score, word by word, unless a word says cost', () => {
    for (const m of ['val_accuracy', 'accuracy', 'val_r2', 'auc', 'test-f1', 'macro.precision', 'recall', 'top5_acc']) expect(defaultDirection(m), m).toBe('maximize');
    // inaccuracy and f1_loss were maximized before: a score's name inside another word, or next to a cost.
    for (const m of ['inaccuracy', 'f1_loss', 'val_loss', 'model_size', 'value', 'latency_ms', 'error_rate', 'accuracy_error', 'r2d2']) expect(defaultDirection(m), m).toBe('minimize');
  });
});
