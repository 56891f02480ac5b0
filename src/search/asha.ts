/**
 * ASHA, asynchronous successive halving (Li et al. 2020, MLSys): promote as
 * soon as a trial is in the top 1/η of the results seen so far at its rung,
 * so no worker ever waits for a rung to fill.
 *
 * Rungs r_k = minBudget·η^k up to maxBudget, the last raised to maxBudget
 * (rung-budgets.ts). Trial n's params come from new Rng(deriveSeed(seed, n));
 * at most `trials` trials are created (numbers 0..trials−1).
 *
 * next():
 *  1. for k from the second-highest rung down to 0: rank the trials with a
 *     finite value at r_k (best first in the study direction, ties by lower
 *     number; m_k = their count) and take the top ⌊m_k/η⌋; the first of them
 *     that has not been promoted beyond r_k (target ≤ r_k), is not failed and
 *     is not in flight → `promote` it to r_{k+1};
 *  2. otherwise, fewer than `trials` trials exist → `start` the next at r_0;
 *  3. otherwise `wait` if a trial is queued/running, else `done`.
 * Failed trials are never promoted; a trial that failed at a higher rung
 * still counts (and holds its rank) at the rungs it completed.
 *
 * Brackets (`brackets` = B > 1, default 1): asynchronous Hyperband (Li et al.
 * 2020, §3; Ray Tune's AsyncHyperBandScheduler, Optuna's HyperbandPruner).
 * Bracket b = 0..B−1 is ASHA on the rungs r_b, r_{b+1}, …: it starts its
 * trials at r_b, and ranks and promotes only among its own trials. Trial n
 * goes to bracketOf(n): a smooth weighted round-robin over Hyperband's
 * bracket sizes ⌈(s_max+1)/(s+1)·η^s⌉, s = s_max − b (hyperband.ts), so any
 * first m trials split between brackets as Hyperband's would, and the
 * assignment is a pure function of n (resume, same seed ⇒ same brackets).
 * Step 1 looks at rungs from the highest down, and at each rung at brackets
 * in order. B = 1 is plain ASHA.
 *
 * Which trials get promoted depends on the order results arrive in, so unlike
 * the synchronous strategies the set of trained (trial, budget) pairs depends
 * on timing — params of trial n still do not (a random draw, or with sampler
 * "sobol" point n of the study's scrambled Sobol sequence), unless `sampler` is "tpe":
 * then trial n is drawn by TPE (tpe-sample.ts) from every result in at its
 * start, ranked highest budget first (rankObserved), as Optuna's TPESampler
 * with a pruner draws; random until `startupTrials` (default 10) trials have
 * a value, with TPE's `eiCandidates` and `multivariate`.
 *
 * plan() is the nominal ladder n_0 = trials, n_{k+1} = ⌊n_k/η⌋ at r_k: what
 * ASHA trains when every rung is full per its ratio. It is NOT a hard upper
 * bound: promotions are never revoked, so when results arrive in improving
 * order a rung can promote up to m_k − ⌈η⌉ + 1 trials (each new best is
 * promoted). Use it as the expected cost, not a cap.
 */
