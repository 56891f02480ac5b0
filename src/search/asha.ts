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
 * Which trials get promoted depends on the order results arrive in, so unlike
 * the synchronous strategies the set of trained (trial, budget) pairs depends
 * on timing — params of trial n still do not.
 *
 * plan() is the nominal ladder n_0 = trials, n_{k+1} = ⌊n_k/η⌋ at r_k: what
 * ASHA trains when every rung is full per its ratio. It is NOT a hard upper
 * bound: promotions are never revoked, so when results arrive in improving
 * order a rung can promote up to m_k − ⌈η⌉ + 1 trials (each new best is
 * promoted). Use it as the expected cost, not a cap.
 */
import { floorDiv } from './lattice.js';
import { rungBudgets } from './rung-budgets.js';
import { trialParams } from './sample-params.js';
import type { Space } from './space.js';
import type { Decision, Direction, PlanBracket, Strategy, StrategyInit, StudyView } from './strategy.js';
import { DEFAULT_REDUCTION_FACTOR, type StrategyOptions } from './strategy-spec.js';
import { isInFlight, rankAtBudget } from './trial-queries.js';
import { assertStrategy } from './validate-strategy.js';

export type AshaOptions = StrategyOptions<'asha'>;

export class Asha implements Strategy {
  readonly name = 'asha';
  readonly maxBudget: number;
  readonly totalTrials: number;
  readonly reductionFactor: number;
  readonly warmStart: boolean;
  readonly budgets: readonly number[];
  private readonly space: Space;
  private readonly seed: number;
  private readonly direction: Direction;

  constructor(space: Space, init: StrategyInit, options: AshaOptions) {
    assertStrategy({ type: 'asha', ...options }, space);
    this.space = space;
    this.seed = init.seed;
    this.direction = init.direction;
    this.reductionFactor = options.reductionFactor ?? DEFAULT_REDUCTION_FACTOR;
    this.warmStart = options.warmStart ?? true;
    this.budgets = rungBudgets(options.minBudget, options.maxBudget, this.reductionFactor);
    this.maxBudget = options.maxBudget;
    this.totalTrials = options.trials;
  }

  next(study: StudyView): Decision {
    const trials = study.trials.filter((t) => t.number < this.totalTrials);
    for (let k = this.budgets.length - 2; k >= 0; k--) {
      const budget = this.budgets[k]!;
      const ranked = rankAtBudget(trials, budget, this.direction);
      const top = ranked.slice(0, floorDiv(ranked.length, this.reductionFactor));
      for (const t of top) {
        if (t.target <= budget && t.state !== 'failed' && !isInFlight(t)) {
          return { kind: 'promote', number: t.number, budget: this.budgets[k + 1]!, bracket: 0, rung: k + 1 };
        }
      }
    }
    const created = study.trials.length;
    if (created < this.totalTrials) {
      const params = trialParams(this.space, this.seed, created);
      return { kind: 'start', number: created, params, budget: this.budgets[0]!, bracket: 0, rung: 0 };
    }
    return trials.some(isInFlight) ? { kind: 'wait' } : { kind: 'done' };
  }

  plan(): PlanBracket[] {
    let n = this.totalTrials;
    const rungs = this.budgets.map((budget, rung) => {
      if (rung > 0) n = floorDiv(n, this.reductionFactor);
      return { rung, trials: n, budget };
    });
    return [{ bracket: 0, rungs }];
  }
}

export function asha(space: Space, init: StrategyInit, options: AshaOptions): Asha {
  return new Asha(space, init, options);
}
