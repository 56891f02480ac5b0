import { describe, expect, it } from 'vitest';
import { runObjectiveJob, TrialPruned, type Objective } from '../../src/pool/run-objective-job.js';
import type { ObjectiveJob } from '../../src/pool/protocol.js';

const job: ObjectiveJob = { kind: 'objective', module: '(inline)', trialNumber: 0, params: {}, seed: 1, budget: 9, fromBudget: 3, metric: 'value' };
/** Reports steps fromBudget+1 … upTo, then ends as `end` says. */
const reporting = (upTo: number, end: () => number): Objective => (_p, ctx) => {
  for (let s = ctx.fromBudget + 1; s <= upTo; s++) ctx.report(s, 1 / s);
  return end();
};

describe('runObjectiveJob', () => {
  it('counts the budget as trained when the objective returns', async () => {
    const r = await runObjectiveJob(job, () => 0.5);
    expect(r).toMatchObject({ state: 'complete', value: 0.5, budget: 9, epochsTrained: 6 });
    // It returned, so it ran its course even if the value is not a number.
    expect(await runObjectiveJob(job, () => Number.NaN)).toMatchObject({ state: 'failed', reason: 'diverged', budget: 9, epochsTrained: 6 });
  });

  it("records the metrics reported beside each step as their own curves, the study's metric and non-numbers left out", async () => {
    const r = await runObjectiveJob(job, (_p, ctx) => {
      for (let s = 4; s <= 6; s++) ctx.report(s, 1 / s, { accuracy: s / 10, value: 99, note: 'x' as unknown as number });
      ctx.report(7, 1 / 7);
      return 0.1;
    });
    expect(r).toMatchObject({ state: 'complete', value: 0.1 });
    expect(r.metricCurves).toEqual({ accuracy: [{ step: 4, value: 0.4 }, { step: 5, value: 0.5 }, { step: 6, value: 0.6 }] });
    // Without any, the result has none; the job of an objective that failed keeps what it reported.
    expect((await runObjectiveJob(job, reporting(5, () => 0.2))).metricCurves).toBeUndefined();
    const failed = await runObjectiveJob(job, (_p, ctx) => {
      ctx.report(4, 0.3, { accuracy: 0.8 });
      throw new Error('out of memory');
    });
    expect(failed).toMatchObject({ state: 'failed', metricCurves: { accuracy: [{ step: 4, value: 0.8 }] } });
  });

  it('fails the job when the metrics reported beside a step are not an object, saying what was given', async () => {
    for (const bad of [0.9, [0.9], null]) {
      const r = await runObjectiveJob(job, (_p, ctx) => {
        ctx.report(4, 0.3, bad as unknown as Record<string, number>);
        return 0.3;
      });
      expect(r.state).toBe('failed');
      expect((r as { message: string }).message).toMatch(/^report\(step, value, metrics\): metrics must be an object of numbers, e\.g\. \{ accuracy: 0\.93 \} \(got /);
    }
  });

  it('counts only the steps reported before an error or a prune', async () => {
    const thrown = await runObjectiveJob(job, reporting(5, () => {
      throw new Error('out of memory');
    }));
    expect(thrown).toMatchObject({ state: 'failed', reason: 'error', message: 'out of memory', budget: 5, epochsTrained: 2 });
    const pruned = await runObjectiveJob(job, reporting(7, () => {
      throw new TrialPruned();
    }));
    expect(pruned).toMatchObject({ state: 'pruned', value: 1 / 7, budget: 7, epochsTrained: 4 });
    // An objective that fails before reporting anything trained nothing.
    const early = await runObjectiveJob(job, () => {
      throw new Error('bad params');
    });
    expect(early).toMatchObject({ state: 'failed', budget: 3, epochsTrained: 0 });
  });

  it('turns shouldPrune() true where the job\'s stop rule fires; returning or throwing TrialPruned then ends it pruned there', async () => {
    // The objective reports 1/s at steps 4, 5, …: its best so far is 1/s; the rule wants at most 0.21 at step 5.
    const stop = { direction: 'minimize' as const, thresholds: [{ step: 4, value: 0.3 }, { step: 5, value: 0.19 }] };
    const seen: boolean[] = [];
    const untilPruned = (end: (ctx: { shouldPrune(): boolean }) => number): Objective => (_p, ctx) => {
      for (let s = ctx.fromBudget + 1; s <= ctx.budget; s++) {
        ctx.report(s, 1 / s);
        seen.push(ctx.shouldPrune());
        if (ctx.shouldPrune()) break;
      }
      return end(ctx);
    };
    const returned = await runObjectiveJob({ ...job, stop }, untilPruned(() => 0.2));
    expect(seen).toEqual([false, true]);
    expect(returned).toMatchObject({ state: 'pruned', value: 0.2, budget: 5, epochsTrained: 2, metrics: { value: 0.2 } });
    const thrown = await runObjectiveJob({ ...job, stop }, untilPruned(() => {
      throw new TrialPruned();
    }));
    expect(thrown).toMatchObject({ state: 'pruned', value: 1 / 5, budget: 5, epochsTrained: 2 });
    // An objective that trains on to its budget anyway is complete: it spent the epochs.
    expect(await runObjectiveJob({ ...job, stop }, reporting(9, () => 0.1))).toMatchObject({ state: 'complete', value: 0.1, budget: 9 });
    // `if (ctx.shouldPrune()) throw new TrialPruned()`, Optuna's idiom, also throws at the budget, where shouldPrune() is
    // true as well: that job trained all of it and ends as if it had returned its last value (not pruned at the top budget).
    const idiom = (_p: unknown, ctx: Parameters<Objective>[1]): number => {
      for (let s = ctx.fromBudget + 1; s <= ctx.budget; s++) {
        ctx.report(s, 1 / s);
        if (ctx.shouldPrune()) throw new TrialPruned();
      }
      return 0;
    };
    expect(await runObjectiveJob(job, idiom)).toMatchObject({ state: 'complete', value: 1 / 9, budget: 9, epochsTrained: 6, metrics: { value: 1 / 9 } });
    expect(await runObjectiveJob({ ...job, stop }, idiom)).toMatchObject({ state: 'pruned', value: 1 / 5, budget: 5, metrics: { value: 1 / 5 } });
    // A rule that never fires changes nothing.
    expect(await runObjectiveJob({ ...job, stop: { ...stop, thresholds: [{ step: 5, value: 0.5 }] } }, untilPruned(() => 0.1))).toMatchObject({ state: 'complete', budget: 9 });
  });
});
