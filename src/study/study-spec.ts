/**
 * A study as declared in a study file (studies/*.json) or in code, and its
 * normalised form (defaults filled in) that is stored with the study.
 */
import { UsageError } from '../errors.js';
import type { Params, Space } from '../search/space.js';
import type { Direction, Objective } from '../search/strategy.js';
import type { ResolvedStrategySpec, StrategySpec } from '../search/strategy-spec.js';
import type { Exhausted } from './exhaust-count.js';
import type { TaskSpec } from '../tasks/task-spec.js';

export interface StudySpec {
  $schema?: string;
  name: string;
  description?: string;
  /** Study seed (default 0): trial n's seed is deriveSeed(seed, n). */
  seed?: number;
  /** Default: maximize for accuracy/r2 metrics, minimize otherwise. */
  direction?: Direction;
  /** The trial's value (default "val_loss" for tasks, "value" for objectives). */
  metric?: string;
  /**
   * Instead of metric and direction: two or more metrics to optimise at once (Optuna's
   * `directions`), each with its direction (default as `direction`'s). The study's best is then
   * its Pareto front; the first objective is also the trials' value.
   */
  objectives?: { metric: string; direction?: Direction }[];
  /** A built-in training task … */
  task?: TaskSpec;
  /** … or a user objective module, relative to the study file. */
  objective?: string;
  /** Budget for grid, random and TPE trials of an objective (tasks use task.epochs). */
  budget?: number;
  space: Space;
  strategy: StrategySpec;
  /**
   * Points the first trials start from, in order (Optuna's enqueue_trial): each gives some or all
   * params, the rest are drawn. Not for grid search.
   */
  enqueue?: Params[];
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** Study-wide cap on the number of trials, across processes. */
  maxTrials?: number;
  /**
   * Study-wide budget of epochs (budget units) trained, across processes and
   * resumes: no job is handed out once the epochs trained plus those of the
   * jobs in flight reach it (the last jobs may take the total past it by less
   * than one job).
   */
  maxEpochs?: number;
  /** Runs per configuration with different seeds. */
  repeats?: number;
}

/** What is stored as the study's definition: every default made explicit. */
export interface NormalizedStudy {
  name: string;
  description?: string;
  seed: number;
  direction: Direction;
  metric: string;
  /** A multi-objective study's objectives (two or more; the first is `metric` and `direction`); absent for one objective. */
  objectives?: Objective[];
  task?: TaskSpec;
  /** Absolute path of the objective module. */
  objective?: string;
  budget: number;
  space: Space;
  /** The study's strategy, with "exhaust" (successive halving's candidates and minBudget, Hyperband's iterations) turned into its number. */
  strategy: ResolvedStrategySpec;
  /** Set when a number came from "exhaust": which option and what it came to (a count, its cost and the maxEpochs it fills; or minBudget and what it halves to). */
  exhausted?: Exhausted;
  enqueue?: Params[];
  maxTrials?: number;
  maxEpochs?: number;
  repeats: number;
  /** Directory relative paths (datasets, objectives) resolve against. */
  baseDir: string;
}

/** The objective of a study whose trials run in this process: a function given to defineStudy, or ask/tell. */
export const INLINE_OBJECTIVE = '<inline>.js';

/** A study's objectives: its `objectives`, or its one metric and direction. */
export function studyObjectives(study: Pick<NormalizedStudy, 'objectives' | 'metric' | 'direction'>): Objective[] {
  return study.objectives ?? [{ metric: study.metric, direction: study.direction }];
}

/**
 * Refuses to rank a study of several objectives by one value (Optuna's best_trial raises there too): its best
 * trials are its Pareto front, which `instead` gives.
 */
export function assertOneObjective(study: Pick<NormalizedStudy, 'objectives'>, name: string, instead: string): void {
  if (study.objectives) {
    throw new UsageError(`study "${name}" has ${study.objectives.length} objectives (${study.objectives.map((o) => o.metric).join(', ')}), so no single best trial: ${instead} gives its Pareto front`);
  }
}
