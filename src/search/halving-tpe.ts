/**
 * The TPE sampler of the synchronous halving strategies (successive halving,
 * Hyperband): new candidates are drawn by TPE (tpe-sample.ts), as BOHB
 * (Falkner et al. 2018) and Optuna's TPESampler with a halving pruner draw
 * them, but reproducibly: candidate n learns from a history fixed by n alone,
 * so the same study gives the same trials on any thread count and across
 * --resume.
 *
 * History: the trials numbered 0 … n − maxConcurrent (as the tpe strategy's),
 * each with its value at its FIRST rung (its bracket's smallest budget). That
 * value is known once the trial's first job ends and no promotion changes it;
 * a value at a higher rung would not do: whether it exists when n is drawn
 * depends on which jobs finished first. Candidate n waits until every trial
 * of its history has its first-rung result (paramsFor gives undefined until
 * then); the strategy meanwhile promotes whatever it can.
 *
 * Model: as BOHB, on the largest first budget with at least `startupTrials`
 * finite values in the history (Hyperband: a later bracket's candidates learn
 * from the bracket before once it has enough, else from bracket 0's), ranked
 * by that value, ties to the lower number; random (the trial's own draw, as
 * the random sampler gives it) until some budget has enough. History trials
 * without a finite first-rung value (diverged, failed) count against their
 * region as the worst, and the maxConcurrent − 1 trials between the history
 * and n as pending (the constant liar), as in the tpe strategy. The draw uses
 * new Rng(deriveSeed(seed, n)) only. An enqueued point needs no history.
 */
import { deriveSeed, Rng } from '../rng.js';
import { isEnqueued, startParams } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { Direction, StrategyInit, TrialView } from './strategy.js';
import { tpeSample, type TpeObservation } from './tpe-sample.js';
import { isInFlight, rungValue } from './trial-queries.js';

/** The TPE sampler's options, defaults filled (strategy-defaults.ts). */
export interface HalvingTpeOptions {
  startupTrials: number;
  eiCandidates: number;
  multivariate: boolean;
  maxConcurrent: number;
}

export class HalvingTpe {
  /** Draws made so far: a function of n alone once made, so asking again is free. */
  private readonly drawn = new Map<number, Params>();

  constructor(
    private readonly space: Space,
    /** Where trials start: the seed, and the study's enqueued points. */
    private readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>,
    private readonly direction: Direction,
    private readonly options: HalvingTpeOptions,
    /** The budget of a bracket's first rung. */
    private readonly firstBudget: (bracket: number) => number,
  ) {}

  /** The first trial whose draw may wait on the trials before it: startupTrials + maxConcurrent − 1. */
  get waitsFrom(): number {
    return this.options.startupTrials + this.options.maxConcurrent - 1;
  }

  /** Candidate n's params given `trials` (numbers 0 … n − 1), or undefined while its history's first rungs still train. */
  paramsFor(n: number, trials: readonly TrialView[]): Params | undefined {
    const known = this.drawn.get(n);
    if (known) return known;
    const params = this.draw(n, trials);
    if (params) this.drawn.set(n, params);
    return params;
  }

  private draw(n: number, trials: readonly TrialView[]): Params | undefined {
    const seen = n - this.options.maxConcurrent + 1;
    if (n < this.waitsFrom || isEnqueued(this.draws, n)) return startParams(this.space, this.draws, n);
    const history = trials.slice(0, seen);
    const first = (t: TrialView): number => this.firstBudget(t.bracket);
    if (history.some((t) => isInFlight(t) && !t.rungValues.has(first(t)))) return undefined;
    const byBudget = new Map<number, { t: TrialView; value: number }[]>();
    const worst: TpeObservation[] = [];
    for (const t of history) {
      const value = rungValue(t, first(t));
      if (value === undefined) worst.push(observation(t));
      else if (byBudget.has(first(t))) byBudget.get(first(t))!.push({ t, value });
      else byBudget.set(first(t), [{ t, value }]);
    }
    const enough = [...byBudget.keys()].filter((b) => byBudget.get(b)!.length >= this.options.startupTrials);
    if (enough.length === 0) return startParams(this.space, this.draws, n);
    const sign = this.direction === 'maximize' ? -1 : 1;
    const ranked = byBudget.get(Math.max(...enough))!.sort((a, b) => sign * (a.value - b.value) || a.t.number - b.t.number);
    const pending = trials.slice(seen, n).map(observation);
    return tpeSample(this.space, ranked.map(({ t }) => observation(t)), new Rng(deriveSeed(this.draws.seed, n)), {
      candidates: this.options.eiCandidates,
      multivariate: this.options.multivariate,
      worst: [...worst, ...pending],
    });
  }
}

function observation(t: TrialView): TpeObservation {
  return { number: t.number, params: t.params };
}
