/**
 * Every rung's ranking, kept up to date from one decision to the next
 * instead of scanned anew: a strategy that promotes (ASHA, successive
 * halving, Hyperband) asks "the best trial the rung may promote, and is it in
 * the top k?" at every decision, and answering it with a scan of every trial
 * made a study of n trials cost O(n²) (measured: ASHA with 4,000 trials of
 * 1 ms spent 64% of the run loop's time deciding, successive halving with
 * 3,000 candidates 39%).
 *
 * A ranking holds the trials of one group (a bracket) with a finite value at
 * one of its rungs, best first in the study direction, ties by the lower
 * number, in a BlockSortedList; beside it, in the same order, those of them
 * that `eligible` accepts; and beside those, the counts of the group's trials
 * (in flight, in the rung) that a synchronous bracket needs. sync() finds the
 * rows that changed: from the view's change log when it has one (the
 * runner's mirror does), else by comparing every row by identity (the mirror
 * replaces a trial's row when it changes and keeps the others). A decision
 * then costs O(log n) per changed trial. A view whose rows are mostly new
 * (the simulator's copies, repeats' averages) is ranked again by sorting.
 *
 * Everything a ranking depends on must be a function of the trial's row:
 * rows are never changed in place (TrialView is read-only).
 */
import { BlockSortedList } from './block-sorted-list.js';
import type { Direction, StudyView, TrialChanges, TrialView } from './strategy.js';
import { isInFlight, rungValue } from './trial-queries.js';

/** What a rung's ranking gives for a decision (RungRankings.pick). */
export interface RungPick {
  /** Trials with a finite value at the rung: the length of its ranking. */
  ranked: number;
  /** The best-ranked trial the rung may promote, when it is among the first `top(ranked)` of the ranking. */
  trial: TrialView | undefined;
}

interface Entry {
  /** The value signed so that lower ranks first. */
  readonly s: number;
  readonly n: number;
  readonly trial: TrialView;
}

/** One rung of one group: its ranking, the eligible part of it, and its counters. */
interface Rung {
  readonly ranked: BlockSortedList<Entry>;
  readonly eligible: BlockSortedList<Entry>;
  readonly counts: number[];
}

interface Group {
  members: number;
  inFlight: number;
  readonly rungs: Rung[];
}

/** A question about a trial at one rung: `budget` is rung `rung` of group `group`'s ladder. */
export type RungTest = (trial: TrialView, budget: number, rung: number, group: number) => boolean;

export interface RungRankingsOptions {
  direction: Direction;
  /** The group (bracket) the trial belongs to; undefined: none, and it is not counted at all. */
  groupOf: (trial: TrialView) => number | undefined;
  /** A group's rung budgets, rung 0 first. */
  budgetsOf: (group: number) => readonly number[];
  /** Whether a trial with a finite value at the rung's budget is in its ranking (default: always). */
  ranks?: RungTest;
  /** Whether the rung may promote a trial of its ranking. */
  eligible: RungTest;
  /** What count(group, rung, i) counts: the group's trials that counts[i] accepts at that rung. */
  counts?: readonly RungTest[];
}

/** Ranks before: a lower signed value, or the same and a lower number. */
function before(a: Entry, b: Entry): boolean {
  return a.s < b.s || (a.s === b.s && a.n < b.n);
}