import { deriveSeed, Rng } from '../rng.js';
import { hyperbandBrackets } from './hyperband.js';
import { floorDiv } from './lattice.js';
import { rungBudgets } from './rung-budgets.js';
import { isEnqueued, startParams, trialUniforms, type TrialUniforms } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { Decision, Direction, PlanBracket, Strategy, StrategyInit, StudyView, TrialView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import { rankObserved, tpeSample } from './tpe-sample.js';
import { RungRankings } from './rung-rankings.js';
import { isInFlight } from './trial-queries.js';
import { assertStrategy } from './validate-strategy.js';

export type AshaOptions = StrategyOptions<'asha'>;

/** What the TPE sampler draws with: tpeSample's options and when the model takes over. */
interface TpeSampler {
  startupTrials: number;
  candidates: number;
  multivariate: boolean;
}

export class Asha implements Strategy {
  readonly name = 'asha';
  readonly maxBudget: number;
  readonly totalTrials: number;
  readonly reductionFactor: number;
  readonly warmStart: boolean;
  readonly budgets: readonly number[];
  /** Number of brackets (1: plain ASHA). */
  readonly brackets: number;
  private readonly weights: readonly number[];
  private readonly totalWeight: number;
  /** bracketOf(n) for the trials asked about so far. */
  private readonly assigned: number[] = [];
  private readonly credit: number[];
  /** Where new trials' params come from: random draws (default), or TPE over the results so far. */
  readonly sampler: 'random' | 'tpe' | 'sobol';
  /** Trial n's own draws: its Rng, or Sobol point n (sampler "sobol"); TPE's startup trials take their Rng. */
  private readonly uniforms: TrialUniforms;
  /** The TPE sampler's options (startupTrials, eiCandidates, multivariate); undefined with random draws. */
  private readonly tpe: TpeSampler | undefined;
  private readonly space: Space;
  /** Where trials start: the seed, and the study's enqueued points. */
  private readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>;
  private readonly direction: Direction;
  /**
   * Each bracket's rungs, ranked (trials numbered past `trials` take part in none): kept up to date
   * from decision to decision, as a scan of every trial per decision made a long study quadratic.
   */
  private readonly rankings: RungRankings;

  constructor(space: Space, init: StrategyInit, options: AshaOptions) {
    assertStrategy({ type: 'asha', ...options }, space);
    this.space = space;
    this.draws = init;
    this.direction = init.direction;
    const full = strategyWithDefaults({ type: 'asha' as const, ...options });
    this.reductionFactor = full.reductionFactor;
    this.warmStart = full.warmStart;
    this.budgets = rungBudgets(full.minBudget, options.maxBudget, this.reductionFactor);
    this.maxBudget = options.maxBudget;
    this.totalTrials = options.trials;
    this.brackets = full.brackets;
    this.sampler = full.sampler;
    this.uniforms = trialUniforms(full.sampler === 'sobol' ? 'sobol' : 'random', space, init.seed);
    this.tpe = full.sampler === 'tpe' ? { startupTrials: full.startupTrials, candidates: full.eiCandidates, multivariate: full.multivariate } : undefined;
    this.weights = hyperbandBrackets(full.minBudget, options.maxBudget, this.reductionFactor)
      .slice(0, this.brackets)
      .map((b) => b.counts[0]!);
    this.totalWeight = this.weights.reduce((a, b) => a + b, 0);
    this.credit = this.weights.map(() => 0);
    const plain = this.brackets === 1;
    this.rankings = new RungRankings({
      direction: this.direction,
      groupOf: (t) => (t.number >= this.totalTrials ? undefined : plain ? 0 : t.bracket),
      // Every bracket is ranked on the whole ladder; bracket b only asks about rungs b and up.
      budgetsOf: () => this.budgets,
      eligible: promotable,
    });
  }

  /** Top ⌊m/η⌋ of a rung with m results. */
  private readonly keep = (m: number): number => floorDiv(m, this.reductionFactor);

  /** The bracket of trial n: smooth weighted round-robin over Hyperband's bracket sizes (deterministic). */
  bracketOf(n: number): number {
    while (this.assigned.length <= n) {
      let pick = 0;
      for (let b = 0; b < this.weights.length; b++) {
        this.credit[b]! += this.weights[b]!;
        if (this.credit[b]! > this.credit[pick]!) pick = b;
      }
      this.credit[pick]! -= this.totalWeight;
      this.assigned.push(pick);
    }
    return this.assigned[n]!;
  }

  next(study: StudyView): Decision {
    const rankings = this.rankings;
    rankings.sync(study);
    for (let k = this.budgets.length - 2; k >= 0; k--) {
      // Bracket b's rungs are budgets[b..]: only brackets 0..k have a rung at budget k.
      for (let b = 0; b < this.brackets && b <= k; b++) {
        const { trial } = rankings.pick(b, k, this.keep);
        if (trial) return { kind: 'promote', number: trial.number, budget: this.budgets[k + 1]!, bracket: b, rung: k + 1 - b };
      }
    }
    const created = study.trials.length;
    if (created < this.totalTrials) {
      const params = this.tpe && !isEnqueued(this.draws, created) ? this.tpeParams(this.tpe, study.trials, created) : startParams(this.space, this.draws, created, this.uniforms);
      const bracket = this.bracketOf(created);
      return { kind: 'start', number: created, params, budget: this.budgets[bracket]!, bracket, rung: 0 };
    }
    return rankings.inFlight > 0 ? { kind: 'wait' } : { kind: 'done' };
  }

  /**
   * TPE's draw for trial n from every result so far (Optuna's TPESampler with a pruner does the
   * same, here with its constant liar): random until `startupTrials` trials have a value.
   */
  private tpeParams(tpe: TpeSampler, trials: readonly TrialView[], n: number): Params {
    const { ranked, failed } = rankObserved(trials, this.direction, this.maxBudget);
    if (ranked.length < tpe.startupTrials) return startParams(this.space, this.draws, n);
    // Trials running their first job have no value yet: pending, as TPE's own in-flight trials are.
    const pending = trials.filter((t) => isInFlight(t) && t.rungValues.size === 0).map((t) => ({ number: t.number, params: t.params }));
    return tpeSample(this.space, ranked, new Rng(deriveSeed(this.draws.seed, n)), {
      candidates: tpe.candidates,
      multivariate: tpe.multivariate,
      worst: [...failed, ...pending],
    });
  }

  plan(): PlanBracket[] {
    const starts = this.weights.map(() => 0);
    for (let n = 0; n < this.totalTrials; n++) starts[this.bracketOf(n)]!++;
    return starts.map((first, bracket) => {
      let n = first;
      const rungs = this.budgets.slice(bracket).map((budget, rung) => {
        if (rung > 0) n = floorDiv(n, this.reductionFactor);
        return { rung, trials: n, budget };
      });
      return { bracket, rungs };
    });
  }
}

/** Not promoted beyond `budget` yet, not failed, not in flight. */
function promotable(t: TrialView, budget: number): boolean {
  return t.target <= budget && t.state !== 'failed' && !isInFlight(t);
}

export function asha(space: Space, init: StrategyInit, options: AshaOptions): Asha {
  return new Asha(space, init, options);
}
