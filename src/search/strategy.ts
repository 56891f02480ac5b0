/**
 * The Strategy contract. A strategy is the search algorithm: pure, seeded,
 * no I/O, no threads. Given the same seed and the same trials it makes the
 * same decision, and its whole state is derivable from the trials, which is
 * what makes --resume and several processes on one study possible: the runner
 * rebuilds the trial views from storage and asks again.
 *
 * Trial numbers are handed out by the strategy (not by the runner) so that
 * trial n always has the same params and seed: params are drawn from an Rng
 * seeded with deriveSeed(studySeed, n) or taken from grid cell n.
 */
import type { GpDraw } from './gp-draw.js';
import type { StopRule } from './stop-rule.js';
import type { Params } from './space.js';

export type Direction = 'minimize' | 'maximize';

/** One objective of a multi-objective study: a metric and the direction it is better in. */
export interface Objective {
  readonly metric: string;
  readonly direction: Direction;
}

export type TrialState = 'queued' | 'running' | 'complete' | 'pruned' | 'failed';

/** Every trial state, in lifecycle order. */
export const TRIAL_STATE_NAMES = ['queued', 'running', 'complete', 'pruned', 'failed'] as const satisfies readonly TrialState[];

/** What a strategy sees of one trial. */
export interface TrialView {
  readonly number: number;
  readonly params: Params;
  readonly state: TrialState;
  /** Budget (epochs) the trial has completed so far; 0 before its first job ends. */
  readonly budget: number;
  /** Budget the current (queued/running) or last job aimed for. */
  readonly target: number;
  /**
   * Value of the study metric at each budget a job of this trial ended at
   * (the rung values). A failed trial has no entry for the budget it failed at.
   */
  readonly rungValues: ReadonlyMap<number, number>;
  /** Hyperband bracket (0 for single-bracket strategies). */
  readonly bracket: number;
  /**
   * The learning curve (step → value of the study metric), only for a strategy that sets
   * `needsCurves`, and only on trials not in flight (complete, pruned or failed).
   */
  readonly curve?: ReadonlyMap<number, number>;
  /**
   * Final metrics of the trial's last job (by name). A multi-objective strategy reads its
   * objectives here: a complete trial of a multi-objective study has a finite value for each.
   */
  readonly metrics?: Readonly<Record<string, number>>;
  /** A forked trial (a `start` with `fork`): the trial and budget it started as a copy of. */
  readonly forkOf?: Fork;
}

/** The study as the strategy sees it: trials indexed by number (dense, 0..n-1). */
export interface StudyView {
  readonly trials: readonly TrialView[];
  /**
   * Which trials changed since an earlier look, when the view can say (the runner's mirror can): a
   * strategy that keeps state from decision to decision (RungRankings) then looks only at those.
   */
  readonly changes?: TrialChanges;
}

/** A log of the trials a view changed (TrialView rows are replaced, never changed in place). */
export interface TrialChanges {
  /** Grows with every change. */
  readonly version: number;
  /** The numbers of the trials changed after `version` (a number may repeat); undefined when the log no longer goes back that far. */
  since(version: number): readonly number[] | undefined;
}

export type Decision =
  /**
   * Create trial `number` with `params` and train it to `budget`. With `fork` (PBT's exploit), the trial starts as a
   * copy of trial `fork.from` at `fork.budget`: the runner copies that trial's checkpoint to it when it claims it.
   */
  | { kind: 'start'; number: number; params: Params; budget: number; bracket: number; rung: number; fork?: Fork }
  /** Continue existing trial `number` (from its checkpoint when warm-starting) up to `budget`. */
  | { kind: 'promote'; number: number; budget: number; bracket: number; rung: number }
  /** Nothing to hand out until a running job ends. */
  | { kind: 'wait' }
  /** The search is over once running jobs end. */
  | { kind: 'done' };

/** Where a forked trial starts: a copy of trial `from`'s checkpoint at `budget`. */
export interface Fork {
  readonly from: number;
  readonly budget: number;
}

/** One rung of a plan: how many trials train to which budget. */
export interface PlanRung {
  rung: number;
  trials: number;
  budget: number;
  /**
   * A generation of PBT (its rungs are generations): how many of its members are replaced by new trials, copies of
   * top members, once it ends (0 after the last). Absent in the plans of other strategies.
   */
  replaced?: number;
}

