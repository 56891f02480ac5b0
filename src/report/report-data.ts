/**
 * What `renderReport` draws: one study, read from storage and the stats room
 * by the CLI's `report` command. Plain data, JSON-serialisable (rung values
 * as [budget, value] pairs rather than a Map).
 */
import type { TrialRow } from '../storage/storage.js';
import type { Direction, Objective, PlanBracket } from '../search/strategy.js';
import type { StepValue } from '../pool/protocol.js';
import type { ConfigStats } from '../stats/rank-configs.js';
import type { Space } from '../search/space.js';

export interface ReportStudy {
  name: string;
  direction: Direction;
  metric: string;
  /** A multi-objective study's objectives (two or more; the first is `metric` and `direction`); absent for one objective. */
  objectives?: Objective[];
  /** The strategy as `show` describes it: "random with the patience pruner (…)", "tpe (…)". */
  strategy: string;
  seed: number;
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
};

/** One row of the ranking (configurations averaged over their trials): rankConfigs' output. */
export type ReportRankingRow = Pick<ConfigStats, 'rank' | 'params' | 'trials' | 'n' | 'budget' | 'mean' | 'std' | 'ci95' | 'tiedWithBest'>;

export interface ReportData {
  study: ReportStudy;
  trials: ReportTrial[];
  /** Learning curve per trial number. */
  curves: Record<number, StepValue[]>;
  /** The rung plan (bracket, rung, trials, budget). */
  plan: PlanBracket[];
  ranking: ReportRankingRow[];
  importance: Array<{ param: string; importance: number }>;
  /**
   * A multi-objective study's Pareto front: the numbers of the complete trials no other complete
   * trial beats on every objective, by the first objective (stats/pareto-front.ts). Absent for one objective.
   */
  paretoFront?: number[];
  /** The study's search space: axes follow what it declares (log, categorical). Optional: guessed from values without it. */
  space?: Space;
  /** ms since epoch. */
  generatedAt: number;
}
