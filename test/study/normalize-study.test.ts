import { describe, expect, it } from 'vitest';
import { defaultDirection, normalizeStudy } from '../../src/study/normalize-study.js';
import type { StudySpec } from '../../src/study/study-spec.js';

describe('defaultDirection', () => {
  it('maximizes a score, word by word, unless a word says cost', () => {
    for (const m of ['val_accuracy', 'accuracy', 'val_r2', 'auc', 'test-f1', 'macro.precision', 'recall', 'top5_acc']) expect(defaultDirection(m), m).toBe('maximize');
    // inaccuracy and f1_loss were maximized before: a score's name inside another word, or next to a cost.
    for (const m of ['inaccuracy', 'f1_loss', 'val_loss', 'model_size', 'value', 'latency_ms', 'error_rate', 'accuracy_error', 'r2d2']) expect(defaultDirection(m), m).toBe('minimize');
  });
});

describe('normalizeStudy: successive halving\'s minBudget "exhaust"', () => {
  const study = (strategy: Record<string, unknown>) =>
    normalizeStudy(
      { name: 'm', objective: 'obj.mjs', space: { lr: { type: 'float', low: 1e-4, high: 1, log: true } }, strategy: { type: 'successive-halving', candidates: 36, minBudget: 'exhaust', maxBudget: 81, ...strategy } as StudySpec['strategy'] },
      '/',
    );

  it('turns it into the budget, with the study\'s η, and records what it came to', () => {
    expect(study({}).strategy).toMatchObject({ candidates: 36, minBudget: 3, maxBudget: 81 });
    expect(study({}).exhausted).toEqual({ option: 'minBudget', minBudget: 3, candidates: 36, maxBudget: 81, top: 1, needs: 27 });
    // η 2: 36 → 18 → 9 → 4 → 2 → 1 takes 5 cuts, so 81 / 2^5 → 2 (2, 4, 8, 16, 32, 81).
    expect(study({ reductionFactor: 2 }).exhausted).toMatchObject({ minBudget: 2, top: 1, needs: 32 });
    // A number stays as given, with nothing recorded.
    expect(study({ minBudget: 1 }).exhausted).toBeUndefined();
  });
});
