import { describe, expect, it } from 'vitest';
import { objectiveVector, paretoFront, updateFront } from '../../src/stats/pareto-front.js';
import type { Objective } from '../../src/search/strategy.js';
import type { TrialRow } from '../../src/storage/storage.js';
import { Rng } from '../../src/rng.js';

let next = 0;
function trial(loss: number | undefined, acc: number | undefined, over: Partial<TrialRow> = {}): TrialRow {
  const metrics: Record<string, number> = {};
  if (loss !== undefined) metrics.loss = loss;
  if (acc !== undefined) metrics.acc = acc;
  return {
    id: next, studyId: 1, number: next++, state: 'complete', params: {}, seed: 0, budget: 1, target: 1, bracket: 0,
    value: loss ?? null, metrics, rungValues: new Map(), epochsTrained: 1, error: null, startedAt: null, finishedAt: null,
    durationMs: 0, owner: null, heartbeatAt: null, rev: 0, ...over,
  };
}
const objectives: Objective[] = [{ metric: 'loss', direction: 'minimize' }, { metric: 'acc', direction: 'maximize' }];

describe('paretoFront', () => {
  it('keeps the complete trials nothing beats on every objective, in each direction, by the first objective', () => {
    next = 0;
    const trials = [
      trial(0.5, 0.9), // 0: front
      trial(0.2, 0.7), // 1: front
      trial(0.6, 0.8), // 2: beaten by 0
      trial(0.9, 0.95), // 3: front (best accuracy)
      trial(0.2, 0.7), // 4: equal to 1: on it too
      trial(0.1, 0.99, { state: 'pruned' }), // 5: not complete
      trial(0.05, 1, { state: 'failed' }), // 6: failed
      trial(0.01, undefined), // 7: no accuracy: not ranked
      trial(Number.NaN, 1), // 8: not finite
    ];
    expect(paretoFront(trials, objectives).map((t) => t.number)).toEqual([1, 4, 0, 3]);
    expect(objectiveVector(trials[0]!, objectives)).toEqual([0.5, 0.9]);
    expect(objectiveVector(trials[7]!, objectives)).toBeUndefined();
    expect(paretoFront([], objectives)).toEqual([]);
  });

  it('updateFront, trial by trial, ends where paretoFront does', () => {
    next = 0;
    const rng = new Rng(3);
    const trials = Array.from({ length: 300 }, () =>
      trial(Math.round(rng.uniform(0, 20)) / 20, Math.round(rng.uniform(0, 20)) / 20, { state: rng.uniform(0, 1) < 0.1 ? 'failed' : 'complete' }),
    );
    let front: TrialRow[] = [];
    trials.forEach((t, i) => {
      front = updateFront(front, t, objectives);
      if (i % 50 === 49) expect(front.map((f) => f.number).sort((a, b) => a - b)).toEqual(paretoFront(trials.slice(0, i + 1), objectives).map((f) => f.number).sort((a, b) => a - b));
    });
    expect(front.length).toBeGreaterThan(1);
  });
});
