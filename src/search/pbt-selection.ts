/**
 * PBT's exploit step (pbt.ts): at a generation boundary, which members are
 * replaced and which may be copied. The strategy decides with it, and `rungs
 * show` replays it (pbt-history.ts) to say who was replaced by whom, so both
 * read the same ranking.
 */
import type { Direction, TrialView } from './strategy.js';
import { rungValue } from './trial-queries.js';

export interface PbtSelection {
  /** The slots (indices into the members) replaced: the bottom `replaced` (pbtReplaced), and every member without a value, failed ones included. */
  bottom: Set<number>;
  /** The trial numbers a replacement copies, one drawn at random: the top `replaced` of those with a value, best first. */
  top: number[];
}

/**
 * The selection among `members` (a generation, in slot order) that reached `budget`; undefined when none has a
 * finite value there (no member can continue). Ranked best first in `direction`, ties by the lower trial number.
 */
export function pbtSelection(members: readonly TrialView[], budget: number, direction: Direction, replaced: number): PbtSelection | undefined {
  const sign = direction === 'maximize' ? -1 : 1;
  // No finite value at the boundary (it failed getting there) ranks last. A member that failed after the boundary
  // keeps its place here, so a generation's ranking never changes, and a replay of it later finds the same.
  const order = members
    .map((t, slot) => ({ slot, t, v: rungValue(t, budget) }))
    .sort((a, b) => {
      if (a.v === undefined || b.v === undefined) return a.v === undefined ? (b.v === undefined ? a.t.number - b.t.number : 1) : -1;
      return sign * (a.v - b.v) || a.t.number - b.t.number;
    });
  const alive = order.filter((o) => o.v !== undefined);
  if (alive.length === 0) return undefined;
  const failed = order.length - alive.length;
  return {
    bottom: new Set(order.slice(order.length - Math.max(replaced, failed)).map((o) => o.slot)),
    top: alive.slice(0, Math.min(replaced, alive.length)).map((o) => o.t.number),
  };
}
