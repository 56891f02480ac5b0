/**
 * Bayesian optimisation with a Gaussian process, as Optuna's GPSampler (and
 * Keras Tuner's BayesianOptimization, scikit-optimize's gp_minimize): a GP
 * with a Matérn 5/2 kernel is fitted to the results so far and the next
 * trial goes where the expected improvement over the best is largest
 * (gp-sample.ts). It learns smooth objectives in few trials, where TPE needs
 * more; each draw costs a fit (cubic in the trials seen), so it suits
 * studies of tens to a few hundred trials.
 *
 * `trials` trials, each trained to the study budget in one job, reproducible
 * whatever the thread count (model-search.ts: trial n learns from trials
 * 0 … n − maxConcurrent; the ones between are pending, believed at the
 * posterior mean). Random until startupTrials of its history are complete
 * (default 10, as Optuna); from then on it learns from complete trials,
 * pruned ones at their last value and failed ones as the worst
 * (gp-sample.ts). The GP searches every param without a condition that can
 * take more than one value, categoricals included; conditional params
 * (and constants) are drawn as random search draws them, from trial n's Rng,
 * so a model-chosen categorical decides which of them the trial has. The
 * acquisition's draws come from new Rng(deriveSeed(seed, n, GP_STREAM)).
 */
import { deriveSeed, Rng } from '../rng.js';
import { gpParams, gpSample, type GpSampleInput } from './gp-sample.js';
import { ModelSearch } from './model-search.js';
import { drawnWith } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { StrategyInit, TrialView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import { assertStrategy } from './validate-strategy.js';

export type GpOptions = StrategyOptions<'gp'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

/** The acquisition's draws come from a stream of their own (a trial's random-search draw stays what it is). */
const GP_STREAM = 0x6770;

export class GpSearch extends ModelSearch {
  readonly name = 'gp';
  readonly deterministicObjective: boolean;
  /** The searched params, in the order of the GP's coordinates. */
  readonly dims: readonly string[];

  constructor(space: Space, init: StrategyInit, options: GpOptions) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'gp', ...spec }, space, budget);
    const full = strategyWithDefaults({ type: 'gp' as const, ...spec });
    super(space, init, { ...full, budget });
    this.deterministicObjective = full.deterministicObjective;
    this.dims = gpParams(space);
  }

  /**
   * Draws remembered by their inputs (the trial number and everything the GP learns from), so that the
   * runner can draw outside the storage lock and then claim the trial at once (Strategy.ready).
   */
  private readonly memo = new Map<string, Params>();

  protected model(n: number, history: readonly TrialView[], pending: readonly TrialView[]): Params | undefined {
    const input = this.input(n, history, pending);
    if (!input) return undefined;
    const remembered = this.memo.get(input.key);
    if (remembered) return remembered;
    const chosen = gpSample({ ...input.sample, rng: new Rng(deriveSeed(this.draws.seed, n, GP_STREAM)) });
    // The rest is trial n's random draw; the chosen categoricals decide which conditional params it has.
    const params = drawnWith(this.space, this.draws.seed, n, chosen);
    this.memo.set(input.key, params);
    // The runner prepares at most maxConcurrent draws ahead (the next waits for its history): keep a few times that.
    if (this.memo.size > Math.max(32, 4 * this.maxConcurrent)) this.memo.delete(this.memo.keys().next().value!);
    return params;
  }

  protected override modelReady(n: number, history: readonly TrialView[], pending: readonly TrialView[]): boolean {
    const input = this.input(n, history, pending);
    return !input || this.memo.has(input.key);
  }

  /** What trial n's draw learns from, and its key; undefined while too few trials are complete. */
  private input(n: number, history: readonly TrialView[], pending: readonly TrialView[]): { key: string; sample: Omit<GpSampleInput, 'rng'> } | undefined {
    const observed: { params: Params; value: number }[] = [];
    const failed: Params[] = [];
    let complete = 0;
    for (const t of history) {
      if (t.state === 'failed') {
        failed.push(t.params);
        continue;
      }
      // A complete trial's value at the budget; a pruned one's at the furthest step it reported.
      let budget = -1;
      let value = NaN;
      for (const [b, v] of t.rungValues) {
        if (b > budget) {
          budget = b;
          value = v;
        }
      }
      if (Number.isFinite(value)) {
        observed.push({ params: t.params, value });
        if (t.state === 'complete') complete++;
      } else if (t.state === 'complete' || t.state === 'pruned') failed.push(t.params);
    }
    // As Optuna: random until startupTrials trials are complete (failed and pruned ones do not count).
    if (complete < this.startupTrials) return undefined;
    const sample = {
      space: this.space,
      names: this.dims,
      observed,
      failed,
      pending: pending.map((t) => t.params),
      direction: this.direction,
      deterministic: this.deterministicObjective,
    };
    // Params with their keys sorted: a trial read back from storage may list them in another order.
    const canonical = (p: Params): [string, unknown][] => Object.keys(p).sort().map((k) => [k, p[k]]);
    const key = JSON.stringify([n, observed.map((o) => [canonical(o.params), o.value]), failed.map(canonical), sample.pending.map(canonical)]);
    return { key, sample };
  }
}

export function gp(space: Space, init: StrategyInit, options: GpOptions): GpSearch {
  return new GpSearch(space, init, options);
}
