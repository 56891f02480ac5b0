/** Fills in a validated study's defaults (see NormalizedStudy). */
import path from 'node:path';
import { INLINE_OBJECTIVE, type StudySpec, type NormalizedStudy } from './study-spec.js';
import type { Direction } from '../search/strategy.js';
import { DEFAULT_MIN_BUDGET, MULTI_FIDELITY_TYPES, type ResolvedStrategySpec } from '../search/strategy-spec.js';
import { isExhaust, resolveExhaust } from './exhaust-count.js';
import { exhaustMinBudget } from '../search/exhaust-min-budget.js';
import { strategyWithDefaults } from '../search/strategy-defaults.js';

/** Epochs a task's grid, random or TPE trial trains when task.epochs is not given. */
export const DEFAULT_EPOCHS = 20;

/** Words of a metric's name that make it a score (higher is better), and words that make it a cost whatever else it says. */
const SCORE_WORDS = new Set(['accuracy', 'acc', 'r2', 'auc', 'f1', 'precision', 'recall']);
const COST_WORDS = new Set(['loss', 'error', 'err', 'mse', 'rmse', 'mae', 'cost']);

/**
 * The direction a metric is taken in when none is given: maximize when a word of its name (split at
 * `_`, `-`, `.` and spaces) is a score (accuracy, acc, r2, auc, f1, precision, recall) and none is a
 * cost (loss, error, err, mse, rmse, mae, cost); else minimize.
 *
 * @example defaultDirection('val_accuracy') // 'maximize'
 * @example defaultDirection('inaccuracy')   // 'minimize' (a word of its own)
 * @example defaultDirection('f1_loss')      // 'minimize'
 */
export function defaultDirection(metric: string): Direction {
  const words = metric.toLowerCase().split(/[_\-.\s]+/);
  return words.some((w) => SCORE_WORDS.has(w)) && !words.some((w) => COST_WORDS.has(w)) ? 'maximize' : 'minimize';
}

export function normalizeStudy(spec: StudySpec, baseDir: string): NormalizedStudy {
  const objectives = spec.objectives?.map((o) => ({ metric: o.metric, direction: o.direction ?? defaultDirection(o.metric) }));
  const metric = objectives?.[0]?.metric ?? spec.metric ?? (spec.task ? 'val_loss' : 'value');
  const out: NormalizedStudy = {
    name: spec.name,
    seed: spec.seed ?? 0,
    direction: objectives?.[0]?.direction ?? spec.direction ?? defaultDirection(metric),
    metric,
    // One objective in the list is a single-objective study, as if given as metric and direction.
    ...(objectives && objectives.length > 1 ? { objectives } : {}),
    budget: spec.task?.epochs ?? spec.budget ?? (spec.task ? DEFAULT_EPOCHS : 1),
    space: spec.space,
    // "exhaust" and minBudget's default are filled in below, once the rest of the study is known.
    strategy: spec.strategy as ResolvedStrategySpec,
    repeats: spec.repeats ?? 1,
    baseDir: path.resolve(baseDir),
  };
  if (spec.description !== undefined) out.description = spec.description;
  if (spec.task) out.task = spec.task;
  // A module path resolves against the study file; the inline marker is not a path.
  if (spec.objective) out.objective = spec.objective === INLINE_OBJECTIVE ? INLINE_OBJECTIVE : path.resolve(baseDir, spec.objective);
  if (spec.enqueue !== undefined && spec.enqueue.length > 0) out.enqueue = spec.enqueue;
  if (spec.maxTrials !== undefined) out.maxTrials = spec.maxTrials;
  if (spec.maxEpochs !== undefined) out.maxEpochs = spec.maxEpochs;
  // A halving strategy's rung 0 left out is its default, stored as a number, as "exhaust"'s is.
  const st = MULTI_FIDELITY_TYPES.includes(spec.strategy.type) && (spec.strategy as { minBudget?: unknown }).minBudget === undefined
    ? ({ ...spec.strategy, minBudget: DEFAULT_MIN_BUDGET } as StudySpec['strategy'])
    : spec.strategy;
  out.strategy = st as ResolvedStrategySpec;
  // From the candidates and maxBudget only (both "exhaust" at once are refused: each needs the other's number).
  if (st.type === 'successive-halving' && st.minBudget === 'exhaust' && typeof st.candidates === 'number') {
    const full = strategyWithDefaults(st);
    const exhausted = exhaustMinBudget(st.candidates, st.maxBudget, full.reductionFactor, full.aggressiveElimination);
    Object.assign(out, { strategy: { ...st, minBudget: exhausted.minBudget }, exhausted });
  }
  // From the study's own maxEpochs, never a run's --max-epochs: the trials a study runs do not change with a flag of one run.
  if (isExhaust(st)) Object.assign(out, resolveExhaust({ ...out, strategy: st }, spec.maxEpochs));
  return out;
}
