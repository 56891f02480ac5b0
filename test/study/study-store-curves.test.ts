import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineStudy, float, openStorage, runStudy, StudyNotFoundError, TrialPruned, UsageError, type CurvePoint, type StudyStore } from '../../src/index.js';
import { tempDir } from '../helpers/run-cli.js';
import { addCurveSideStudies } from '../helpers/curve-side-studies.js';

/**
 * One real SQLite file with four studies: successive halving on an inline objective (trials of 1, 2 and 4
 * steps; `late` recorded from step 2 on, so only by promoted trials), a trial that diverges, and (helpers)
 * two objectives and a study with no trial yet.
 */
let store: StudyStore;

beforeAll(async () => {
  const db = path.join(tempDir(), 'curves.db');
  await runStudy(
    defineStudy({
      name: 'sha',
      seed: 5,
      space: { x: float(0, 1) },
      strategy: { type: 'successive-halving', candidates: 4, reductionFactor: 2, minBudget: 1, maxBudget: 4 },
      objective: (p, ctx) => {
        let loss = 0;
        for (let step = ctx.fromBudget + 1; step <= ctx.budget; step++) {
          loss = p.x + 1 / step;
          ctx.report(step, loss, { acc: 1 - loss, ...(step >= 2 ? { late: step * 10 } : {}) });
        }
        ctx.saveCheckpoint(new Uint8Array([1]));
        return loss;
      },
    }),
    { storage: db },
  );
  await runStudy(
    defineStudy({
      name: 'diverged',
      space: { x: float(0, 1) },
      strategy: { type: 'random', trials: 1 },
      budget: 3,
      objective: (_p, ctx) => {
        ctx.report(1, 0.5, { grad: Number.NaN });
        ctx.report(2, Number.POSITIVE_INFINITY, { grad: Number.NEGATIVE_INFINITY });
        throw new TrialPruned();
      },
    }),
    { storage: db },
  );
  await addCurveSideStudies(db);
  store = openStorage(db);
});

afterAll(async () => {
  await store?.close();
});

/** Each trial's metrics in the order curves() gives them. */
function metricsByTrial(points: readonly CurvePoint[]): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const p of points) if (out[p.trial]?.at(-1) !== p.metric) (out[p.trial] ??= []).push(p.metric);
  return out;
}

