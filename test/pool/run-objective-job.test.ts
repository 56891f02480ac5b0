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
