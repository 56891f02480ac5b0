/**
 * NSGA-II (Deb et al. 2002), as Optuna 3.1's NSGAIISampler runs it, for
 * multi-objective studies (and single-objective ones, where Pareto dominance
 * on one value is ranking by value). Trials come in generations of λ =
 * popsize; generation 0 is random search's draws. Before generation g ≥ 1,
 * the elite population, the best λ of (the elite before ∪ the complete trials
 * of generation g − 1), is chosen by non-dominated fronts, the last front cut
 * by crowding distance (selectElite). Each child of generation g: with
 * probability crossoverProb two parents, each the winner of a binary
 * tournament, are crossed uniformly (a param from the second parent when a
 * uniform draw is ≥ swappingProb, as 3.1's mask); else one elite member is
 * copied. Then each param is replaced by the trial's random draw with
 * probability mutationProb (default 1 / the params that can take more than
 * one value). A trial's objectives are `init.objectives`' metrics (its
 * `metrics`), or, in a single-objective study, its value at the budget.
 *
 * As Optuna 3.1 (optuna/samplers/nsgaii/_sampler.py, _crossover.py):
 * only complete trials take part (failed and pruned ones are left out); in a
 * tournament two members are drawn (with replacement) and the first wins only
 * if it dominates the second, else the second; the second parent is drawn from
 * the elite without the first; without crossover the copied member is drawn
 * uniformly, not by tournament; the crossover draw comes first, then the
 * parents, the swaps, the mutations. Where this differs, for reproducibility
 * or for conditional spaces:
 *   - Generation g is trials g·λ … (g + 1)·λ − 1 and waits for every generation
 *     before it (at most λ trials run at once), so the same study gives the same
 *     trials on any thread count (generation-search.ts, as CMA-ES). Optuna
 *     closes a generation once λ of its trials are complete, whichever: here a
 *     generation with failures brings fewer than λ newcomers, and an elite has
 *     fewer than λ members until λ complete trials have been seen.
 *   - Ties of crowding distance on the last front go to the lower trial number
 *     (Optuna: its list order); the elite is kept in trial-number order.
 *   - Trial n draws from new Rng(deriveSeed(seed, n, NSGA_STREAM)) (Optuna: one
 *     RandomState for the study); a mutated or missing param takes trial n's
 *     random-search draw (sample-params.ts), as Optuna's RandomSampler would.
 *   - Conditional params: Optuna 3.1 breeds only the params every complete trial
 *     has (IntersectionSearchSpace), so conditional ones are always random
 *     draws. Here every param is bred: a param the child has (its `when` holds
 *     among the child's params, decided by activeParams once all are chosen)
 *     takes the chosen parent's value if that parent has it, else the other
 *     parent's, else its random draw (a param's range does not depend on which
 *     value of its condition made it active, so any parent's value is valid).
 *     The default mutationProb counts conditional params too.
 *   - With no complete trial in the elite (all of generations 0 … g − 1
 *     failed), a child is random search's draw.
 * An enqueued point is trained as given and takes part like any trial.
 */