describe('StudyStore.curves', () => {
  it('gives every trial\'s every curve, as the store holds them, by trial, then metric (the study\'s first), then step', async () => {
    const points = await store.curves('sha');
    const trials = await store.trials('sha');
    expect(trials).toHaveLength(4);
    // What the two Storage reads hold, trial by trial: the learning curve, then the other metrics by name.
    const ids = trials.map((t) => t.id);
    const [curves, metricCurves] = [await store.storage.getCurves(ids), await store.storage.getMetricCurves(ids)];
    const expected = trials.flatMap((t, i) => [
      ...curves[i]!.map((p) => ({ trial: t.number, metric: 'value', step: p.step, value: p.value })),
      ...['acc', 'late'].flatMap((m) => (metricCurves[i]![m] ?? []).map((p) => ({ trial: t.number, metric: m, step: p.step, value: p.value }))),
    ]);
    expect(points).toEqual(expected);
    expect([...new Set(metricCurves.flatMap((c) => Object.keys(c)))].sort()).toEqual(['acc', 'late']);
    // Successive halving: one trial reached step 4, one stopped at 2, two at 1; only the promoted ones have `late`.
    const steps = trials.map((t) => points.filter((p) => p.trial === t.number && p.metric === 'value').length).sort();
    expect(steps).toEqual([1, 1, 2, 4]);
    const byTrial = metricsByTrial(points);
    for (const t of trials) expect(byTrial[t.number]).toEqual(t.budget >= 2 ? ['value', 'acc', 'late'] : ['value', 'acc']);
    const best = trials.find((t) => t.budget === 4)!;
    expect(points.filter((p) => p.trial === best.number && p.metric === 'value').map((p) => p.step)).toEqual([1, 2, 3, 4]);
    expect(points.filter((p) => p.trial === best.number && p.metric === 'late').map((p) => [p.step, p.value])).toEqual([[2, 20], [3, 30], [4, 40]]);
    expect(points.find((p) => p.trial === best.number && p.metric === 'value' && p.step === 4)!.value).toBe(best.value);
  });

  it('selects trials by number (each once, in number order), the best k, and metrics (the study\'s still first)', async () => {
    const all = await store.curves('sha');
    expect(await store.curves('sha', { trials: [2, 0, 2] })).toEqual(all.filter((p) => p.trial === 0 || p.trial === 2));
    const [first, second] = await store.best('sha', 2);
    expect((await store.curves('sha', { top: 1 })).every((p) => p.trial === first!.number)).toBe(true);
    const top2 = await store.curves('sha', { top: 2 });
    expect(top2).toEqual(all.filter((p) => p.trial === first!.number || p.trial === second!.number));
    expect(top2.length).toBeGreaterThan(0);
    const some = await store.curves('sha', { metrics: ['late', 'value'] });
    expect(some).toEqual(all.filter((p) => p.metric === 'late' || p.metric === 'value'));
    expect(metricsByTrial(some)[first!.number]).toEqual(['value', 'late']);
    expect(await store.curves('sha', { trials: [first!.number], metrics: ['acc'] })).toEqual(all.filter((p) => p.trial === first!.number && p.metric === 'acc'));
  });

  it('gives NaN and ±Infinity back as numbers', async () => {
    expect(await store.curves('diverged')).toEqual([
      { trial: 0, metric: 'value', step: 1, value: 0.5 },
      { trial: 0, metric: 'value', step: 2, value: Number.POSITIVE_INFINITY },
      { trial: 0, metric: 'grad', step: 1, value: Number.NaN },
      { trial: 0, metric: 'grad', step: 2, value: Number.NEGATIVE_INFINITY },
    ]);
  });

  it('with several objectives: the first objective\'s curve first, the others by name; no best k to take', async () => {
    expect(metricsByTrial(await store.curves('two', { trials: [1] }))).toEqual({ 1: ['f1', 'f2'] });
    await expect(store.curves('two', { top: 1 })).rejects.toThrow(
      new UsageError('study "two" has 2 objectives (f1, f2), so no single best trial: paretoFront("two") gives its Pareto front'),
    );
  });

  it('a study without curves yet has no points, and nothing to pick metrics from', async () => {
    expect(await store.curves('empty')).toEqual([]);
    await expect(store.curves('empty', { metrics: ['value'] })).rejects.toThrow(new UsageError('no trial of "empty" has a curve of "value" (its trials have no curves yet)'));
    await expect(store.curves('empty', { trials: [0] })).rejects.toThrow(new UsageError('study "empty" has no trial 0 (it has no trials yet)'));
    await expect(store.lineage('empty', 0)).rejects.toThrow(new UsageError('study "empty" has no trial 0 (it has no trials yet)'));
  });

  it('refuses a trial, a metric or a study it does not have, naming what there is', async () => {
    await expect(store.curves('nope')).rejects.toThrow(StudyNotFoundError);
    await expect(store.curves('sha', { trials: [0, 99] })).rejects.toThrow(new UsageError('study "sha" has no trial 99 (it has 4: 0 to 3)'));
    await expect(store.curves('sha', { metrics: ['acc', 'valeu'] })).rejects.toThrow(
      new UsageError('no trial of "sha" has a curve of "valeu" (did you mean "value"? its trials have curves of: value, acc, late)'),
    );
    // `late` is recorded, but not by a trial that stopped at step 1.
    const short = (await store.trials('sha')).find((t) => t.budget === 1)!.number;
    await expect(store.curves('sha', { trials: [short], metrics: ['late'] })).rejects.toThrow(
      new UsageError(`none of the trials selected in "sha" has a curve of "late" (they have curves of: value, acc)`),
    );
  });

  it('refuses options of the wrong type or shape, before reading the store', async () => {
    const refusals: [unknown, string][] = [
      [{ trials: [] }, 'curves(): trials must be a non-empty array of trial numbers (got [])'],
      [{ trials: 0 }, 'curves(): trials must be a non-empty array of trial numbers (got 0)'],
      [{ trials: [0, -1] }, 'curves(): trials must be trial numbers, integers ≥ 0 (got -1)'],
      [{ trials: [1.5] }, 'curves(): trials must be trial numbers, integers ≥ 0 (got 1.5)'],
      [{ trials: [0, undefined] }, 'curves(): trials must be trial numbers, integers ≥ 0 (got undefined)'],
      [{ top: 0 }, 'curves(): top must be an integer ≥ 1 (got 0)'],
      [{ top: '2' }, 'curves(): top must be an integer ≥ 1 (got "2")'],
      [{ top: Number.NaN }, 'curves(): top must be an integer ≥ 1 (got NaN)'],
      [{ trials: [0], top: 1 }, 'curves(): give trials or top, not both (got trials [0] and top 1)'],
      [{ metrics: 'acc' }, 'curves(): metrics must be a non-empty array of metric names (got "acc")'],
      [{ metrics: [] }, 'curves(): metrics must be a non-empty array of metric names (got [])'],
      [{ metrics: ['acc', ''] }, 'curves(): metrics must be metric names, non-empty strings (got "")'],
      [{ trial: [0] }, 'curves(): opts has unknown key "trial" (did you mean "trials"? allowed: trials, top, metrics)'],
      [null, 'curves(): opts must be an object, e.g. { trials: [0, 3], metrics: [\'val_loss\'] } (got null)'],
    ];
    for (const [opts, message] of refusals) {
      // An unknown study too: the options are refused first.
      await expect(store.curves('nope', opts as never), JSON.stringify(opts)).rejects.toThrow(new UsageError(message));
    }
  });
});
