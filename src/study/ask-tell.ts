/**
 * The ask/tell interface, for people who run trials themselves:
 *
 *   const study = await createStudy(def, { storage: 'rungs.db' });
 *   for (let t = await study.ask(); t; t = await study.ask()) {
 *     const loss = train(t.params, t.budget);   // train up to t.budget
 *     await study.tell(t, loss);
 *   }
 *
 * Halving strategies hand out promotions as well as new trials: `t.budget`
 * says how far to train, `t.fromBudget` how far the trial already got (its
 * `t.checkpoint`, if you saved one with `tell(t, v, { checkpoint })`). PBT
 * also hands out forks: new trials (`t.forkOf`) that start from another
 * trial's checkpoint at `t.fromBudget`, with params of their own.
 * `report(step, value)` records the learning curve; `shouldPrune()` turns true
 * once a reported step reaches the budget, or where the study's pruner (TPE's
 * pruner) stops the trial: then tell a number (the trial is pruned at its
 * last reported step, with that value) or { state: 'pruned' } (at the budget,
 * either ends it as a number does: it trained all of it).
 */
import { RungsError, UsageError } from '../errors.js';
import { formatValue, isRecord } from '../format-value.js';
import { reachedBudget } from '../pool/reached-budget.js';
import { stopWatch, type StopWatch } from '../search/stop-rule.js';
import { ModelSearch } from '../search/model-search.js';
import type { Fork, Strategy } from '../search/strategy.js';
import type { Space } from '../search/space.js';
import type { Storage, TrialRow } from '../storage/storage.js';
import { openSqliteStorage } from '../storage/sqlite-storage.js';
import type { JobResult, MetricCurves, StepValue } from '../pool/protocol.js';
import { addMetricPoints, metricCurvesField, reportMetricsProblem } from '../pool/metric-curves.js';
import { defineStudy, INLINE_OBJECTIVE, type DefinedStudy } from './define-study.js';
import { normalizeStudy } from './normalize-study.js';
import { paretoFront } from '../stats/pareto-front.js';
import { objectiveValue, objectiveValues, resultOfValues } from '../pool/objective-values.js';
import { attrProblem, attrsSizeProblem, returnedAttrs } from '../pool/trial-attrs.js';
import { openStudy, type ExistingPolicy } from './open-study.js';
import type { ParamsOf } from './param-helpers.js';
import { HEARTBEAT_MS, STALE_MS, StudyEngine } from './study-engine.js';
import { assertOneObjective, studyObjectives, type StudySpec } from './study-spec.js';
import { entryProblems, storageOf, type StorageOption } from './storage-option.js';

export interface AskedTrial<P> {
  readonly number: number;
  readonly params: P;
  readonly seed: number;
  /** Train up to this budget. */
  readonly budget: number;
  /** Budget already reached (a promoted trial); 0 for a new one. */
  readonly fromBudget: number;
  /** What you saved for this trial with tell(…, { checkpoint }), when it is promoted; for a fork, its donor's. */
  readonly checkpoint: Uint8Array | undefined;
  /**
   * Only on a PBT fork's first job: it starts as a copy of trial `forkOf.from` at `forkOf.budget` (`checkpoint` is
   * that trial's); reseed what the checkpoint's random state drives from `seed`.
   */
  readonly forkOf?: Fork;
  /** Records an intermediate value and, optionally, other metrics at the same step (their own curves), as an objective's ctx.report. */
  report(step: number, value: number, metrics?: Readonly<Record<string, number>>): void;
  shouldPrune(): boolean;
}

/**
 * A trial's result: its value, or an object with the study's metric and other metrics beside it
 * (`{ loss, accuracy }`); for a multi-objective study one value per objective (an array in their
 * order, or an object naming each metric); or that it failed or was pruned (one objective only).
 */
type SingleTellValue = number | { state: 'failed'; error?: string } | { state: 'pruned'; value?: number };

