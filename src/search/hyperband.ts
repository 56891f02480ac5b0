/**
 * Hyperband (Li et al. 2018, JMLR): several synchronous successive-halving
 * brackets that trade the number of configurations against their budget.
 *
 * With R = maxBudget, r = minBudget, s_max = ⌊log_η(R/r)⌋ (integer loop):
 * for s = s_max … 0 there is one bracket, index s_max − s (0 first), of
 * n = ⌈(s_max+1)/(s+1)·η^s⌉ candidates. Its rung i (i = 0..s) trains
 * n_i = max(1, ⌊n_{i−1}/η⌋) trials (n_0 = n) to r_i = R·η^(i−s), rounded and
 * at least minBudget; the last rung is exactly R. (Budgets are anchored at R,
 * as in the paper, so when R/r is not a power of η the most exploratory
 * bracket starts at round(R·η^−s_max), which may exceed minBudget.)
 * R = 81, r = 1, η = 3 gives the paper's table:
 *   s=4: 81@1 27@3 9@9 3@27 1@81 · s=3: 34@3 11@9 3@27 1@81 · s=2: 15@9 5@27 1@81
 *   s=1: 8@27 2@81 · s=0: 5@81
 *
 * Trial numbers: each bracket owns a contiguous range, bracket 0 first
 * (0..80, 81..114, … above). Each bracket is run by the synchronous SHA rules
 * of successive-halving.ts (decideBracket). Trial n's params come from
 * new Rng(deriveSeed(seed, n)), or with sampler "sobol" from point n of the
 * study's scrambled Sobol sequence (each bracket a block of consecutive points),
 * or with sampler "tpe" from TPE over the first-rung values of trials
 * 0 … n − maxConcurrent, of whichever bracket (halving-tpe.ts).
 *
 * With `iterations` k > 1 (Hyperband's outer loop), the k·(s_max+1) brackets are
 * the same brackets k times over, numbered on (iteration j's bracket s_max − s
 * is bracket j·(s_max+1) + s_max − s), each with trials of its own.
 *
 * All brackets run together: next() returns the first start/promote offered
 * by any bracket in bracket order, `wait` if none is offered but some bracket
 * has a trial in flight, `done` when every bracket is done. So while one
 * bracket waits for results before it can promote, idle workers start
 * trials of the next.
 */
import { HalvingTpe } from './halving-tpe.js';
import { rungBudgets, rungCounts } from './rung-budgets.js';
import { startParams, trialUniforms, type TrialUniforms } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { Decision, Direction, PlanBracket, Strategy, StrategyInit, StudyView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import type { RungRankings } from './rung-rankings.js';
import { bracketPlan, bracketRankings, decideBracket, type SyncBracket } from './successive-halving.js';
import { assertStrategy } from './validate-strategy.js';

/**
 * The brackets of Hyperband for budgets minBudget..maxBudget and η.
 *
 * @example hyperbandBrackets(1, 81, 3).map((b) => b.counts[0]) // [81, 34, 15, 8, 5]
 * @example hyperbandBrackets(1, 9, 3, 2).map((b) => b.counts[0]) // [9, 5, 3, 9, 5, 3]
 */
export function hyperbandBrackets(minBudget: number, maxBudget: number, eta: number, iterations = 1): SyncBracket[] {
  const sMax = rungBudgets(minBudget, maxBudget, eta).length - 1;
  const one: SyncBracket[] = [];
  let first = 0;
  for (let s = sMax; s >= 0; s--) {
    let pow = 1;
    for (let i = 0; i < s; i++) pow *= eta;
    const exact = ((sMax + 1) * pow) / (s + 1);
    const n = Math.ceil(exact - 1e-9 * exact);
    const budgets: number[] = [];
    let divisor = pow;
    for (let i = 0; i <= s; i++) {
      budgets.push(i === s ? maxBudget : Math.max(minBudget, Math.round(maxBudget / divisor)));
      divisor /= eta;
    }
    one.push({ bracket: sMax - s, first, budgets, counts: rungCounts(n, eta, s + 1) });
    first += n;
  }
  // Iteration j: the same brackets again, numbered on, with trials of their own.
  const brackets: SyncBracket[] = [];
  for (let j = 0; j < iterations; j++) {
    for (const b of one) brackets.push({ ...b, bracket: j * one.length + b.bracket, first: j * first + b.first });
  }
  return brackets;
}

export type HyperbandOptions = StrategyOptions<'hyperband'>;

export class Hyperband implements Strategy {
  readonly name = 'hyperband';
  readonly maxBudget: number;
  readonly totalTrials: number;
  readonly reductionFactor: number;
  readonly warmStart: boolean;
  readonly brackets: readonly SyncBracket[];
  private readonly space: Space;
  /** Where trials start: the seed, and the study's enqueued points. */
  private readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>;
  private readonly direction: Direction;
  /** Trial n's draws: its Rng (sampler "random"), or Sobol point n (sampler "sobol"). */
  private readonly uniforms: TrialUniforms;
  /** The TPE sampler (undefined with the others). */
  private readonly tpe: HalvingTpe | undefined;
  /** Every bracket's rungs, ranked and counted from decision to decision (bracketRankings). */
  private readonly rankings: RungRankings;

  constructor(space: Space, init: StrategyInit, options: HyperbandOptions) {
    assertStrategy({ type: 'hyperband', ...options }, space);
    this.space = space;
    this.draws = init;
    this.direction = init.direction;
    const full = strategyWithDefaults({ type: 'hyperband' as const, ...options });
    this.reductionFactor = full.reductionFactor;
    this.warmStart = full.warmStart;
    this.uniforms = trialUniforms(full.sampler === 'sobol' ? 'sobol' : 'random', space, init.seed);
    // assertStrategy refuses "exhaust": only a study, which knows its maxEpochs, turns it into a count.
    const brackets = hyperbandBrackets(full.minBudget, options.maxBudget, this.reductionFactor, full.iterations as number);
    this.brackets = brackets;
    this.rankings = bracketRankings(brackets, this.direction);
    this.tpe = full.sampler === 'tpe' ? new HalvingTpe(space, init, this.direction, full, (b) => brackets[b]!.budgets[0]!) : undefined;
    this.maxBudget = options.maxBudget;
    this.totalTrials = this.brackets.reduce((sum, b) => sum + b.counts[0]!, 0);
  }

  next(study: StudyView): Decision {
    let waiting = false;
    const tpe = this.tpe;
    const paramsFor = tpe ? (n: number) => tpe.paramsFor(n, study.trials) : (n: number): Params => startParams(this.space, this.draws, n, this.uniforms);
    this.rankings.sync(study);
    for (let g = 0; g < this.brackets.length; g++) {
      const decision = decideBracket(this.brackets[g]!, g, this.rankings, study.trials.length, paramsFor);
      if (decision.kind === 'start' || decision.kind === 'promote') return decision;
      if (decision.kind === 'wait') waiting = true;
    }
    return waiting ? { kind: 'wait' } : { kind: 'done' };
  }

  plan(): PlanBracket[] {
    return this.brackets.map(bracketPlan);
  }
}

export function hyperband(space: Space, init: StrategyInit, options: HyperbandOptions): Hyperband {
  return new Hyperband(space, init, options);
}
