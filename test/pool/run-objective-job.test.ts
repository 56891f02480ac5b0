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
});