function compare(a: Entry, b: Entry): number {
  return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/** Takes the row's entry out of a list it was put in. */
function remove(list: BlockSortedList<Entry>, e: Entry): void {
  if (!list.remove(e, (x) => x.trial === e.trial)) throw new Error(`rung rankings out of step: trial ${e.n} is not where it was ranked`);
}

/** Above this share of changed rows, ranking again by sorting is cheaper than moving rows one by one. */
const REBUILD_SHARE = 0.25;

export class RungRankings {
  private readonly sign: number;
  private readonly groups = new Map<number, Group>();
  /** The rows of the view last synced, by position. */
  private seen: (TrialView | undefined)[] = [];
  /** The change log of the view last synced, and its version then. */
  private changes: TrialChanges | undefined;
  private version = 0;
  private inFlightCount = 0;

  /** The counters' tests (none when the options give none). */
  private readonly counts: readonly RungTest[];

  constructor(private readonly opts: RungRankingsOptions) {
    this.sign = opts.direction === 'maximize' ? -1 : 1;
    this.counts = opts.counts ?? [];
  }

  /** Trials of every group that are queued or running, in the view last synced. */
  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Trials of `group`, and how many of them are queued or running. */
  members(group: number): { count: number; inFlight: number } {
    const g = this.groups.get(group);
    return { count: g?.members ?? 0, inFlight: g?.inFlight ?? 0 };
  }

  /** Trials of `group` that the option counts[i] accepts at rung `rung`. */
  count(group: number, rung: number, i: number): number {
    return this.groups.get(group)?.rungs[rung]?.counts[i] ?? 0;
  }

  /**
   * Brings the rankings in step with the view a decision is made on. With the view's change log (the one
   * seen last time), only the rows it names are looked at; without, every row is compared by identity.
   */
  sync(view: StudyView): void {
    const { trials, changes } = view;
    const seen = this.seen;
    const logged = changes !== undefined && changes === this.changes && trials.length >= seen.length ? changes.since(this.version) : undefined;
    this.changes = changes;
    this.version = changes?.version ?? 0;
    const changed: number[] = [];
    if (logged) {
      // Positions are numbers in a mirror's view (trials[n] is trial n); a trial changed twice is looked at once.
      for (const i of logged.length > 64 ? new Set(logged) : logged) if (trials[i] !== seen[i]) changed.push(i);
    } else {
      const length = Math.max(trials.length, seen.length);
      for (let i = 0; i < length; i++) if (trials[i] !== seen[i]) changed.push(i);
    }
    if (changed.length === 0) return;
    if (changed.length > 64 && changed.length > REBUILD_SHARE * trials.length) {
      this.rebuild(trials);
      return;
    }
    for (const i of changed) {
      const old = seen[i];
      const row = trials[i];
      if (row === old) continue;
      if (old) this.each(old, remove, -1);
      if (row) this.each(row, (list, e) => list.insert(e), 1);
      seen[i] = row;
    }
    seen.length = trials.length;
  }

  /**
   * ranking.slice(0, top(m)).find(eligible) for rung `rung` of `group` on the view last synced, m the
   * ranking's length: the best-ranked eligible trial, when fewer than top(m) trials rank before it.
   */
  pick(group: number, rung: number, top: (ranked: number) => number): RungPick {
    const r = this.groups.get(group)?.rungs[rung];
    if (!r) return { ranked: 0, trial: undefined };
    const ranked = r.ranked.size;
    const best = r.eligible.first();
    const k = top(ranked);
    if (best === undefined || k <= 0 || r.ranked.rankOf(best) >= k) return { ranked, trial: undefined };
    return { ranked, trial: best.trial };
  }

  private rebuild(trials: readonly (TrialView | undefined)[]): void {
    this.groups.clear();
    this.inFlightCount = 0;
    const lists = new Map<BlockSortedList<Entry>, Entry[]>();
    const collect = (list: BlockSortedList<Entry>, e: Entry) => {
      const items = lists.get(list);
      if (items) items.push(e);
      else lists.set(list, [e]);
    };
    for (const row of trials) if (row) this.each(row, collect, 1);
    for (const [list, items] of lists) list.reset(items, compare);
    this.seen = [...trials];
  }

  /** Adds the row to its group's tallies and lists (`delta` 1, `apply` inserting) or takes it out of them (−1, removing). */
  private each(row: TrialView, apply: (list: BlockSortedList<Entry>, e: Entry) => void, delta: 1 | -1): void {
    const { groupOf, budgetsOf, ranks, eligible } = this.opts;
    const counts = this.counts;
    const group = groupOf(row);
    if (group === undefined) return;
    const g = this.group(group);
    g.members += delta;
    if (isInFlight(row)) {
      g.inFlight += delta;
      this.inFlightCount += delta;
    }
    const budgets = budgetsOf(group);
    for (let rung = 0; rung < budgets.length; rung++) {
      const budget = budgets[rung]!;
      const r = (g.rungs[rung] ??= { ranked: new BlockSortedList(before), eligible: new BlockSortedList(before), counts: counts.map(() => 0) });
      for (let i = 0; i < counts.length; i++) if (counts[i]!(row, budget, rung, group)) r.counts[i]! += delta;
      const v = rungValue(row, budget);
      if (v === undefined || (ranks && !ranks(row, budget, rung, group))) continue;
      const e: Entry = { s: this.sign * v, n: row.number, trial: row };
      apply(r.ranked, e);
      if (eligible(row, budget, rung, group)) apply(r.eligible, e);
    }
  }

  private group(group: number): Group {
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = { members: 0, inFlight: 0, rungs: [] }));
    return g;
  }
}
