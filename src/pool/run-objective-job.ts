/**
 * Runs a user objective: `export default (params, ctx) => number | Promise<number>`.
 *
 * Halving strategies decide between jobs, so a job trains a trial up to
 * `ctx.budget`: an objective that reports steps should stop when
 * `ctx.shouldPrune()` turns true (its last report reached the budget). A job
 * that warm-starts gets the bytes the objective saved last time in
 * `ctx.checkpoint` and `ctx.fromBudget`; TypeScript modules load through tsx.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { ObjectiveJob, JobResult, MetricCurves, StepValue } from './protocol.js';
import type { Params } from '../search/space.js';
import type { Fork } from '../search/strategy.js';
import { reachedBudget } from './reached-budget.js';
import { stopWatch } from '../search/stop-rule.js';
import { objectiveValue, objectiveValues, resultOfValues } from './objective-values.js';
import { attrProblem, attrsSizeProblem, returnedAttrs } from './trial-attrs.js';
import { isRecord } from '../format-value.js';
import { addMetricPoints, metricCurvesField, reportMetricsProblem } from './metric-curves.js';

export interface ObjectiveContext {
  /** The trial's seed: use it for every random choice so the trial is reproducible. */
  readonly seed: number;
  readonly trialNumber: number;
  /** Train up to this budget (epochs, or the resource the objective counts). */
  readonly budget: number;
  /** Budget already reached by the checkpoint below (0 = from scratch). */
  readonly fromBudget: number;
  /** What the objective saved with saveCheckpoint() in the trial's previous job; in a PBT fork's first job, its donor's. */
  readonly checkpoint: Uint8Array | undefined;
  /**
   * Only in a PBT fork's first job: `checkpoint` is trial `forkOf.from`'s at epoch `forkOf.budget`, not this trial's.
   * Reseed what the checkpoint's random state drives (data order, dropout) from `seed`, or the copies of one member
   * train in lockstep.
   */
  readonly forkOf?: Fork;
  /**
   * Records an intermediate value (the learning curve) and, optionally, other metrics at the same step (their own
   * curves, as a built-in task records train_loss and val_accuracy every epoch), e.g. `ctx.report(epoch, loss, { accuracy })`.
   */
  report(step: number, value: number, metrics?: Readonly<Record<string, number>>): void;
  /** True once the last reported step reached the budget, or the study's pruner stops the trial there: stop and return. */
  shouldPrune(): boolean;
  /** Keeps state for a promoted trial to continue from. */
  saveCheckpoint(bytes: Uint8Array): void;
  /**
   * Keeps a value that is not a metric with the trial (Optuna's `trial.set_user_attr`): a model's path, a config.
   * Any JSON value; a later call, or a later job, with the same name replaces it. A returned object's entries that
   * are not numbers are kept the same way.
   */
  setAttr(name: string, value: unknown): void;
}

/**
 * What an objective returns: the value of the study's metric, or an object with it and other metrics
 * beside it; for a multi-objective study, one value per objective (an array in their order, or an
 * object naming each metric, other metrics beside them).
 */
/** Entries of a returned object that are not numbers are the trial's attributes (ObjectiveContext.setAttr). */
export type ObjectiveResult = number | readonly number[] | Readonly<Record<string, unknown>>;

export type Objective<P extends Params = Params> = (params: P, ctx: ObjectiveContext) => ObjectiveResult | Promise<ObjectiveResult>;

/** Thrown by an objective to say it stopped early on purpose. */
export class TrialPruned extends Error {
  constructor(message = 'pruned by the objective') {
    super(message);
    this.name = 'TrialPruned';
  }
}

const modules = new Map<string, Promise<Objective>>();

/**
 * The line of a syntax error in a JavaScript module: Node 20 keeps it out of
 * the error an import() rejects with, so `node --check` (a parse, nothing
 * runs) is asked for it; only on this failure path.
 */
function syntaxErrorLine(e: unknown, file: string): string {
  if (!(e instanceof SyntaxError) || /\.m?ts$/.test(file)) return '';
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
  const line = /:(\d+)\s*$/m.exec((check.stderr ?? '').split('\n', 1)[0]!)?.[1];
  return line ? ` (line ${line})` : '';
}

/** Loads (once per thread) the function an objective module exports. */
export async function loadObjective(file: string): Promise<Objective> {
  let p = modules.get(file);
  if (!p) {
    p = (async () => {
      const url = pathToFileURL(file).href;
      let mod: Record<string, unknown>;
      try {
        mod = /\.m?ts$/.test(file) ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url);
      } catch (e) {
        throw new Error(`${file}: cannot load the objective module: ${e instanceof Error ? e.message.replace(/\s*\n\s*/g, ' ').replace(/ imported from \S+$/, '') : String(e)}${syntaxErrorLine(e, file)}`);
      }
      // A .ts file outside a "type": "module" package is loaded as CommonJS: its exports arrive as `default`.
      const inner = mod.default;
      if (typeof inner === 'object' && inner !== null && ('default' in inner || 'objective' in inner)) mod = inner as Record<string, unknown>;
      const fn = (mod.default ?? mod.objective) as unknown;
      if (typeof fn !== 'function') {
        throw new Error(`${file}: the objective module must export a function as default (got ${typeof fn})`);
      }
      return fn as Objective;
    })();
    modules.set(file, p);
  }
  return p;
}

