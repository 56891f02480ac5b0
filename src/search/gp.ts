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
 * so a model-chosen categorical decides which of them the trial has
 * (gp-draw.ts). A draw is slow (a fit): pendingDraw hands it out as data for
 * a worker thread to make, and remember takes the result back.
 */
import { gpDraw, type GpDraw } from './gp-draw.js';
import { gpParams } from './gp-sample.js';
import { ModelSearch } from './model-search.js';
import type { Params, Space } from './space.js';
import type { StrategyInit, StudyView, TrialView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import { assertStrategy } from './validate-strategy.js';

export type GpOptions = StrategyOptions<'gp'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

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
    const draw = this.draw(n, history, pending);
    if (!draw) return undefined;
    const remembered = this.memo.get(draw.key);
    if (remembered) return remembered;
    const params = gpDraw(draw);
    this.remember(draw, params);
    return params;
  }

  protected override modelReady(n: number, history: readonly TrialView[], pending: readonly TrialView[]): boolean {
    const draw = this.draw(n, history, pending);
    return !draw || this.memo.has(draw.key);
  }

  /** Strategy.pendingDraw: the draw next(study) would make now, unless it needs none or remembers it. */
  pendingDraw(study: StudyView): GpDraw | undefined {
    const inputs = this.modelInputs(study);
    const draw = inputs && this.draw(inputs.n, inputs.history, inputs.pending);
    return draw && !this.memo.has(draw.key) ? draw : undefined;
  }

  /** Strategy.remember: a draw's params, made here or by gpDraw(draw) on another thread. */
  remember(draw: GpDraw, params: Params): void {
    this.memo.set(draw.key, params);
    // The runner prepares at most maxConcurrent draws ahead (the next waits for its history): keep a few times that.
    if (this.memo.size > Math.max(32, 4 * this.maxConcurrent)) this.memo.delete(this.memo.keys().next().value!);
  }

  /** Trial n's draw (what it learns from, and its key); undefined while too few trials are complete. */
  private draw(n: number, history: readonly TrialView[], pending: readonly TrialView[]): GpDraw | undefined {
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
    return { key, number: n, seed: this.draws.seed, sample };
  }
}

export function gp(space: Space, init: StrategyInit, options: GpOptions): GpSearch {
  return new GpSearch(space, init, options);
}
