/**
 * What `renderReport` draws: one study, read from storage and the stats room
 * by the CLI's `report` command. Plain data, JSON-serialisable (rung values
 * as [budget, value] pairs rather than a Map).
 */
import type { TrialRow } from '../storage/storage.js';
import type { Direction, Fork, Objective, PlanBracket } from '../search/strategy.js';
import type { MetricCurves, StepValue } from '../pool/protocol.js';
import type { ConfigStats } from '../stats/rank-configs.js';
import type { Space } from '../search/space.js';
import type { PbtGeneration } from '../search/pbt-history.js';

export interface ReportStudy {
  name: string;
  direction: Direction;
  metric: string;
  /** A multi-objective study's objectives (two or more; the first is `metric` and `direction`); absent for one objective. */
  objectives?: Objective[];
  /** The strategy as `show` describes it: "random with the patience pruner (…)", "tpe (…)". */
  strategy: string;
  seed: number;
  /** Runs per configuration (the study's repeats) when above 1: the best is then a configuration, the mean of its seeds. */
  repeats?: number;
  createdAt: number;
  updatedAt: number;
}

/** One trial as the report sees it. */
export type ReportTrial = Pick<
  TrialRow,
  'number' | 'state' | 'params' | 'value' | 'budget' | 'bracket' | 'metrics' | 'epochsTrained' | 'durationMs' | 'error'
> & {
  /** Value of the study metric at the end of each job: [budget, value]. */
  rungValues: Array<[number, number]>;
  /** A PBT trial that started as a copy of another's checkpoint: that trial and the epoch (absent otherwise). */
  forkOf?: Fork;
};

/** What the report needs of a PBT study's strategy (stats/lineage.ts gives the lineages from the trials' forkOf). */
export interface ReportPbt {
  /** The params a fork changes from its donor's: one panel each in the PBT schedule. */
  mutate: string[];
  /** Epochs each member trains in all: the schedule's x axis ends there. */
  maxBudget: number;
  /** Its generations as `rungs show` gives them (study-generations.ts): the generations table, in place of the rung table. */
  generations: PbtGeneration[];
  /** The study's repeats: above 1, members are configurations, each named by its first trial. */
  repeats: number;
}

/** One row of the ranking (configurations averaged over their trials): rankConfigs' output. */
export type ReportRankingRow = Pick<ConfigStats, 'rank' | 'params' | 'trials' | 'n' | 'budget' | 'mean' | 'std' | 'ci95' | 'tiedWithBest'>;

export interface ReportData {
  study: ReportStudy;
  trials: ReportTrial[];
  /** Learning curve per trial number. */
  curves: Record<number, StepValue[]>;
  /** The other metrics' curves per trial number (trials with none left out); absent when no trial has any. */
  metricCurves?: Record<number, MetricCurves>;
  /** The rung plan (bracket, rung, trials, budget). */
  plan: PlanBracket[];
  ranking: ReportRankingRow[];
  importance: Array<{ param: string; importance: number }>;
  /**
   * A multi-objective study's Pareto front: the numbers of the complete trials no other complete
   * trial beats on every objective, by the first objective (stats/pareto-front.ts). Absent for one objective.
   */
  paretoFront?: number[];
  /** A PBT study's options the report draws with; absent for other strategies. */
  pbt?: ReportPbt;
  /** The study's search space: axes follow what it declares (log, categorical). Optional: guessed from values without it. */
  space?: Space;
  /** ms since epoch. */
  generatedAt: number;
}
