/**
 * Synchronous successive halving (Jamieson & Talwalkar 2016; the scheme of
 * scikit-learn's HalvingRandomSearchCV / HalvingGridSearchCV).
 *
 * Rungs: budgets r_i = minBudget·η^i, i = 0..s, s = ⌊log_η(maxBudget/minBudget)⌋
 * (integer loop, no floating log), rounded; the last rung is maxBudget — if
 * minBudget·η^s < maxBudget its budget is raised to maxBudget (min 1, max 10,
 * η 3 → rungs 1, 3, 10). See rung-budgets.ts.
 *
 * Trials: rung 0 has n_0 = candidates trials, numbers 0..n_0−1; trial n's
 * params come from new Rng(deriveSeed(seed, n)) (sampler "random"), point n
 * of the study's scrambled Sobol sequence (sampler "sobol") or grid
 * cell n (sampler "grid"; with fewer candidates than cells, the n-th of a
 * seeded sample of cells: gridSubset), so they never depend on timing; with
 * sampler "tpe", TPE's draw from the first-rung values of trials
 * 0 … n − maxConcurrent (halving-tpe.ts), which waits for them to be known
 * but never on timing either. Rung i+1 keeps the
 * best n_{i+1} = max(1, ⌊n_i/η⌋) of rung i (fewer candidates than η: keep 1);
 * with aggressiveElimination, rung 1 keeps what repeating rung 0's cut leaves
 * once the ladder is too short to halve the candidates to fewer than η
 * (rungCounts).
 *
 * A trial belongs to rung i when its target is ≥ r_i. Ranking within a rung
 * uses the value at r_i in the study direction, ties broken by trial number
 * (lower first). Trials without a finite value at r_i (failed,
 * diverged) rank last and are never promoted, even if that leaves fewer than
 * n_{i+1}; if every trial of a rung failed, the search is done. A trial that
 * failed at a later rung still holds its place in the ranking of the rungs it
 * completed (so nobody is promoted in its stead).
 *
 * Promotions are those of the textbook algorithm, which decides a rung once
 * all its trials have finished; but a trial is promoted as soon as it is
 * certain to be among the rung's best n_{i+1}, not at the rung's barrier:
 * when fewer than n_{i+1} − p trials rank before it, p being the trials that
 * may still get a value at r_i (those queued or running to r_i, plus, while
 * rung i−1 may still promote, n_i minus the trials already in rung i). No
 * result still to come can push it out, so the same trials are promoted with
 * the same values, in any order of completion and on any number of threads;
 * only the idle time at rung barriers goes (measured in bench:search).
 *
 * next():
 *  1. a candidate of rung 0 not yet created → `start` (lowest number first),
 *     unless its params cannot be drawn yet (the TPE sampler's history is
 *     still training): then go on to 2, rung 0 counting it as to come;
 *  2. the best-ranked trial certain to be kept by its rung, whose target is
 *     below r_{i+1}, not failed, not in flight → `promote` it to r_{i+1}
 *     (from the highest rung that has one: longest jobs first);
 *  3. otherwise `wait` while a trial is in flight, else `done`.
 * The whole state is derived from the trial views, so resume works.
 *
 * warmStart (default true) does not change decisions: it tells the runner to
 * continue promoted trials from their checkpoint (see planTotals).
 */
