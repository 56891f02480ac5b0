import { describe, expect, it } from 'vitest';
import { objectiveMetrics, objectiveValue, objectiveValues } from '../../src/pool/objective-values.js';
import { runObjectiveJob, type ObjectiveResult } from '../../src/pool/run-objective-job.js';
import type { ObjectiveJob } from '../../src/pool/protocol.js';

const metrics = ['loss', 'size'];

describe('objectiveValues', () => {
  it('reads an array in the objectives order, or an object naming each, keeping other numbers as extras', () => {
    expect(objectiveValues([0.1, 300], metrics)).toEqual({ values: [0.1, 300], extra: {} });
    expect(objectiveValues({ size: 300, loss: 0.1, ms: 4, note: 'x' }, metrics)).toEqual({ values: [0.1, 300], extra: { ms: 4 } });
    // Non-finite numbers are values (the caller fails the trial as diverged), not a wrong shape.
    expect(objectiveValues([Number.NaN, 1], metrics)).toEqual({ values: [Number.NaN, 1], extra: {} });
  });

  it('names the shape it wants and what was missing', () => {
    const wanted = '2 numbers, [loss, size] in that order, or an object { loss: number, size: number }';
    expect(objectiveValues([0.1], metrics)).toEqual({ problem: `must give ${wanted} (got [0.1])` });
    expect(objectiveValues([0.1, '3'], metrics)).toEqual({ problem: `must give ${wanted} (got [0.1,"3"])` });
    expect(objectiveValues({ loss: 0.1 }, metrics)).toEqual({ problem: `must give ${wanted}: "size" missing or not a number (got {"loss":0.1})` });
    expect(objectiveValues(0.1, metrics)).toEqual({ problem: `must give ${wanted} (got 0.1)` });
  });

  it('objectiveMetrics puts each value under its metric, over the extras', () => {
    expect(objectiveMetrics([1, 2], { size: 9, ms: 3 }, metrics)).toEqual({ ms: 3, loss: 1, size: 2 });
  });
});

describe('objectiveValue (one objective)', () => {
  it('reads a number, or an object with the metric whose other numbers are extras', () => {
    expect(objectiveValue(0.1, 'loss')).toEqual({ value: 0.1, extra: {} });
    expect(objectiveValue({ accuracy: 0.9, loss: 0.1, note: 'x', ms: 4 }, 'loss')).toEqual({ value: 0.1, extra: { accuracy: 0.9, ms: 4 } });
    // Non-finite is a value (the caller fails the trial as diverged), not a wrong shape.
    expect(objectiveValue({ loss: Number.NaN }, 'loss')).toEqual({ value: Number.NaN, extra: {} });
  });

  it('names the metric an object lacks, and points several values to `objectives`', () => {
    expect(objectiveValue({ los: 0.1, accuracy: 0.9 }, 'loss')).toEqual({
      expected: 'a number, or an object with the study\'s metric "loss" as a number and any other metrics beside it (got {"los":0.1,"accuracy":0.9}: no "loss"; several values to optimise are declared as "objectives")',
    });
    expect(objectiveValue({ loss: '0.1' }, 'loss')).toMatchObject({ expected: expect.stringContaining('(got {"loss":"0.1"}: no "loss";') });
    expect(objectiveValue([0.1, 2], 'loss')).toEqual({ expected: 'a number (got an array: a study that returns several values declares them as "objectives")' });
    expect(objectiveValue('x', 'loss')).toEqual({ expected: 'a number (got string)' });
    expect(objectiveValue(null, 'loss')).toEqual({ expected: 'a number (got null)' });
  });
});

describe('runObjectiveJob with one objective', () => {
  const job: ObjectiveJob = { kind: 'objective', module: '(inline)', trialNumber: 0, params: {}, seed: 1, budget: 1, fromBudget: 0, metric: 'loss' };
  it('points an objective that returns several values to `objectives`', async () => {
    expect(await runObjectiveJob(job, () => [0.1, 2])).toMatchObject({
      state: 'failed',
      message: 'the objective must return a number (got an array: a study that returns several values declares them as "objectives")',
    });
    expect(await runObjectiveJob(job, () => ({ los: 0.1 }))).toMatchObject({ state: 'failed', reason: 'error', message: expect.stringMatching(/^the objective must return a number, or an object with the study's metric "loss" /) });
    expect(await runObjectiveJob(job, () => 'x' as unknown as number)).toMatchObject({ message: 'the objective must return a number (got string)' });
  });

  it('takes an object with the metric: its value, and every number in it as a metric', async () => {
    expect(await runObjectiveJob(job, async () => ({ accuracy: 0.9, loss: 0.25, note: 'kept out' }) as unknown as ObjectiveResult)).toEqual(
      expect.objectContaining({ state: 'complete', value: 0.25, metrics: { accuracy: 0.9, loss: 0.25 }, budget: 1 }),
    );
    // Diverged: failed, its other metrics kept (as a multi-objective trial's values are).
    expect(await runObjectiveJob(job, () => ({ loss: Infinity, accuracy: 0.1 }))).toMatchObject({
      state: 'failed',
      reason: 'diverged',
      message: 'the objective returned Infinity',
      metrics: { accuracy: 0.1 },
    });
  });

  it('keeps the other metrics of a trial the pruner stopped, and a checkpoint saved beside them', async () => {
    const stop = { direction: 'minimize' as const, thresholds: [{ step: 2, value: 1 }] };
    const stopped = await runObjectiveJob({ ...job, budget: 5, stop }, (_p, ctx) => {
      let step = 0;
      while (!ctx.shouldPrune()) ctx.report(++step, 2);
      return { loss: 2, accuracy: 0.5 };
    });
    expect(stopped).toMatchObject({ state: 'pruned', value: 2, budget: 2, metrics: { loss: 2, accuracy: 0.5 } });
    const saved = await runObjectiveJob(job, (_p, ctx) => {
      ctx.saveCheckpoint(new Uint8Array([7]));
      return { loss: 0.5, accuracy: 0.8 };
    });
    expect(saved).toMatchObject({ state: 'complete', metrics: { loss: 0.5, accuracy: 0.8 }, checkpoint: new Uint8Array([7]) });
  });
});

describe('runObjectiveJob with several objectives', () => {
  const job: ObjectiveJob = { kind: 'objective', module: '(inline)', trialNumber: 0, params: {}, seed: 1, budget: 4, fromBudget: 0, metric: 'loss', objectives: metrics };

  it('completes with the first objective as its value and every objective in its metrics', async () => {
    expect(await runObjectiveJob(job, () => [0.25, 120])).toMatchObject({ state: 'complete', value: 0.25, metrics: { loss: 0.25, size: 120 }, budget: 4 });
    expect(await runObjectiveJob(job, async () => ({ size: 7, loss: 0.5, ms: 2 }))).toMatchObject({ state: 'complete', value: 0.5, metrics: { loss: 0.5, size: 7, ms: 2 } });
  });

  it('fails as diverged on a value that is not finite, and as an error on a wrong shape', async () => {
    // Its values stay as metrics: which one was not finite can be read back.
    expect(await runObjectiveJob(job, () => [0.25, Infinity])).toMatchObject({
      state: 'failed',
      reason: 'diverged',
      message: 'the objective returned loss 0.25, size Infinity',
      metrics: { loss: 0.25, size: Infinity },
    });
    const r = await runObjectiveJob(job, () => 0.25);
    expect(r).toMatchObject({ state: 'failed', reason: 'error' });
    expect(r.state === 'failed' && r.message).toMatch(/^the objective must give 2 numbers, \[loss, size\]/);
  });
});