export type TellValue = number | readonly number[] | Record<string, unknown> | { state: 'failed'; error?: string } | { state: 'pruned'; value?: number };

export interface TellOptions {
  metrics?: Record<string, number>;
  /** Values that are not metrics, kept with the trial (Optuna's set_user_attr); a told object's entries that are not numbers are kept so too. */
  attrs?: Record<string, unknown>;
  /** Saved for a warm start if the strategy promotes this trial. */
  checkpoint?: Uint8Array;
}

interface Pending {
  trial: TrialRow;
  curve: StepValue[];
  metricCurves: MetricCurves;
  /** The last step reported, if any. */
  lastStep?: number;
  started: number;
  /** The job's stop rule (a pruner's), fed every report. */
  watch: StopWatch;
}

export class AskTellStudy<S extends Space = Space> {
  private readonly pending = new Map<number, Pending>();
  private lastRequeue = 0;
  /** Keeps this handle's asked trials from looking orphaned to other processes while the caller trains them. */
  private readonly beat = setInterval(() => {
    if (this.pending.size > 0) this.engine.heartbeat().catch(() => undefined);
  }, HEARTBEAT_MS);

  private constructor(
    private readonly engine: StudyEngine,
    private readonly storage: Storage,
    private readonly ownsStorage: boolean,
  ) {
    this.beat.unref();
  }

  static async create<S extends Space>(
    study: DefinedStudy<S> | StudySpec,
    opts: { storage: StorageOption; existing?: ExistingPolicy },
  ): Promise<AskTellStudy<S>> {
    const problems = entryProblems(study, opts);
    if (problems.length > 0) throw new UsageError(problems.map((p) => `createStudy: ${p}`).join('\n'));
    const defined = 'spec' in study ? study : defineStudy(study as never);
    const normalized = normalizeStudy(defined.spec, defined.baseDir);
    if (!normalized.task) normalized.objective = INLINE_OBJECTIVE;
    const given = storageOf(opts.storage)!;
    const owns = typeof given === 'string';
    const storage = typeof given === 'string' ? openSqliteStorage(given) : given;
    const { row } = await openStudy(storage, normalized, opts.existing ?? 'fail');
    const engine = new StudyEngine(normalized, row, storage);
    await engine.requeueOrphans();
    return new AskTellStudy<S>(engine, storage, owns);
  }

  get name(): string {
    return this.engine.study.name;
  }

  /**
   * E_WAIT: the strategy waits on trials this handle asked for and has not told, so waiting would
   * never end. A strategy that limits concurrency (TPE) waits on the trials its next draw learns
   * from: those are named, with what to do.
   */
  private waitError(): RungsError {
    const out = [...this.pending.keys()].sort((a, b) => a - b);
    const strategy = this.engine.strategy;
    const concurrency = strategy.concurrency;
    const several = 'several workers in one process each need a handle of their own (createStudy with existing: \'resume\'), whose ask() waits for the others\' trials';
    if (concurrency !== undefined) {
      const next = this.engine.trialCount;
      const last = strategy.waitsFor?.(next) ?? next - concurrency;
      const needed = out.filter((n) => n <= last);
      if (needed.length > 0) {
        return new RungsError(
          'E_WAIT',
          `trial ${next} depends on trials 0 … ${last} (${dependsWhy(strategy, next)}; the strategy runs at most ${concurrency} at once): tell trial(s) ${needed.join(', ')} first, or raise ${strategy.concurrencyOption ?? 'maxConcurrent'} to ask further ahead; ${several}`,
        );
      }
    }
    return new RungsError('E_WAIT', `the strategy waits for trial(s) ${out.join(', ')} to be told before it can hand out another; ${several}`);
  }

