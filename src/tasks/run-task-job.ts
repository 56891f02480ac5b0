/**
 * The pure entry a worker thread calls for a built-in task: resolve the
 * hyperparameters, get the (cached) split, train from the checkpoint up to
 * the budget and report the learning curve. Never throws: every error comes
 * back as a `failed` result, so nothing crosses the thread boundary as an
 * exception.
 *
 * Seeding: the split (and synthetic data without its own seed) uses
 * job.studySeed, so every trial sees the same rows; weight init and
 * minibatch order use job.seed.
 *
 * k-fold (task.folds ≥ 2): the folds train in lockstep, each curve point and
 * the value are the mean over folds, metrics also hold `fold_<i>_<metric>`,
 * and the checkpoint holds every fold's trainer, so a k-fold trial
 * warm-starts like a single-split one.
 *
 * With task.test, the held-out test rows are scored once at the job's end
 * (test_loss, test_accuracy, …, beside the validation metrics); nothing is
 * ranked on them.
 *
 * A job with a stop rule (job.stop, a pruner's thresholds) stops after the
 * first epoch below the budget where the rule fires, and ends `pruned` there
 * with that epoch's metrics (no checkpoint: nothing continues a pruned trial).
 */
import type { JobResult, MetricCurves, StepValue, TaskJob } from '../pool/protocol.js';
import type { DatasetCache } from './dataset-cache.js';
import { testHoldoutOf, type PreparedData } from './split-dataset.js';
import { createTrainer, restoreTrainer, type EpochRecord, type Trainer } from './trainer.js';
import { resolveTrainParams } from './resolve-train-params.js';
import { resolveModelSpec } from './resolve-model-spec.js';
import { DEFAULT_VALIDATION } from './task-spec.js';
import { metricNames, STRUCTURAL_METRICS } from './metrics.js';
import { decodeFoldCheckpoints, encodeFoldCheckpoints } from './fold-checkpoint.js';
import { stopWatch } from '../search/stop-rule.js';
import { addMetricPoints, metricCurvesField } from '../pool/metric-curves.js';

/**
 * A TaskJob may carry the strategy's largest budget; it is the horizon of the
 * learning-rate schedule (cosine) and must be the same for every job of a
 * trial, or a warm start would continue on a different schedule.
 */

