/**
 * openStorage: query a store by study name — the API twin of `rungs studies`,
 * `rungs trials`, `rungs best`, `rungs importance` and `rungs curves`.
 *
 * @example
 * const store = openStorage('rungs.db');
 * const [top] = await store.best('quickstart', 1);
 * await store.close();
 */
import { StudyNotFoundError, UsageError } from '../errors.js';
import { formatValue } from '../format-value.js';
import { TRIAL_STATE_NAMES } from '../search/strategy.js';
import type { Storage, StudyRow, StudySummary, TrialFilter, TrialRow } from '../storage/storage.js';
import { openSqliteStorage } from '../storage/sqlite-storage.js';
import { paramImportance, type ParamImportance } from '../stats/param-importance.js';
import { importanceSample, loadCurves } from './importance-sample.js';
import { paretoFront } from '../stats/pareto-front.js';
import { lineage, type LineageSegment } from '../stats/lineage.js';
import { assertOneObjective, studyObjectives, type NormalizedStudy } from './study-spec.js';
import { curvePoints, type CurvePoint } from './curve-points.js';
import { checkCurvesOptions, type CurvesOptions } from './curves-options.js';

/** Which params mattered, and over what (StudyStore.importance). */
export interface StudyImportance {
  /** The step (epoch, budget) the trials' values are taken at: the one most trials reached; undefined without values. */
  step: number | undefined;
  /** How many trials have a value there. */
  trials: number;
  /** One entry per param of the space, most important first; shares sum to 1 (or are all 0). */
  importance: ParamImportance[];
}

export class StudyStore {
  constructor(readonly storage: Storage) {}

  studies(): Promise<StudySummary[]> {
    return this.storage.listStudies();
  }

  async study(name: string): Promise<StudyRow> {
    const row = await this.storage.getStudy(name);
    if (!row) throw new StudyNotFoundError(name, (await this.storage.listStudies()).map((s) => s.name));
    return row;
  }

  async trials(name: string, filter: Omit<TrialFilter, 'sinceRev'> = {}): Promise<TrialRow[]> {
    // An unknown state would match nothing and look like an empty study.
    const bad = (filter.states ?? []).find((st) => !(TRIAL_STATE_NAMES as readonly string[]).includes(st));
    if (bad !== undefined) throw new UsageError(`trials(): states must be among ${TRIAL_STATE_NAMES.join(', ')} (got ${formatValue(bad)})`);
    return this.storage.getTrials((await this.study(name)).id, filter);
  }

  /** The best k trials, best first: highest budget reached, then value in the study's direction. */
  async best(name: string, k = 1): Promise<TrialRow[]> {
    if (!(Number.isInteger(k) && k >= 1)) throw new UsageError(`best(): k must be an integer ≥ 1 (got ${formatValue(k)})`);
    const row = await this.study(name);
    assertOneObjective(row.definition as NormalizedStudy, name, `paretoFront(${JSON.stringify(name)})`);
    return this.storage.best(row.id, k);
  }

  /**
   * The best trials of a study with several objectives: its Pareto front, the complete trials no other
   * complete trial beats on every objective, by the first objective (Optuna's best_trials). With one
   * objective, the complete trials that share the best value.
   */
  async paretoFront(name: string): Promise<TrialRow[]> {
    const row = await this.study(name);
    return paretoFront(await this.storage.getTrials(row.id, { states: ['complete'] }), studyObjectives(row.definition as NormalizedStudy));
  }

  /**
   * The lineage of trial `number` in a PBT study: the trials it was forked from, oldest first, each with the
   * epochs its params trained the weights over (the schedule of params found). A trial never forked is one segment.
   */
  async lineage(name: string, number: number): Promise<LineageSegment[]> {
    if (!(Number.isInteger(number) && number >= 0)) throw new UsageError(`lineage(): number must be a trial number, an integer ≥ 0 (got ${formatValue(number)})`);
    const row = await this.study(name);
    const trials = await this.storage.getTrials(row.id);
    if (!trials[number]) throw noTrialError(name, number, trials.length);
    return lineage(trials, number);
  }