  /** The next trial to run, or null when the search is over. */
  async ask(): Promise<AskedTrial<ParamsOf<S>> | null> {
    this.assertOpen('ask()');
    for (;;) {
      const asked = await this.engine.ask();
      if (asked.kind === 'done') return null;
      if (asked.kind === 'wait') {
        if (this.pending.size > 0) throw this.waitError();
        // Another process holds the trials the strategy waits on. If it died, they go back to the
        // queue (a dead process's at once, a live one's after STALE_MS without a heartbeat).
        if (Date.now() - this.lastRequeue > STALE_MS / 2) {
          this.lastRequeue = Date.now();
          if ((await this.engine.requeueOrphans()).length > 0) continue;
        }
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const { trial, job, fromBudget } = asked.claimed;
      const p: Pending = { trial, curve: [], metricCurves: {}, started: Date.now(), watch: stopWatch(job.stop) };
      this.pending.set(trial.number, p);
      return {
        number: trial.number,
        params: trial.params as ParamsOf<S>,
        seed: trial.seed,
        budget: job.budget,
        fromBudget,
        checkpoint: job.checkpoint,
        ...(job.forkOf ? { forkOf: job.forkOf } : {}),
        report: (step, value, metrics) => {
          // Refused here, while the trial is still the caller's: stored later, a bad step would fail tell() instead.
          if (typeof step !== 'number' || !Number.isFinite(step) || typeof value !== 'number') {
            throw new RungsError('E_BAD_REPORT', `report(step, value) of trial ${trial.number}: step must be a finite number and value a number (got ${formatValue(step)}, ${formatValue(value)})`);
          }
          if (metrics !== undefined) {
            const problem = reportMetricsProblem(metrics);
            if (problem) throw new RungsError('E_BAD_REPORT', `report(step, value, metrics) of trial ${trial.number}: ${problem}`);
            addMetricPoints(p.metricCurves, step, metrics, (name) => name === this.engine.study.metric);
          }
          p.curve.push({ step, value });
          p.lastStep = step;
          p.watch.report(step, value);
        },
        shouldPrune: () => (p.lastStep ?? fromBudget) >= job.budget || p.watch.fired,
      };
    }
  }

  /** Records the result of an asked trial; returns it as stored. */
  async tell(t: AskedTrial<unknown>, value: TellValue, opts: TellOptions = {}): Promise<TrialRow> {
    this.assertOpen(`tell(trial ${t.number}, …)`);
    const p = this.pending.get(t.number);
    if (!p) throw new RungsError('E_NOT_ASKED', `trial ${t.number} is not waiting for a result (told already, or not asked here)`);
    const objectives = this.engine.study.objectives?.map((o) => o.metric);
    const metric = this.engine.study.metric;
    const problem = objectives ? tellManyProblem(value, opts, objectives) : tellProblem(value, opts, metric);
    if (problem) throw new RungsError('E_BAD_TELL', `tell(trial ${t.number}, …): ${problem}`);
    const attrs = toldAttrs(value, opts);
    const tooLarge = attrs ? attrsSizeProblem(attrs) : null;
    if (tooLarge) throw new RungsError('E_BAD_TELL', `tell(trial ${t.number}, …): ${tooLarge}`);
    const kept = attrs ? { attrs } : {};
    if (objectives && !(isRecord(value) && value.state === 'failed')) {
      const read = objectiveValues(value, objectives) as { values: number[]; extra: Record<string, number> };
      const base = { curve: p.curve, ...metricCurvesField(p.metricCurves), ...kept, budget: t.budget, epochsTrained: t.budget - t.fromBudget, durationMs: Date.now() - p.started };
      const more = { what: 'told', ...(opts.metrics ? { told: opts.metrics } : {}), ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}) };
      return this.recorded(t, p, resultOfValues(read, objectives, base, more));
    }
    // One objective: tellProblem let through only these, and an object with the metric (its other numbers are metrics too).
    let told = opts.metrics;
    if (isMetricsRecord(value)) {
      const read = objectiveValue(value, metric) as { value: number; extra: Record<string, number> };
      value = read.value;
      told = { ...read.extra, ...opts.metrics };
    }
    let one = value as SingleTellValue;
    // A number means the trial trained to its budget (unless the pruner stopped it before); a prune or a failure, as far as its last reported step.
    const stopped = p.watch.fired && (p.lastStep ?? t.fromBudget) < t.budget;
    if (stopped && typeof one === 'number' && Number.isFinite(one)) one = { state: 'pruned', value: one };
    // Told pruned at the budget (where shouldPrune() is true too): it trained all of it, so it ends as a number would.
    if (typeof one === 'object' && one.state === 'pruned' && (p.lastStep ?? t.fromBudget) >= t.budget) {
      const last = one.value ?? p.curve.at(-1)?.value;
      if (last !== undefined && Number.isFinite(last)) one = last;
    }
    const reached = typeof one === 'number' ? t.budget : reachedBudget(p.lastStep, t.fromBudget, t.budget);
    const base = { curve: p.curve, ...metricCurvesField(p.metricCurves), ...kept, budget: reached, epochsTrained: reached - t.fromBudget, durationMs: Date.now() - p.started };
    let result: JobResult;
    if (typeof one === 'number') {
      result = Number.isFinite(one)
        ? { ...base, state: 'complete', value: one, metrics: { [metric]: one, ...told }, ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}) }
        : { ...base, state: 'failed', reason: 'diverged', message: `value ${one}`, metrics: told ?? {} };
    } else if (one.state === 'pruned') {
      const v = one.value ?? p.curve.at(-1)?.value ?? null;
      // As a complete trial's: the value under the metric's name too, so exports have it in its column.
      result = { ...base, state: 'pruned', value: v, metrics: { ...(v !== null && Number.isFinite(v) ? { [metric]: v } : {}), ...told } };
    } else {
      result = { ...base, state: 'failed', reason: 'error', message: one.error ?? 'failed', metrics: told ?? {} };
    }
    return this.recorded(t, p, result);
  }

  private async recorded(t: AskedTrial<unknown>, p: Pending, result: JobResult): Promise<TrialRow> {
    const stored = await this.engine.tell(p.trial, result);
    // Only once stored: if the store refused, the trial is still this handle's to tell again (or release on close).
    this.pending.delete(t.number);
    return stored;
  }

  /** The best k trials so far, best first (a study of several objectives has none: paretoFront() gives its best trials). */
  async best(k = 1): Promise<TrialRow[]> {
    assertOneObjective(this.engine.study, this.name, 'paretoFront()');
    return this.storage.best(this.engine.row.id, k);
  }

  /** The Pareto front so far: the complete trials no other beats on every objective, by the first objective (Optuna's best_trials). */
  async paretoFront(): Promise<TrialRow[]> {
    return paretoFront(await this.storage.getTrials(this.engine.row.id, { states: ['complete'] }), studyObjectives(this.engine.study));
  }

  /** Asked trials not told go back to the queue; closes the storage if opened here. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.beat);
    if (this.pending.size > 0) await this.engine.release('not told before close');
    this.pending.clear();
    if (this.ownsStorage) await this.storage.close();
  }

  private closed = false;

  /** A closed handle neither asks nor tells, even on a storage that is still open (one it was given). */
  private assertOpen(call: string): void {
    if (this.closed) throw new RungsError('E_CLOSED', `${call}: the study handle of "${this.name}" is closed (trials it had not told went back to the queue): createStudy again with existing: 'resume'`);
  }
}