export interface PlanBracket {
  bracket: number;
  rungs: PlanRung[];
}

export interface StrategyInit {
  seed: number;
  direction: Direction;
  /**
   * Points the first trials start from, in order (the study's `enqueue`): each a partial set of
   * params, the rest drawn (sample-params.ts startParams). Grid search has none.
   */
  enqueued?: readonly Params[];
  /**
   * A multi-objective study's objectives (two or more, in the study's order; the first is also
   * `direction` and the trials' value); absent for a single-objective study.
   */
  objectives?: readonly Objective[];
}

export interface Strategy {
  readonly name: string;
  /** The largest budget a trial can reach; a job ending below it leaves the trial `pruned`. */
  readonly maxBudget: number;
  /** Total number of trials the strategy will create, when known in advance. */
  readonly totalTrials: number | undefined;
  /**
   * Whether promoted trials continue from their checkpoint (true) or retrain
   * from scratch (false). Set by strategies that promote (SHA, Hyperband,
   * ASHA; default true); undefined for grid and random search.
   */
  readonly warmStart?: boolean;
  /**
   * The most trials it lets run at once once under way (TPE's maxConcurrent: its model-based
   * trials wait on their history); undefined when only the thread count limits it.
   */
  readonly concurrency?: number;
  /**
   * The most jobs it ever has in flight, however many threads there are, when no trial waits on others the way
   * `concurrency` says (PBT: its population, one job per member), and the option that sets it; for the run's note.
   */
  readonly parallelism?: { readonly jobs: number; readonly option: string };
  /** With `concurrency`: the first trial that may wait on the trials before it (TPE's first model-based trial, or a pruner's first comparison). */
  readonly concurrencyFrom?: number;
  /** With `concurrency`: the option that sets it, for messages (`maxConcurrent` unless given: CMA-ES's is `popsize`). */
  readonly concurrencyOption?: string;
  /**
   * With `concurrency`: the last trial that trial `number` waits on (all before it up to there), when that is not
   * number − concurrency (CMA-ES: the last trial of the generation before its own).
   */
  waitsFor?(number: number): number;
  /**
   * Every job that ends below maxBudget must leave a checkpoint (PBT: its members continue from theirs, and its
   * replacements copy them); a job that saves none fails its trial, rather than retrain from scratch unseen.
   */
  readonly needsCheckpoints?: boolean;
  /** The runner fills TrialView.curve of the trials not in flight when it asks for stopRule (a pruner needs them). */
  readonly needsCurves?: boolean;
  /**
   * For a strategy whose decisions can be slow (the GP: a fit and an acquisition): whether next(study) is quick now,
   * because it needs no model or has remembered the draw for this very view. The runner makes slow decisions
   * outside the storage lock (a dry run of next() on its own view), then claims only when ready, so other
   * processes are never locked out for the length of a decision.
   */
  ready?(study: StudyView): boolean;
  /**
   * With `ready` (the GP): the slow draw next(study) would make now, as data another thread can make with
   * gpDraw (gp-draw.ts); undefined when next(study) is quick. The run loop makes it on a draw thread, so its
   * main thread stays free to record results, send heartbeats and stop.
   */
  pendingDraw?(study: StudyView): GpDraw | undefined;
  /** With `pendingDraw`: the params gpDraw(draw) gave, remembered so that next() on the draw's view is quick. */
  remember?(draw: GpDraw, params: Params): void;
  /** Decide the next job. Must not mutate `study`. */
  next(study: StudyView): Decision;
  /**
   * How every job of trial `number` stops itself early (a pruner: thresholds by step), or
   * undefined when it trains to its budget. Asked for each job the runner hands out (a start,
   * or a trial requeued after a crash), with the curves filled (`needsCurves`); it must give
   * the same answer whenever it is asked for that trial, so it may depend only on trials that
   * had finished before the trial's first job was handed out.
   */
  stopRule?(number: number, study: StudyView): StopRule | undefined;
  /** The rung plan (one bracket, one rung at maxBudget for grid, random and TPE). */
  plan(): PlanBracket[];
}

/** The plan of a strategy that trains every trial to one budget in one job (grid, random, TPE, CMA-ES): one bracket, one rung. */
export function oneRungPlan(trials: number, budget: number): PlanBracket[] {
  return [{ bracket: 0, rungs: [{ rung: 0, trials, budget }] }];
}