import { deriveSeed, Rng } from '../rng.js';
import { GenerationSearch } from './generation-search.js';
import { paramValueCount } from './lattice.js';
import { crowdingDistances, dominates, nonDominatedFronts, objectiveVector, toMinimize } from './pareto.js';
import { drawnWith, isEnqueued, startParams } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { Direction, Objective, StrategyInit, TrialView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import { assertStrategy } from './validate-strategy.js';

export type Nsga2Options = StrategyOptions<'nsga2'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

/** The draws of NSGA-II come from a stream of their own (a trial's random-search draw stays what it is). */
const NSGA_STREAM = 0x6e7367;

/** A complete trial as NSGA-II ranks it: its objective values signed so that lower is better (toMinimize). */
export interface Individual {
  readonly number: number;
  readonly params: Params;
  readonly values: readonly number[];
}

/** The default mutationProb: 1 / the params of `space` that can take more than one value (conditional ones too), as Optuna's None. */
export function defaultMutationProb(space: Space): number {
  return 1 / Math.max(1, Object.values(space).filter((spec) => paramValueCount(spec) > 1).length);
}

export class Nsga2 extends GenerationSearch {
  readonly name = 'nsga2';
  readonly crossoverProb: number;
  readonly swappingProb: number;
  readonly mutationProb: number;
  private readonly space: Space;
  /** The params, sorted: the order of the swap and mutation draws. */
  private readonly names: readonly string[];
  /** Where trials start: the seed, and the study's enqueued points. */
  private readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>;
  /** A multi-objective study's objectives; undefined: the trial's value at the budget, in `direction`. */
  private readonly objectives: readonly Objective[] | undefined;
  private readonly direction: Direction;
  /** elites[g]: the parents of generation g (elites[0] is empty; kept: finished generations never change). */
  private readonly elites: Individual[][] = [[]];

  constructor(space: Space, init: StrategyInit, options: Nsga2Options) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'nsga2', ...spec }, space, budget);
    const full = strategyWithDefaults({ type: 'nsga2' as const, ...spec });
    // λ is also the size of the elite population.
    super(budget, full.trials, full.popsize);
    this.space = space;
    this.names = Object.keys(space).sort();
    this.draws = init;
    this.objectives = init.objectives;
    this.direction = init.direction;
    this.crossoverProb = full.crossoverProb;
    this.swappingProb = full.swappingProb;
    this.mutationProb = full.mutationProb ?? defaultMutationProb(space);
  }

  protected paramsFor(n: number, g: number, trials: readonly TrialView[]): Params {
    return g === 0 || isEnqueued(this.draws, n) ? startParams(this.space, this.draws, n) : this.child(n, this.eliteAt(g, trials));
  }

  /** The elite population generation g breeds from: the best λ of the complete trials of generations 0 … g − 1 (trials of those must all have finished). */
  eliteAt(g: number, trials: readonly TrialView[]): readonly Individual[] {
    while (this.elites.length <= g) {
      const k = this.elites.length - 1;
      const newcomers = trials.slice(k * this.popsize, (k + 1) * this.popsize).flatMap((t) => {
        const values = this.valuesOf(t);
        return values ? [{ number: t.number, params: t.params, values }] : [];
      });
      this.elites.push(selectElite([...this.elites[k]!, ...newcomers], this.popsize));
    }
    return this.elites[g]!;
  }

  /** A complete trial's objective values, signed so that lower is better; undefined for any other trial (or one missing a value). */
  private valuesOf(t: TrialView): number[] | undefined {
    if (t.state !== 'complete') return undefined;
    if (this.objectives) {
      const values = objectiveVector(t, this.objectives);
      return values && toMinimize(values, this.objectives.map((o) => o.direction));
    }
    const value = t.rungValues.get(this.maxBudget);
    return value !== undefined && Number.isFinite(value) ? toMinimize([value], [this.direction]) : undefined;
  }

  /** Trial n's params, bred from `elite` (Optuna 3.1's sample_relative, then its random draws for the rest). */
  private child(n: number, elite: readonly Individual[]): Params {
    if (elite.length === 0) return startParams(this.space, this.draws, n);
    const rng = new Rng(deriveSeed(this.draws.seed, n, NSGA_STREAM));
    const chosen: Params = {};
    const take = (name: string, ...parents: Individual[]): void => {
      const from = parents.find((p) => Object.hasOwn(p.params, name));
      if (from) chosen[name] = from.params[name]!;
    };
    if (rng.next() < this.crossoverProb) {
      const first = tournament(elite, rng);
      const second = tournament(elite.length > 1 ? elite.filter((m) => m !== first) : elite, rng);
      for (const name of this.names) {
        if (rng.next() >= this.swappingProb) take(name, second, first);
        else take(name, first, second);
      }
    } else {
      const parent = elite[rng.int(elite.length)]!;
      for (const name of this.names) take(name, parent);
    }
    for (const name of this.names) if (rng.next() < this.mutationProb) delete chosen[name];
    // The rest are trial n's random draws; activeParams keeps exactly the params whose `when` holds.
    return drawnWith(this.space, this.draws.seed, n, chosen);
  }
}

export function nsga2(space: Space, init: StrategyInit, options: Nsga2Options): Nsga2 {
  return new Nsga2(space, init, options);
}

/**
 * The best `size` of `candidates` (Optuna 3.1's _select_elite_population): whole non-dominated fronts while they fit,
 * then the members of the next front with the largest crowding distance (ties: the lower trial number). In trial-number order.
 */
export function selectElite(candidates: readonly Individual[], size: number): Individual[] {
  const sorted = [...candidates].sort((a, b) => a.number - b.number);
  const elite: Individual[] = [];
  for (const front of nonDominatedFronts(sorted.map((c) => c.values))) {
    if (elite.length + front.length <= size) {
      elite.push(...front.map((i) => sorted[i]!));
      continue;
    }
    const distances = crowdingDistances(front.map((i) => sorted[i]!.values));
    // The front is in ascending index order, so a stable sort keeps ties by trial number.
    const order = front.map((i, k) => ({ member: sorted[i]!, distance: distances[k]! })).sort((a, b) => (a.distance === b.distance ? 0 : a.distance > b.distance ? -1 : 1));
    elite.push(...order.slice(0, size - elite.length).map((o) => o.member));
    break;
  }
  return elite.sort((a, b) => a.number - b.number);
}

/** Optuna 3.1's _select_parent: two members drawn with replacement; the first wins if it dominates the second, else the second. */
function tournament(pool: readonly Individual[], rng: Rng): Individual {
  const a = pool[rng.int(pool.length)]!;
  const b = pool[rng.int(pool.length)]!;
  return dominates(a.values, b.values) ? a : b;
}
