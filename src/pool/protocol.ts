/**
 * The typed messages between the runner (main thread) and a worker (a trial
 * pool worker, or the draw thread). Errors never cross the thread boundary
 * as exceptions: they come back as data.
 */
import type { StopRule } from '../search/stop-rule.js';
import type { Fork } from '../search/strategy.js';
import type { Params } from '../search/space.js';
import type { TaskSpec } from '../tasks/task-spec.js';

/** One value on a trial's learning curve. */
export interface StepValue {
  step: number;
  value: number;
}

/**
 * The curves of a trial's other metrics, by name: what a built-in task measures every epoch beside the study's
 * metric (train_loss, val_accuracy…), or what an objective reports beside its value (ctx.report's third argument).
 */
export type MetricCurves = Record<string, StepValue[]>;

export interface JobBase {
  trialNumber: number;
  params: Params;
  /** The trial's seed: deriveSeed(studySeed, trialNumber). */
  seed: number;
  /** Train up to this budget (epochs). */
  budget: number;
  /** Checkpoint of the trial at its previous budget (warm start); absent = from scratch. */
  checkpoint?: Uint8Array;
  /** Only on a PBT fork's first job: `checkpoint` is trial `forkOf.from`'s at `forkOf.budget`, not this trial's own. */
  forkOf?: Fork;
  /** Name of the metric that is the trial's value (e.g. "val_loss"). */
  metric: string;
  /**
   * A multi-objective study's metrics, in order (the first is `metric`): an objective returns one value
   * for each; a job whose value for one of them is not finite fails as diverged.
   */
  objectives?: string[];
  /**
   * A pruner's thresholds (Strategy.stopRule), fixed before the job starts: a built-in task
   * stops after the first epoch below the budget where the rule fires, and an objective's
   * ctx.shouldPrune() turns true there. The job then ends `pruned` at that step.
   */
  stop?: StopRule;
}

/** A built-in training task. `baseDir` resolves relative dataset paths. */
export interface TaskJob extends JobBase {
  kind: 'task';
  task: TaskSpec;
  studySeed: number;
  baseDir: string;
  /** The strategy's top budget: the horizon of learning-rate schedules (cosine), the same at every rung. */
  maxBudget: number;
  /**
   * false: nothing will continue from this job's end (it trains to the top budget, or warm starts are off),
   * so the job neither encodes nor sends a checkpoint. Absent = send one.
   */
  saveCheckpoint?: boolean;
}

/** A user objective module (absolute path or file URL). */
export interface ObjectiveJob extends JobBase {
  kind: 'objective';
  module: string;
  /** Budget the trial had already reached (for warm-started objectives). */
  fromBudget: number;
}

export type Job = TaskJob | ObjectiveJob;

interface ResultBase {
  /** Learning curve recorded by this job (steps after the checkpoint's). */
  curve: StepValue[];
  /** The other metrics' curves recorded by this job (same steps); absent: none. */
  metricCurves?: MetricCurves;
  /** Budget actually reached (epochs trained counting the checkpoint's). */
  budget: number;
  /** Epochs trained by this job alone (0 warm-started epochs counted). */
  epochsTrained: number;
  durationMs: number;
  /** The trial's attributes this job gave (trial-attrs.ts): values that are not metrics, as JSON values; absent: none. */
  attrs?: Record<string, unknown>;
  /** Where and when the job ran, when it ran on a pool worker (for diagnostics: a pool's idle time). */
  span?: JobSpan;
}

/** A job's run on a worker: the worker's threadId and its start and end, in ms since the epoch (sub-ms). */
export interface JobSpan {
  thread: number;
  startedAt: number;
  endedAt: number;
}

export type JobResult =
  | (ResultBase & {
      state: 'complete';
      value: number;
      metrics: Record<string, number>;
      checkpoint?: Uint8Array;
    })
  | (ResultBase & {
      state: 'pruned';
      value: number | null;
      metrics: Record<string, number>;
    })
  | (ResultBase & {
      state: 'failed';
      reason: 'diverged' | 'error';
      message: string;
      metrics: Record<string, number>;
    });

/** What the pool posts to a worker: jobs run in order, each guarded by its shared cell (job-cells.ts). */
export interface WorkerTask {
  jobs: Job[];
  cells: number[];
}

/** One reply per job of a WorkerTask: null when the main thread withdrew the job before it started. */
export type WorkerReply = JobResult | null;

/** The draw thread's answer to a GP draw (draw-worker.ts): its params, or why it failed. */
export type DrawReply = { ok: true; params: Params } | { ok: false; message: string };
