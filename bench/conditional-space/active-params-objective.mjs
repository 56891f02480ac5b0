// The objective behind bench:conditional's rungs_tpe_flat studies: rungs' built-in training
// (runTaskJob, what a worker runs for a study's `task`) given only the params the trial's
// optimizer uses. Needed because the built-in trainer does not ignore every param its optimizer
// has no use for: weightDecay is an L2 penalty for sgd, momentum, nesterov, rmsprop and adam
// too, so a flat space given straight to the task would train a different function of the
// configuration than the conditional one. With the inactive params dropped here (activeParams:
// the same rule that removes them from a conditional study's trials), the flat and the
// conditional study train the same thing for the same configuration and trial seed; run.mjs
// checks that on the trials both draw at random.
//
// run.mjs writes one small module per (task, seed) that binds the config and re-exports
// objectiveWith(config) as its default (an objective module gets params and ctx only).
import { activeParams } from '../../dist/search/param-conditions.js';
import { DatasetCache } from '../../dist/tasks/dataset-cache.js';
import { runTaskJob } from '../../dist/tasks/run-task-job.js';

const cache = new DatasetCache(); // one per worker thread, as the pool keeps for tasks

/**
 * @param {{ task: object, studySeed: number, space: object, metric: string, baseDir: string }} config
 *   the study's would-be `task`, its seed (the split), the conditional space, metric and the
 *   directory relative dataset paths resolve from
 */
export function objectiveWith(config) {
  return (params, ctx) => {
    const r = runTaskJob(
      {
        kind: 'task',
        task: config.task,
        studySeed: config.studySeed,
        baseDir: config.baseDir,
        maxBudget: ctx.budget,
        trialNumber: ctx.trialNumber,
        params: activeParams(config.space, params),
        seed: ctx.seed,
        budget: ctx.budget,
        metric: config.metric,
      },
      cache,
    );
    for (const p of r.curve) ctx.report(p.step, p.value);
    if (r.state !== 'complete') throw new Error(r.message);
    return r.value;
  };
}