/** A told object of metrics, as opposed to `{ state: 'pruned' | 'failed', … }`. */
function isMetricsRecord(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.state !== 'string';
}

/** Why `value` and `opts` cannot be told to a study of one objective, `metric`, or null. */
function tellProblem(value: unknown, opts: TellOptions, metric: string): string | null {
  if (isMetricsRecord(value)) {
    const read = objectiveValue(value, metric);
    if ('expected' in read) return `the value must be ${read.expected}`;
    const clash = Object.keys(opts.metrics ?? {}).find((k) => k === metric || k in read.extra);
    if (clash !== undefined) return `metrics.${clash} is also in the told value: give each metric once`;
    return metricsProblem(opts);
  }
  const ok =
    typeof value === 'number' ||
    (isRecord(value) &&
      ((value.state === 'pruned' && (value.value === undefined || typeof value.value === 'number')) ||
        (value.state === 'failed' && (value.error === undefined || typeof value.error === 'string'))));
  if (!ok) {
    return `the value must be a number, an object with the metric "${metric}" (and any other metrics), { state: 'pruned', value?: number } or { state: 'failed', error?: string } (got ${formatValue(value)})`;
  }
  return metricsProblem(opts);
}

/** Why `value` and `opts` cannot be told to a study of several objectives (`metrics`), or null. */
function tellManyProblem(value: unknown, opts: TellOptions, metrics: readonly string[]): string | null {
  if (isRecord(value) && value.state === 'failed') return tellProblem(value, opts, metrics[0]!);
  if (isRecord(value) && value.state === 'pruned') return `a study of ${metrics.length} objectives prunes no trial (as Optuna's): tell its values, or { state: 'failed' }`;
  const read = objectiveValues(value, metrics);
  if ('problem' in read) return `the value ${read.problem}, or { state: 'failed', error?: string }`;
  // Two values for one metric: the told one would silently win.
  const clash = Object.keys(opts.metrics ?? {}).find((k) => metrics.includes(k) || k in read.extra);
  if (clash !== undefined) return `metrics.${clash} is also in the told values: give each metric once`;
  return metricsProblem(opts);
}

