/**
 * Population Based Training (Jaderberg et al. 2017), synchronous, with Ray
 * Tune's PopulationBasedTraining as the reference for its options and explore
 * step (pbt-explore.ts).
 *
 * A population of P members trains side by side. Every `interval` epochs
 * (the generation boundaries b_1 = interval, b_2 = 2·interval, …, the last
 * raised to maxBudget) the members are ranked by their value at the
 * boundary, and the bottom ⌈quantile·P⌉ (at most ⌊P/2⌋, as Ray counts them)
 * are replaced: each by a new trial that copies a random member of the top
 * as many (its checkpoint and params: exploit) and then changes the params of `mutate` (explore). The
 * other members continue from their own checkpoint. A member that failed
 * (diverged) cannot continue and is replaced too, even beyond the quantile.
 * Boundaries before `burnIn` epochs (Ray's burn_in_period) replace nobody:
 * a member that fails before it is replaced at the first boundary from it.
 *
 * Trials: the first generation is trials 0 … P−1, trial n's params drawn as
 * every sampling strategy draws them (startParams: the study's enqueued
 * points, then new Rng(deriveSeed(seed, n))). The replacements get the next
 * numbers, in the order of the members they replace (slot order). A
 * replacement is a `start` with `fork`: the runner copies the donor's
 * checkpoint to it when it claims it, so it starts at the donor's budget
 * (the boundary) and trains to the next. Its donor and explore step are drawn
 * from Rngs of its own (trial n's, by stream), so they never depend on
 * timing.
 *
 * Replaced members end `pruned` at the boundary they reached; members alive
 * at the end reach maxBudget and end `complete`. The best trial is the best
 * complete one, and its lineage (the `forkOf` chain) is the schedule of
 * params that produced it.
 *
 * next() replays the generations from the trials (the whole state is derived
 * from them, so --resume and several processes work):
 *  1. a member of the current generation not created yet → `start` (the
 *     replacements first: they copy their donor's checkpoint at the boundary,
 *     before the donor's own next job moves it on);
 *  2. a member alive and not in flight whose target is below the generation's
 *     boundary → `promote` it there;
 *  3. a member still training towards the boundary → `wait` (one in flight
 *     towards the next boundary has its value at this one: it was continued);
 *  4. every member at the boundary: `done` at the last one, else rank them and
 *     go on to the next generation.
 * The same seed gives the same trials and values on any thread count.
 */
