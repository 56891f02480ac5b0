/**
 * What happened in a PBT study (pbt.ts), generation by generation, replayed
 * from its trials: who the members were, how many reached the boundary, the
 * best there, and which members were replaced by which forks. `rungs show`
 * prints it; a rung table's "promoted" would misname it (a generation
 * continues its survivors and replaces the bottom).
 *
 * The replay follows the strategy's own: generation 0 is trials 0 … P−1; the
 * forks made at a boundary (trials whose forkOf.budget is that boundary, in
 * number order) take the slots of the members pbtSelection puts at the
 * bottom there (in slot order), as the strategy numbers them; a boundary
 * before the burn-in replaces nobody.
 */
import { pbtSelection } from './pbt-selection.js';
import type { Direction, TrialView } from './strategy.js';
import { rungValue } from './trial-queries.js';

export interface PbtGeneration {
  generation: number;
  /** The epochs the generation trains from and to (its boundary). */
  from: number;
  budget: number;
  /** The members it has (the population). */
  planned: number;
  /** Its members (trial numbers, in slot order) as far as they are known: empty until the boundary before is settled. */
  members: number[];
  /** Members with a value at `budget`. */
  reached: number;
  /** Members that failed on their way to `budget`. */
  failed: number;
  /** The best member at `budget` (ties to the lower number); null before any reached it. */
  best: { number: number; value: number } | null;
  /** The members replaced once it ended (slot order): each by the fork that took its slot, a copy of member `copyOf`. */
  replaced: { number: number; by: number; copyOf: number }[];
}

export interface PbtShape {
  population: number;
  /** The generation boundaries (pbtBoundaries). */
  boundaries: readonly number[];
  /** Members replaced at a boundary (pbtReplaced). */
  replaced: number;
  /** Boundaries before this epoch replace nobody (the strategy's burnIn). */
  burnIn: number;
  direction: Direction;
}

/** The generations of a PBT study, from its trials (indexed by number). */
export function pbtHistory(trials: readonly (TrialView | undefined)[], shape: PbtShape): PbtGeneration[] {
  const sign = shape.direction === 'maximize' ? -1 : 1;
  let slots: (number | undefined)[] = Array.from({ length: shape.population }, (_, i) => i);
  return shape.boundaries.map((budget, g) => {
    const views = slots.map((n) => (n === undefined ? undefined : trials[n]));
    const present = views.filter((t): t is TrialView => t !== undefined);
    let best: PbtGeneration['best'] = null;
    for (const t of present) {
      const v = rungValue(t, budget);
      if (v !== undefined && (best === null || sign * (v - best.value) < 0 || (v === best.value && t.number < best.number))) best = { number: t.number, value: v };
    }
    const generation: PbtGeneration = {
      generation: g,
      from: g === 0 ? 0 : shape.boundaries[g - 1]!,
      budget,
      planned: shape.population,
      members: present.map((t) => t.number),
      reached: present.filter((t) => t.rungValues.has(budget)).length,
      failed: present.filter((t) => t.state === 'failed' && t.target === budget && !t.rungValues.has(budget)).length,
      best,
      replaced: [],
    };
    // Before the burn-in every member goes on (a failed one too, to be replaced at the first boundary from it).
    if (budget < shape.burnIn) return generation;
    const forks = trials.filter((t): t is TrialView => t?.forkOf?.budget === budget).sort((a, b) => a.number - b.number);
    const selection = forks.length > 0 && present.length === shape.population ? pbtSelection(present, budget, shape.direction, shape.replaced) : undefined;
    // Until the boundary's forks exist, the next generation's members are not settled.
    const next: (number | undefined)[] = selection ? [...slots] : slots.map(() => undefined);
    if (selection) {
      [...selection.bottom]
        .sort((a, b) => a - b)
        .forEach((slot, i) => {
          const fork = forks[i];
          next[slot] = fork?.number;
          if (fork) generation.replaced.push({ number: slots[slot]!, by: fork.number, copyOf: fork.forkOf!.from });
        });
    }
    slots = next;
    return generation;
  });
}