function metricsProblem(opts: TellOptions): string | null {
  if (opts.metrics !== undefined) {
    if (!isRecord(opts.metrics)) return `metrics must be an object of numbers (got ${formatValue(opts.metrics)})`;
    for (const [k, v] of Object.entries(opts.metrics)) if (typeof v !== 'number') return `metrics.${k} must be a number (got ${formatValue(v)})`;
  }
  if (opts.attrs !== undefined) {
    if (!isRecord(opts.attrs)) return `attrs must be an object of JSON values (got ${formatValue(opts.attrs)})`;
    for (const [k, v] of Object.entries(opts.attrs)) {
      const problem = attrProblem(k, v);
      if (problem) return `attrs: ${problem}`;
    }
  }
  return null;
}

/** The attributes told: a told object's entries that are not numbers, then `opts.attrs`; undefined when none. */
function toldAttrs(value: unknown, opts: TellOptions): Record<string, unknown> | undefined {
  const attrs = { ...(isMetricsRecord(value) ? returnedAttrs(value) : {}), ...opts.attrs };
  return Object.keys(attrs).length > 0 ? attrs : undefined;
}

export function createStudy<S extends Space>(
  study: DefinedStudy<S> | StudySpec,
  opts: { storage: StorageOption; existing?: ExistingPolicy },
): Promise<AskTellStudy<S>> {
  return AskTellStudy.create(study, opts);
}

/**
 * Why trial `next` depends on the trials before it: TPE and the GP draw it from them (once past their random
 * trials), a pruner that compares trials takes its thresholds from them.
 */
function dependsWhy(strategy: Strategy, next: number): string {
  const pruner = "its pruner's thresholds come from them";
  // A pruner's history (trials 0 … n − λ) lies within the generations before: those are what it waits for.
  if (strategy.name === 'cmaes') return 'CMA-ES draws it from the generations before its own';
  if (strategy.name === 'nsga2') return 'NSGA-II breeds it from the generations before its own';
  if (!(strategy instanceof ModelSearch) || next < strategy.modelFrom) return pruner;
  const model = strategy.name === 'tpe' ? 'TPE' : 'the GP';
  return strategy.needsCurves ? `${model} draws it from them, and ${pruner}` : `${model} draws it from them`;
}