import { deriveSeed, Rng } from '../rng.js';
import { explore } from './pbt-explore.js';
import { pbtBoundaries, pbtReplaced } from './pbt-generations.js';
import { pbtSelection } from './pbt-selection.js';
import { drawEvery, startParams } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { Decision, Direction, Fork, PlanBracket, Strategy, StrategyInit, StudyView, TrialView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import { isInFlight } from './trial-queries.js';
import { assertStrategy } from './validate-strategy.js';

export type PbtOptions = StrategyOptions<'pbt'>;

/** The Rng streams of a replacement's donor pick and of its explore step (its own random draw is trial n's Rng). */
const DONOR_STREAM = 0x9b7;
const EXPLORE_STREAM = 0x9b8;

/** An Rng of trial `number`'s own, for one purpose (`stream`). */
function streamRng(seed: number, number: number, stream: number): Rng {
  return new Rng(deriveSeed(deriveSeed(seed, number), stream));
}

/** One member of a generation: the trial that holds its slot, and, for a replacement, where it forked from. */
interface Member {
  number: number;
  fork?: Fork;
}

export class Pbt implements Strategy {
  readonly name = 'pbt';
  readonly maxBudget: number;
  readonly warmStart = true;
  readonly needsCheckpoints = true;
  readonly parallelism: { jobs: number; option: string };
  readonly population: number;
  readonly interval: number;
  /** The generation boundaries b_1 … b_G (epochs), the last maxBudget. */
  readonly boundaries: readonly number[];
  /** Members replaced at each boundary (more when members fail). */
  readonly replaced: number;
  /** Trials of a run where no member fails: P + pbtReplaced(P, quantile) per boundary before maxBudget and from burnIn on. */
  readonly totalTrials: number;
  private readonly full: Required<PbtOptions>;
  private readonly space: Space;
  private readonly init: Pick<StrategyInit, 'seed' | 'enqueued'>;
  private readonly direction: Direction;

  constructor(space: Space, init: StrategyInit, options: PbtOptions) {
    assertStrategy({ type: 'pbt', ...options }, space);
    this.space = space;
    this.init = init;
    this.direction = init.direction;
    const { type: _type, ...full } = strategyWithDefaults({ type: 'pbt' as const, ...options });
    this.full = full;
    this.population = full.population;
    this.parallelism = { jobs: full.population, option: 'population' };
    this.interval = full.interval;
    this.maxBudget = full.maxBudget;
    this.boundaries = pbtBoundaries(full.interval, full.maxBudget);
    this.replaced = pbtReplaced(full.population, full.quantile);
    const exploits = this.boundaries.slice(0, -1).filter((b) => b >= full.burnIn).length;
    this.totalTrials = this.population + exploits * this.replaced;
  }

  next(study: StudyView): Decision {
    const trials = study.trials;
    let members: Member[] = Array.from({ length: this.population }, (_, i) => ({ number: i }));
    let nextNumber = this.population;
    for (let g = 0; g < this.boundaries.length; g++) {
      const budget = this.boundaries[g]!;
      // 1. Members not created yet, in slot order (the first generation, or this generation's replacements).
      for (const m of members) {
        if (trials[m.number] !== undefined) continue;
        const params = m.fork ? this.forkParams(m.number, trials[m.fork.from]!.params) : startParams(this.space, this.init, m.number);
        return { kind: 'start', number: m.number, params, budget, bracket: 0, rung: g, ...(m.fork ? { fork: m.fork } : {}) };
      }
      // 2. Members that continue to this boundary.
      for (const m of members) {
        const t = trials[m.number]!;
        if (t.state !== 'failed' && !isInFlight(t) && t.target < budget) return { kind: 'promote', number: m.number, budget, bracket: 0, rung: g };
      }
      // 3. The generation is still training (a member already on its way to the next boundary is done with this one).
      if (members.some((m) => isInFlight(trials[m.number]!) && trials[m.number]!.budget < budget)) return { kind: 'wait' };
      if (g === this.boundaries.length - 1) return { kind: 'done' };
      // 4. Exploit and explore (not before the burn-in: the members go on as they are, a failed one waiting to be replaced
      //    at the first boundary from it).
      if (budget < this.full.burnIn) continue;
      const next = this.exploit(members.map((m) => trials[m.number]!), budget, nextNumber);
      if (!next) return { kind: 'done' };
      nextNumber += next.filter((m) => m.fork).length;
      members = next;
    }
    return { kind: 'done' };
  }

  /**
   * The members of the next generation, from those of one that reached `budget`: the bottom ⌈quantile·P⌉ (pbtReplaced;
   * and every failed member) replaced by forks of random top ones, numbered from `nextNumber` in slot order; undefined when no
   * member can continue.
   */
  private exploit(current: readonly TrialView[], budget: number, nextNumber: number): Member[] | undefined {
    const selection = pbtSelection(current, budget, this.direction, this.replaced);
    if (!selection) return undefined;
    const { bottom, top } = selection;
    let number = nextNumber;
    return current.map((t, slot) => {
      if (!bottom.has(slot)) return { number: t.number };
      const child = number++;
      const donor = top[streamRng(this.init.seed, child, DONOR_STREAM).int(top.length)]!;
      return { number: child, fork: { from: donor, budget } };
    });
  }

  /** A replacement's params: its donor's, explored; a param that only now has its condition met takes the trial's own draw. */
  private forkParams(number: number, donor: Params): Params {
    const rng = streamRng(this.init.seed, number, EXPLORE_STREAM);
    const fresh = drawEvery(this.space, new Rng(deriveSeed(this.init.seed, number)));
    return explore(this.space, donor, fresh, { mutate: this.full.mutate, resampleProbability: this.full.resampleProbability, factors: this.full.perturbationFactors }, rng);
  }

  /**
   * One bracket; rung g is generation g, the population training to boundary g, and the members replaced once it
   * ends: none after the last, nor before the burn-in (the nominal counts, when no member fails).
   */
  plan(): PlanBracket[] {
    const last = this.boundaries.length - 1;
    const replaced = (budget: number, rung: number) => (rung < last && budget >= this.full.burnIn ? this.replaced : 0);
    return [{ bracket: 0, rungs: this.boundaries.map((budget, rung) => ({ rung, trials: this.population, budget, replaced: replaced(budget, rung) })) }];
  }
}
