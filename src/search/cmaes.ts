/**
 * CMA-ES (Hansen 2016), as Optuna's CmaEsSampler runs it: the numeric params
 * without a condition, each range mapped to [0, 1] (unit-transform.ts: log
 * scale, lattices widened by half a step), are searched by a multivariate
 * normal N(m, σ²C) that moves towards the better points of each generation
 * and learns their shape (cma-es.ts). It starts at the middle of the box with
 * σ0 = sigma0 (1/6 by default: each axis starts at a sixth of its own range,
 * as later Optuna on its unit box; Optuna 3.1 searches the log-scaled box
 * itself with min(range)/6 on every axis, so a wide range barely moves), C = I.
 * Categorical and conditional params, and ranges of one value, are drawn at
 * random, as Optuna's independent sampler draws them: trial n gets random
 * search's draw (sample-params.ts) with the searched params replaced.
 *
 * Reproducible whatever the thread count: generation g is trials
 * g·λ … (g + 1)·λ − 1; its distribution is the one told generations
 * 0 … g − 1, so its trials wait until those have finished (at most λ trials
 * run at once), and trial n draws from new Rng(deriveSeed(seed, n, CMA_STREAM)).
 * (Optuna tells a generation as soon as λ trials have finished, whichever.)
 * A generation is ranked as TPE ranks trials (tpe-sample.ts rankObserved):
 * complete trials by value, then those a `pruner` stopped (the further they
 * got, the better; one stopped before any value last), then failed ones;
 * ties go to the lower number. The
 * pruner (pruner-history.ts) compares trial n with trials 0 … n − λ, all in
 * generations before its own, so it adds no wait. An enqueued point is trained as
 * given and told like the others. The last generation may be cut short by
 * `trials`; it is never told.
 */
import { deriveSeed, Rng } from '../rng.js';
import { cmaInit, cmaSample, cmaTell, type CmaState } from './cma-es.js';
import { cmaParams, cmaPopsize } from './cma-params.js';
import { GenerationSearch } from './generation-search.js';
import { PrunerHistory } from './pruner-history.js';
import { isEnqueued, startParams } from './sample-params.js';
import type { StopRule } from './stop-rule.js';
import type { Params, Space } from './space.js';
import type { Direction, StrategyInit, StudyView, TrialView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import { rankObserved } from './tpe-sample.js';
import { fromUnit, toUnit, type NumericParam } from './unit-transform.js';
import { assertStrategy } from './validate-strategy.js';

export type CmaEsOptions = StrategyOptions<'cmaes'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

/** The draws of CMA-ES come from a stream of their own (a trial's random-search draw stays what it is). */
const CMA_STREAM = 0x636d61;

export class CmaEs extends GenerationSearch {
  readonly name = 'cmaes';
  readonly sigma0: number;
  /** The starting mean in the unit box: x0's values where given, else the middle of each range. */
  readonly x0: Float64Array;
  /** The searched params, in the order of the distribution's coordinates. */
  readonly dims: readonly string[];
  private readonly space: Space;
  /** Where trials start: the seed, and the study's enqueued points. */
  private readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>;
  private readonly direction: Direction;
  /** states[g]: the distribution after generations 0 … g − 1 (kept: finished generations never change). */
  private readonly states: CmaState[] = [];
  /** The pruner and the history it compares a trial with (trials 0 … n − λ); undefined: every trial trains to the budget. */
  private readonly history: PrunerHistory | undefined;

  constructor(space: Space, init: StrategyInit, options: CmaEsOptions) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'cmaes', ...spec }, space, budget);
    const full = strategyWithDefaults({ type: 'cmaes' as const, ...spec });
    super(budget, options.trials, cmaPopsize(full.popsize, space));
    this.space = space;
    this.draws = init;
    this.direction = init.direction;
    this.dims = cmaParams(space);
    this.sigma0 = full.sigma0;
    this.x0 = Float64Array.from(this.dims, (name) => (full.x0?.[name] === undefined ? 0.5 : toUnit(space[name] as NumericParam, full.x0[name])));
    this.history = full.pruner ? new PrunerHistory(full.pruner, this.popsize, this.direction) : undefined;
  }

  /** Strategy.needsCurves: a median or percentile pruner compares a trial with the learning curves of its history. */
  get needsCurves(): boolean {
    return this.history?.comparesTrials === true;
  }

  /** Strategy.stopRule: the pruner's rule for trial `number` (pruner-history.ts). */
  stopRule(number: number, study: StudyView): StopRule | undefined {
    return this.history?.stopRule(number, study);
  }

  /** The pruner's history (trials 0 … n − λ) is within the generations before trial n: it never waits longer than they do. */
  protected override mustWait(number: number, trials: readonly TrialView[]): boolean {
    return this.history?.mustWait(number, trials) === true;
  }

  protected paramsFor(n: number, g: number, trials: readonly TrialView[]): Params {
    const params = startParams(this.space, this.draws, n);
    if (!isEnqueued(this.draws, n)) {
      const x = cmaSample(this.stateAt(g, trials), new Rng(deriveSeed(this.draws.seed, n, CMA_STREAM)));
      this.dims.forEach((name, i) => (params[name] = fromUnit(this.space[name] as NumericParam, x[i]!)));
    }
    return params;
  }

  /** The distribution of generation g, from the finished trials of generations 0 … g − 1. */
  stateAt(g: number, trials: readonly TrialView[]): CmaState {
    const d = this.dims.length;
    if (this.states.length === 0) this.states.push(cmaInit(d, this.popsize, this.x0, this.sigma0));
    while (this.states.length <= g) {
      const k = this.states.length - 1;
      // CMA-ES reads only the order: complete trials by value, then those a pruner stopped (the further, the
      // better, then by value there), then failed ones; ties by number (rankObserved's order, as TPE learns).
      // A trial pruned before it had a value (TrialPruned thrown at once, told { state: 'pruned' } without a
      // report) is in neither list: it goes after those with a value, before the failed ones.
      const generation = trials.slice(k * this.popsize, (k + 1) * this.popsize);
      const { ranked, failed } = rankObserved(generation, this.direction, this.maxBudget);
      const seen = new Set([...ranked, ...failed].map((t) => t.number));
      const valueless = generation.filter((t) => !seen.has(t.number));
      const solutions = [...ranked, ...valueless, ...failed].map((t, rank) => ({ x: unitPoint(this.space, this.dims, t.params), value: rank }));
      this.states.push(cmaTell(this.states[k]!, solutions));
    }
    return this.states[g]!;
  }
}

export function cmaes(space: Space, init: StrategyInit, options: CmaEsOptions): CmaEs {
  return new CmaEs(space, init, options);
}

/** Where a trial's searched params lie in the unit box (the point CMA-ES is told). */
function unitPoint(space: Space, dims: readonly string[], params: Params): Float64Array {
  return Float64Array.from(dims, (name) => toUnit(space[name] as NumericParam, params[name] as number));
}