export function runTaskJob(job: TaskJob, cache: DatasetCache): JobResult {
  const started = performance.now();
  const curve: StepValue[] = [];
  // The other metrics measured every epoch (train_loss, val_accuracy…), beside the study metric's curve; per-fold values and model_size stay in the metrics.
  const metricCurves: MetricCurves = {};
  const skip = (name: string): boolean => name === job.metric || name.startsWith('fold_') || STRUCTURAL_METRICS.includes(name);
  let reached = 0;
  let trained = 0;
  const fail = (reason: 'diverged' | 'error', message: string, metrics: Record<string, number> = {}): JobResult => ({
    state: 'failed',
    reason,
    message,
    metrics,
    curve,
    ...metricCurvesField(metricCurves),
    budget: reached,
    epochsTrained: trained,
    durationMs: performance.now() - started,
  });
  let trainers: Trainer[] = [];
  try {
    const task = job.task;
    const { hp, explicit, issues } = resolveTrainParams(task.optimizer, job.params ?? {});
    if (issues.length > 0) return fail('error', issues.join('; '));
    if (!Number.isInteger(job.budget) || job.budget < 1) {
      return fail('error', `budget must be an integer number of epochs ≥ 1 (got ${String(job.budget)})`);
    }
    const model = resolveModelSpec(task.model, explicit);
    const horizon = Math.max(job.budget, job.maxBudget ?? 0, task.epochs ?? 0);
    const folds = task.folds !== undefined && task.folds >= 2 ? task.folds : 0;
    const test = testHoldoutOf(task);
    const splits: PreparedData[] = folds
      ? cache.folds(task.dataset, job.baseDir, job.studySeed, folds, test)
      : [cache.split(task.dataset, job.baseDir, job.studySeed, task.validation ?? DEFAULT_VALIDATION, test)];

    if (job.checkpoint && job.checkpoint.length > 0) {
      const parts = folds ? decodeFoldCheckpoints(job.checkpoint, folds) : [job.checkpoint];
      // A fork's first job (PBT) continues another trial's checkpoint with its own minibatch order.
      trainers = splits.map((data, i) => restoreTrainer(data, model, hp, job.seed, horizon, parts[i]!, { fork: job.forkOf !== undefined }));
    } else {
      trainers = splits.map((data) => createTrainer(data, model, hp, job.seed, horizon));
    }
    const first = trainers[0]!;
    const names = metricNames(first.model.output);
    if (!names.includes(job.metric)) {
      return fail('error', `unknown metric "${job.metric}" for this task (available: ${names.join(', ')})`);
    }
    reached = first.epoch;
    // The held-out test rows are scored once, when the job ends (with folds, the mean of the folds' models).
    const withTest = (m: Record<string, number>): Record<string, number> =>
      test ? Object.assign(m, combine(trainers.map((t) => ({ epoch: t.epoch, metrics: t.evaluateTest(), diverged: false })), job.metric, folds > 0)) : m;
    let metrics: Record<string, number> | undefined;
    const records: EpochRecord[] = new Array<EpochRecord>(trainers.length);
    const watch = stopWatch(job.stop);
    while (reached < job.budget) {
      for (let f = 0; f < trainers.length; f++) records[f] = trainers[f]!.trainEpoch();
      trained++;
      const bad = records.findIndex((r) => r.diverged);
      if (bad >= 0) {
        const r = records[bad]!;
        const where = folds ? ` in fold ${bad}` : '';
        const loss = r.metrics.val_loss ?? r.metrics.train_loss;
        return fail('diverged', `training diverged at epoch ${r.epoch}${where} (loss = ${String(loss)})`, metrics ?? {});
      }
      reached++;
      metrics = combine(records, job.metric, folds > 0);
      curve.push({ step: reached, value: metrics[job.metric]! });
      addMetricPoints(metricCurves, reached, metrics, skip);
      // At the budget the trial is complete whatever the rule says.
      if (watch.report(reached, metrics[job.metric]!) && reached < job.budget) {
        return {
          state: 'pruned',
          value: metrics[job.metric]!,
          metrics: withTest(metrics),
          curve,
          ...metricCurvesField(metricCurves),
          budget: reached,
          epochsTrained: trained,
          durationMs: performance.now() - started,
        };
      }
    }
    // Already at (or past) the budget: report the metrics at the checkpoint's params.
    if (!metrics) metrics = combine(trainers.map((t) => ({ epoch: t.epoch, metrics: t.evaluate(), diverged: false })), job.metric, folds > 0);
    const value = metrics[job.metric];
    if (value === undefined) {
      return fail('error', `metric "${job.metric}" is only measured while training, and the checkpoint is already at epoch ${reached} ≥ budget ${job.budget}`);
    }
    // An MLP's checkpoint (weights and optimizer state) is hundreds of kB: not built when it would be dropped.
    const checkpoint = job.saveCheckpoint === false ? undefined : folds ? encodeFoldCheckpoints(trainers.map((t) => t.checkpoint())) : first.checkpoint();
    return {
      state: 'complete',
      value,
      metrics: withTest(metrics),
      ...(checkpoint ? { checkpoint } : {}),
      curve,
      ...metricCurvesField(metricCurves),
      budget: reached,
      epochsTrained: trained,
      durationMs: performance.now() - started,
    };
  } catch (e) {
    return fail('error', e instanceof Error ? e.message : String(e));
  } finally {
    // The result holds copies (the checkpoint's bytes, numbers): the models' memory serves the next job of this thread.
    for (const t of trainers) t.dispose();
  }
}

/** One fold: its metrics. k folds: the mean of each metric, plus fold_<i>_<metric> for the study metric. */
function combine(records: readonly EpochRecord[], metric: string, perFold: boolean): Record<string, number> {
  if (!perFold) return { ...records[0]!.metrics };
  const out: Record<string, number> = {};
  for (const name of Object.keys(records[0]!.metrics)) {
    let s = 0;
    for (const r of records) s += r.metrics[name]!;
    out[name] = s / records.length;
  }
  records.forEach((r, i) => {
    const v = r.metrics[metric];
    if (v !== undefined) out[`fold_${i}_${metric}`] = v;
  });
  return out;
}