/** Runs one objective job; `objective` given directly (inline API use) or loaded from `job.module`. */
export async function runObjectiveJob(job: ObjectiveJob, objective?: Objective): Promise<JobResult> {
  const started = Date.now();
  const curve: StepValue[] = [];
  const metricCurves: MetricCurves = {};
  let saved: Uint8Array | undefined;
  let attrs: Record<string, unknown> | undefined;
  let lastStep = job.fromBudget;
  const watch = stopWatch(job.stop);
  const ctx: ObjectiveContext = {
    seed: job.seed,
    trialNumber: job.trialNumber,
    budget: job.budget,
    fromBudget: job.fromBudget,
    checkpoint: job.checkpoint,
    ...(job.forkOf ? { forkOf: job.forkOf } : {}),
    report(step, value, metrics) {
      if (!Number.isFinite(step)) throw new TypeError(`report(step, value): step must be a finite number (got ${step})`);
      if (metrics !== undefined) {
        const problem = reportMetricsProblem(metrics);
        if (problem) throw new TypeError(`report(step, value, metrics): ${problem}`);
        addMetricPoints(metricCurves, step, metrics, (name) => name === job.metric);
      }
      curve.push({ step, value: Number(value) });
      lastStep = step;
      watch.report(step, Number(value));
    },
    shouldPrune: () => lastStep >= job.budget || watch.fired,
    saveCheckpoint(bytes) {
      saved = new Uint8Array(bytes);
    },
    setAttr(name, value) {
      const problem = attrProblem(name, value);
      if (problem) throw new TypeError(`setAttr(name, value): ${problem}`);
      const next = { ...attrs, [name]: value };
      const tooLarge = attrsSizeProblem(next);
      if (tooLarge) throw new TypeError(`setAttr(${JSON.stringify(name)}, value): ${tooLarge}`);
      attrs = next;
    },
  };
  // A job that returned trained to the budget; one that threw or was pruned, as far as its last reported step.
  const base = (reached = reachedBudget(lastStep, job.fromBudget, job.budget)) => ({
    curve,
    ...metricCurvesField(metricCurves),
    ...(attrs ? { attrs } : {}),
    budget: reached,
    epochsTrained: reached - job.fromBudget,
    durationMs: Date.now() - started,
  });
  try {
    const fn = objective ?? (await loadObjective(job.module));
    const raw = await fn(job.params, ctx);
    if (isRecord(raw)) {
      const given = returnedAttrs(raw);
      if (Object.keys(given).length > 0) attrs = { ...attrs, ...given };
    }
    const tooLarge = attrs ? attrsSizeProblem(attrs) : null;
    if (tooLarge) {
      attrs = undefined;
      return { ...base(), state: 'failed', reason: 'error', message: `the objective's ${tooLarge}`, metrics: {} };
    }
    return returned(raw);
  } catch (e) {
    if (e instanceof TrialPruned || (e as Error)?.name === 'TrialPruned') {
      const last = curve.at(-1);
      // `if (ctx.shouldPrune()) throw new TrialPruned()` at the budget (where shouldPrune is true too): the job
      // trained all of it, so it ends as if it had returned its last value, not pruned at the top budget.
      if (lastStep >= job.budget && last !== undefined && Number.isFinite(last.value)) return returned(last.value);
      return { ...base(), state: 'pruned', value: last ? last.value : null, metrics: last && Number.isFinite(last.value) ? { [job.metric]: last.value } : {} };
    }
    return { ...base(), state: 'failed', reason: 'error', message: e instanceof Error ? e.message : String(e), metrics: {} };
  }

  /** The result of a job whose objective gave `raw`. */
  function returned(raw: unknown): JobResult {
    if (job.objectives) return returnedMany(raw, job.objectives);
    const read = objectiveValue(raw, job.metric);
    if ('expected' in read) return { ...base(job.budget), state: 'failed', reason: 'error', message: `the objective must return ${read.expected}`, metrics: {} };
    const { value, extra } = read;
    // The other metrics it gave are kept whatever the end, as a multi-objective trial's are.
    if (!Number.isFinite(value)) return { ...base(job.budget), state: 'failed', reason: 'diverged', message: `the objective returned ${value}`, metrics: extra };
    const metrics = { ...extra, [job.metric]: value };
    // Stopped by the pruner before the budget: pruned where it stopped, with the value it returned.
    if (watch.fired && lastStep < job.budget) return { ...base(), state: 'pruned', value, metrics };
    const result: JobResult = { ...base(job.budget), state: 'complete', value, metrics };
    if (saved) result.checkpoint = saved;
    return result;
  }

  /** The result of a multi-objective job (no pruner stops one: multi-objective studies take none). */
  function returnedMany(raw: unknown, metrics: readonly string[]): JobResult {
    const read = objectiveValues(raw, metrics);
    if ('problem' in read) return { ...base(job.budget), state: 'failed', reason: 'error', message: `the objective ${read.problem}`, metrics: {} };
    return resultOfValues(read, metrics, base(job.budget), { what: 'the objective returned', ...(saved ? { checkpoint: saved } : {}) });
  }

}