import { deriveSeed, Rng } from '../rng.js';
import { exhaustMinBudget } from './exhaust-min-budget.js';
import { gridCell, gridSize } from './grid-points.js';
import { HalvingTpe } from './halving-tpe.js';
import { rungBudgets, rungCounts } from './rung-budgets.js';
import { startParams, trialUniforms, type TrialUniforms } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { Decision, Direction, PlanBracket, Strategy, StrategyInit, StudyView, TrialView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import { firstIndex } from './first-index.js';
import { RungRankings } from './rung-rankings.js';
import { isInFlight } from './trial-queries.js';
import { assertStrategy } from './validate-strategy.js';

/** One synchronous successive-halving bracket over a contiguous range of trial numbers. */
export interface SyncBracket {
  bracket: number;
  /** First trial number of the bracket; its trials are first .. first + counts[0] − 1. */
  first: number;
  /** Budget of each rung, increasing; the last is the strategy's maxBudget. */
  budgets: readonly number[];
  /** Planned trials of each rung (counts[0] = candidates). */
  counts: readonly number[];
}

/** RungRankings counters of a synchronous bracket's rungs: trials in the rung (target at or above its budget). */
const IN_RUNG = 0;
/** …and trials training to the rung's budget now (queued or running). */
const TRAINING = 1;

/**
 * The rankings of synchronous brackets (successive halving's one, Hyperband's several), each bracket the group
 * of its position in `layouts`: a trial belongs to the bracket whose numbers hold it, and to a rung's ranking
 * when it reached the rung (target ≥ its budget) with a finite value there.
 */
export function bracketRankings(layouts: readonly SyncBracket[], direction: Direction): RungRankings {
  const reached = (t: TrialView, budget: number) => t.target >= budget;
  return new RungRankings({
    direction,
    groupOf: (t) => {
      // Layouts hold consecutive ranges of numbers, in order: the last one that starts at or before the trial.
      const g = firstIndex(layouts.length, (i) => layouts[i]!.first > t.number) - 1;
      return g >= 0 && t.number < layouts[g]!.first + layouts[g]!.counts[0]! ? g : undefined;
    },
    budgetsOf: (g) => layouts[g]!.budgets,
    ranks: reached,
    eligible: (t, _budget, rung, g) => {
      const next = layouts[g]!.budgets[rung + 1];
      return next !== undefined && t.target < next && t.state !== 'failed' && !isInFlight(t);
    },
    // IN_RUNG, TRAINING.
    counts: [reached, (t, budget) => t.target === budget && isInFlight(t)],
  });
}

/**
 * The next decision of one bracket (see the file comment), group `group` of
 * `rankings` (bracketRankings, synced to the view), `created` trials made so
 * far. `wait` means a rung of this bracket has a trial in flight, or a
 * candidate's params cannot be drawn yet (`paramsFor` gave undefined);
 * `done` that the bracket is over.
 */
export function decideBracket(
  layout: SyncBracket,
  group: number,
  rankings: RungRankings,
  created: number,
  paramsFor: (number: number) => Params | undefined,
): Decision {
  const { bracket, first, budgets, counts } = layout;
  const end = first + counts[0]!;
  if (created < end) {
    // Trials are dense: the next number to create is the count made so far. A later
    // bracket cannot start before the earlier ones have created theirs.
    if (created < first) return { kind: 'wait' };
    const params = paramsFor(created);
    if (params) return { kind: 'start', number: created, params, budget: budgets[0]!, bracket, rung: 0 };
    // The draw waits for results (the TPE sampler): promote meanwhile what is certain to be kept.
  }
  const members = rankings.members(group);
  let promotion: Decision | undefined;
  // Whether the rung below will send no more trials up to this one (rung 0: all created).
  let closed = members.count >= counts[0]!;
  for (let i = 0; i < budgets.length - 1; i++) {
    const keep = counts[i + 1]!;
    const inRung = rankings.count(group, i, IN_RUNG);
    // Trials that may still get a value here: those training to this budget, and as many as
    // the rung below may still promote (it promotes at most this rung's planned count).
    const pending: number = rankings.count(group, i, TRAINING) + (closed ? 0 : Math.max(0, counts[i]! - inRung));
    // Promoted now only when nothing still to come could push it out of the top `keep`.
    const pick = rankings.pick(group, i, () => keep - pending);
    // The highest rung's first: its jobs are the longest, so they start as early as they can.
    if (pick.trial) promotion = { kind: 'promote', number: pick.trial.number, budget: budgets[i + 1]!, bracket, rung: i + 1 };
    closed = pending === 0 && !pick.trial;
  }
  if (promotion) return promotion;
  // Nothing to promote: either something still runs, or nothing ever will (every rung is decided, or all of a rung failed).
  return members.count < counts[0]! || members.inFlight > 0 ? { kind: 'wait' } : { kind: 'done' };
}

/** The plan of one bracket. */
export function bracketPlan(layout: SyncBracket): PlanBracket {
  return {
    bracket: layout.bracket,
    rungs: layout.budgets.map((budget, rung) => ({ rung, trials: layout.counts[rung]!, budget })),
  };
}

export type SuccessiveHalvingOptions = StrategyOptions<'successive-halving'>;

export class SuccessiveHalving implements Strategy {
  readonly name = 'successive-halving';
  readonly maxBudget: number;
  readonly totalTrials: number;
  readonly reductionFactor: number;
  readonly warmStart: boolean;
  readonly sampler: 'random' | 'grid' | 'sobol' | 'tpe';
  readonly layout: SyncBracket;
  /** The rungs, ranked and counted from decision to decision (bracketRankings). */
  private readonly rankings: RungRankings;
  /** The TPE sampler (undefined with the others). */
  private readonly tpe: HalvingTpe | undefined;
  private readonly space: Space;
  /** Where trials start: the seed, and the study's enqueued points. */
  private readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>;
  private readonly direction: Direction;

  constructor(space: Space, init: StrategyInit, options: SuccessiveHalvingOptions) {
    assertStrategy({ type: 'successive-halving', ...options }, space);
    // assertStrategy refuses candidates "exhaust": only a study, which knows its maxEpochs, turns it into a count.
    const candidates = options.candidates as number;
    this.space = space;
    this.draws = init;
    this.direction = init.direction;
    const full = strategyWithDefaults({ type: 'successive-halving' as const, ...options });
    this.reductionFactor = full.reductionFactor;
    this.warmStart = full.warmStart;
    this.sampler = full.sampler;
    // minBudget "exhaust" needs nothing but the candidates and the ladder's top (a study resolves it too, to say what it came to).
    const minBudget = full.minBudget === 'exhaust' ? exhaustMinBudget(candidates, options.maxBudget, this.reductionFactor).minBudget : full.minBudget;
    const budgets = rungBudgets(minBudget, options.maxBudget, this.reductionFactor);
    this.layout = { bracket: 0, first: 0, budgets, counts: rungCounts(candidates, this.reductionFactor, budgets.length, full.aggressiveElimination) };
    this.rankings = bracketRankings([this.layout], this.direction);
    this.maxBudget = options.maxBudget;
    this.totalTrials = candidates;
    this.tpe = full.sampler === 'tpe' ? new HalvingTpe(space, init, this.direction, full, () => budgets[0]!) : undefined;
  }

  next(study: StudyView): Decision {
    const tpe = this.tpe;
    this.rankings.sync(study);
    return decideBracket(this.layout, 0, this.rankings, study.trials.length, tpe ? (n) => tpe.paramsFor(n, study.trials) : (n) => this.paramsFor(n));
  }

  plan(): PlanBracket[] {
    return [bracketPlan(this.layout)];
  }

  /** Params of trial n: grid cell n (of the seeded subset, with fewer candidates than cells), Sobol point n, or a draw from deriveSeed(seed, n). */
  private paramsFor(number: number): Params {
    if (this.sampler !== 'grid') {
      this.uniforms ??= trialUniforms(this.sampler === 'sobol' ? 'sobol' : 'random', this.space, this.draws.seed);
      return startParams(this.space, this.draws, number, this.uniforms);
    }
    this.cells ??= gridSubset(gridSize(this.space), this.totalTrials, this.draws.seed);
    return gridCell(this.space, this.cells[number]!);
  }

  /** The grid cells the candidates take, in grid order (every cell when there are as many candidates). */
  private cells: Int32Array | undefined;
  /** Trial n's draws (random or Sobol sampler). */
  private uniforms: TrialUniforms | undefined;
}

export function successiveHalving(space: Space, init: StrategyInit, options: SuccessiveHalvingOptions): SuccessiveHalving {
  return new SuccessiveHalving(space, init, options);
}

/**
 * `k` of the cells 0..size−1, in ascending order: all of them when k = size,
 * else a seeded sample without replacement (as scikit-learn's
 * ParameterSampler samples a grid given as lists), so fewer candidates than
 * cells spread over the whole grid instead of taking its first k cells,
 * which vary only the last params.
 */
export function gridSubset(size: number, k: number, seed: number): Int32Array {
  const all = new Int32Array(size);
  for (let i = 0; i < size; i++) all[i] = i;
  if (k >= size) return all;
  // A partial Fisher–Yates shuffle from a stream of its own (no trial has number 2^31 − 1).
  const rng = new Rng(deriveSeed(seed, 0x7fffffff));
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(size - i);
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.slice(0, k).sort();
}
