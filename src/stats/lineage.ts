/**
 * The lineage of a trial of a PBT study: the chain of trials it was forked
 * from, as the schedule of params that trained its weights. Trial 14 forked
 * from trial 8 at epoch 12, itself forked from trial 4 at epoch 3, has the
 * lineage 4 (epochs 0–3), 8 (3–12), 14 (12–15): the params of each segment
 * are the ones its weights were trained with over those epochs (Ray Tune's
 * PBT policy log, which PopulationBasedTrainingReplay replays).
 *
 * A trial that was never forked is its own lineage, one segment.
 */
import type { Fork } from '../search/strategy.js';
import type { Params } from '../search/space.js';
import { changedParams } from '../search/changed-params.js';

/** What a lineage needs of a trial (a TrialRow has it). */
export interface LineageTrial {
  readonly number: number;
  readonly params: Params;
  readonly budget: number;
  readonly rungValues: ReadonlyMap<number, number>;
  readonly forkOf?: Fork;
}

/** One segment of a lineage: trial `number`'s params trained the weights from epoch `from` to `to`. */
export interface LineageSegment {
  number: number;
  from: number;
  to: number;
  params: Params;
  /** The trial's value at `to` (its rung value there), or null when it has none. */
  value: number | null;
  /** The params that differ from the previous segment's (all of them for the first). */
  changed: string[];
}

/**
 * The lineage of trial `number`, oldest segment first. Throws a RangeError when a trial of the chain is
 * missing from `trials` (they are indexed by number) or the chain loops.
 */
export function lineage(trials: readonly (LineageTrial | undefined)[], number: number): LineageSegment[] {
  const chain: { trial: LineageTrial; to: number }[] = [];
  const seen = new Set<number>();
  let current = trials[number];
  let to = current?.budget ?? 0;
  let n = number;
  for (;;) {
    if (!current || current.number !== n) throw new RangeError(`lineage: trial ${n} is not among the trials given`);
    if (seen.has(n)) throw new RangeError(`lineage: trial ${n} is its own ancestor`);
    seen.add(n);
    chain.unshift({ trial: current, to });
    if (!current.forkOf) break;
    to = current.forkOf.budget;
    n = current.forkOf.from;
    current = trials[n];
  }
  return chain.map(({ trial, to }, i) => {
    const from = i === 0 ? 0 : chain[i - 1]!.to;
    const before = i === 0 ? undefined : chain[i - 1]!.trial.params;
    const changed = before === undefined ? Object.keys(trial.params).sort() : changedParams(before, trial.params);
    return { number: trial.number, from, to, params: trial.params, value: trial.rungValues.get(to) ?? null, changed };
  });
}