  /**
   * The curves of a study's trials in tidy long form (Optuna's trial.intermediate_values, W&B's
   * run.history()): one point per trial, metric and step, by trial number, then metric (the study's, the
   * learning curve, first; the others by name), then step. Every trial and every metric recorded unless
   * `trials` (those numbers), `top` (the best k, as best() ranks them) or `metrics` (those names) narrow it.
   */
  async curves(name: string, opts: CurvesOptions = {}): Promise<CurvePoint[]> {
    const { trials: numbers, top, metrics } = checkCurvesOptions(opts);
    const row = await this.study(name);
    let trials: TrialRow[];
    if (top !== undefined) {
      assertOneObjective(row.definition as NormalizedStudy, name, `paretoFront(${JSON.stringify(name)})`);
      trials = await this.storage.best(row.id, top);
    } else {
      trials = await this.storage.getTrials(row.id);
      if (numbers) {
        const byNumber = new Map(trials.map((t) => [t.number, t]));
        const missing = numbers.find((n) => !byNumber.has(n));
        if (missing !== undefined) throw noTrialError(name, missing, trials.length);
        trials = [...new Set(numbers)].map((n) => byNumber.get(n)!);
      }
    }
    const ids = trials.map((t) => t.id);
    const curves = await this.storage.getCurves(ids);
    const metricCurves = await this.storage.getMetricCurves(ids);
    const perTrial = trials.map((t, i) => ({ number: t.number, curve: curves[i]!, metricCurves: metricCurves[i]! }));
    return curvePoints(row, perTrial, { ...(metrics ? { only: metrics } : {}), selected: numbers !== undefined || top !== undefined });
  }

  /**
   * Which params mattered for the study's metric, as Optuna's get_param_importances: a first-order
   * variance decomposition (param-importance.ts) over every trial's value at the step most trials
   * reached (importance-sample.ts), the report's "parameter importance". For another objective of a
   * multi-objective study (`objective`: its metric; Optuna's `target`), over the complete trials' values of it.
   */
  async importance(name: string, opts: { objective?: string; step?: number } = {}): Promise<StudyImportance> {
    const row = await this.study(name);
    const def = row.definition as NormalizedStudy;
    const metrics = studyObjectives(def).map((o) => o.metric);
    if (opts.objective !== undefined && !metrics.includes(opts.objective)) {
      throw new UsageError(`study "${name}" has no objective ${formatValue(opts.objective)} (its objectives: ${metrics.join(', ')})`);
    }
    const step = opts.step;
    if (step !== undefined && !(Number.isInteger(step) && step >= 1)) throw new UsageError(`importance(): step must be an integer ≥ 1 (got ${formatValue(step)})`);
    if (step !== undefined && opts.objective !== undefined && opts.objective !== def.metric) {
      throw new UsageError(`importance(): step picks a step of the learning curve of ${def.metric}; ${opts.objective} is taken from complete trials' final values`);
    }
    const trials = await this.storage.getTrials(row.id);
    if (opts.objective !== undefined && opts.objective !== def.metric) {
      const sample = trials
        .filter((t) => t.state === 'complete' && Number.isFinite(t.metrics[opts.objective!]))
        .map((t) => ({ params: t.params, value: t.metrics[opts.objective!]! }));
      return { step: sample.length > 0 ? def.budget : undefined, trials: sample.length, importance: paramImportance(sample, def.space) };
    }
    const taken = importanceSample(trials, await loadCurves(this.storage, trials), step);
    if (step !== undefined && taken.sample.length < 2) {
      const steps = [...taken.counts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s} (${n} trial${n === 1 ? '' : 's'})`);
      const have = steps.length > 0 ? `steps with values: ${steps.join(', ')}` : 'no trial has a value yet';
      throw new UsageError(`study "${name}": ${taken.sample.length === 0 ? 'no trial has' : 'only one trial has'} a value of ${def.metric} at step ${step}, and importance needs at least 2 (${have})`);
    }
    return { step: taken.step, trials: taken.sample.length, importance: paramImportance(taken.sample, def.space) };
  }

  close(): Promise<void> {
    return this.storage.close();
  }
}

/** A trial number the study does not have, with the range it has (trials are numbered from 0, with no gaps). */
function noTrialError(name: string, number: number, count: number): UsageError {
  return new UsageError(`study "${name}" has no trial ${number} (${count > 0 ? `it has ${count}: 0 to ${count - 1}` : 'it has no trials yet'})`);
}

export function openStorage(path: string): StudyStore {
  // SQLite takes "" for a temporary database: queries would find nothing, and writes would vanish.
  if (typeof path !== 'string' || path === '') throw new UsageError(`openStorage: path must be the path of a SQLite file (got ${formatValue(path)})`);
  return new StudyStore(openSqliteStorage(path));
}
