import { describe, expect, it } from 'vitest';
import { importanceSample } from '../../src/study/importance-sample.js';
import type { TrialRow } from '../../src/storage/storage.js';

/** A trial with a learning curve over `steps` (value = base + step / 100), ending at its last step. */
function trial(number: number, steps: number, base: number): { row: TrialRow; curve: { step: number; value: number }[] } {
  const curve = Array.from({ length: steps }, (_, i) => ({ step: i + 1, value: base + (i + 1) / 100 }));
  const row = { number, params: { x: number }, budget: steps, rungValues: new Map([[steps, curve.at(-1)!.value]]) } as unknown as TrialRow;
  return { row, curve };
}

describe('importanceSample', () => {
  it('takes every trial at the step most trials share, the later one on a tie', () => {
    // Full-budget search: every trial has every step, so the last one.
    const full = [trial(0, 5, 1), trial(1, 5, 2)];
    expect(importanceSample(full.map((t) => t.row), Object.fromEntries(full.map((t, i) => [i, t.curve])))).toEqual({
      step: 5,
      sample: [
        { params: { x: 0 }, value: 1.05 },
        { params: { x: 1 }, value: 2.05 },
      ],
      counts: new Map([1, 2, 3, 4, 5].map((s) => [s, 2])),
    });
  });

  it('takes every trial at a step asked for instead, and counts the trials at every step', () => {
    const ts = [trial(0, 9, 1), trial(1, 3, 2), trial(2, 3, 3), trial(3, 9, 4)];
    const taken = importanceSample(ts.map((t) => t.row), Object.fromEntries(ts.map((t, i) => [i, t.curve])), 9);
    expect(taken.step).toBe(9);
    expect(taken.sample).toEqual([
      { params: { x: 0 }, value: 1.09 },
      { params: { x: 3 }, value: 4.09 },
    ]);
    expect([...taken.counts].sort((a, b) => a[0] - b[0])).toEqual([[1, 4], [2, 4], [3, 4], [4, 2], [5, 2], [6, 2], [7, 2], [8, 2], [9, 2]]);
    // A step no trial reached: no sample (StudyStore.importance then says which steps have values).
    expect(importanceSample(ts.map((t) => t.row), Object.fromEntries(ts.map((t, i) => [i, t.curve])), 10).sample).toEqual([]);
  });

  it('keeps the trials a median pruner stopped together with the survivors, at the first epoch they all have', () => {
    // Two trials ran the 20 epochs, three stopped at epoch 1 or 2: by budgets alone the sample would be only the stopped ones.
    const ts = [trial(0, 20, 1), trial(1, 20, 2), trial(2, 1, 3), trial(3, 1, 4), trial(4, 2, 5)];
    const { step, sample } = importanceSample(ts.map((t) => t.row), Object.fromEntries(ts.map((t, i) => [i, t.curve])));
    expect(step).toBe(1);
    expect(sample.map((s) => s.params.x)).toEqual([0, 1, 2, 3, 4]);
    expect(sample.map((s) => s.value)).toEqual([1.01, 2.01, 3.01, 4.01, 5.01]);
  });

  it('leaves failed trials out: a diverged curve neither picks the step nor joins the sample', () => {
    // Three trials trained the 20 epochs; one diverged at epoch 10, with values in the thousands before it.
    const ts = [trial(0, 20, 1), trial(1, 20, 2), trial(2, 20, 3), trial(3, 9, 1000)];
    ts[3]!.row = { ...ts[3]!.row, state: 'failed', rungValues: new Map() } as unknown as TrialRow;
    const { step, sample } = importanceSample(ts.map((t) => t.row), Object.fromEntries(ts.map((t, i) => [i, t.curve])));
    // With it, epochs 1 … 9 would have four values against three at epoch 20, and epoch 9 would be taken.
    expect(step).toBe(20);
    expect(sample.map((s) => s.params.x)).toEqual([0, 1, 2]);
  });

  it('has no step and no sample when no trial has a value', () => {
    expect(importanceSample([], {})).toEqual({ step: undefined, sample: [], counts: new Map() });
  });
});
