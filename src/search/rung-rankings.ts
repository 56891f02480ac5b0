/**
 * Every rung's ranking, kept up to date from one decision to the next
 * instead of scanned anew: a strategy that promotes (ASHA) asks "the best
 * trial the rung may promote, and is it in the top k?" at every decision,
 * and answering it with a scan of every trial made a study of n trials cost
 * O(n²) (measured: ASHA with 4,000 trials of 1 ms spent 64% of the run
 * loop's time deciding).
 *
 * A ranking holds the trials with a finite value at one budget in one group
 * (a bracket), best first in the study direction, ties by the lower number,
 * as topAtBudget ranks them; beside it, in the same order, those of them
 * that `eligible` accepts. sync() finds what changed by identity: the
 * runner's mirror replaces a trial's row when it changes and keeps the
 * others, so a decision costs one pass of pointer comparisons plus
 * O(log n) per changed trial. A view whose rows are all new (a copy, or
 * repeats' averages) is ranked again from scratch, by sorting.
 *
 * Everything a ranking depends on must be a function of the trial's row:
 * rows are never changed in place (TrialView is read-only).
 */
import type { Direction, TrialView } from './strategy.js';
import type { RungPick } from './trial-queries.js';

interface Entry {
  /** The value signed so that lower ranks first. */
  readonly s: number;
  readonly n: number;
  readonly trial: TrialView;
}

interface Ranking {
  readonly ranked: Entry[];
  readonly eligible: Entry[];
}

export interface RungRankingsOptions {
  direction: Direction;
  /** The group (bracket) whose rankings the trial joins; undefined: none, and it is not counted in flight either. */
  groupOf: (trial: TrialView) => number | undefined;
  /** Whether the rung at `budget` may promote the trial (it has a finite value there). */
  eligible: (trial: TrialView, budget: number) => boolean;
}

/** Ranks before: a lower signed value, or the same and a lower number. */
function before(a: Entry, b: Entry): boolean {
  return a.s < b.s || (a.s === b.s && a.n < b.n);
}

function compare(a: Entry, b: Entry): number {
  return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/** Entries of `list` that rank before `e`: where it is, or would go. */
function rankOf(list: readonly Entry[], e: Entry): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid]!, e)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insert(list: Entry[], e: Entry): void {
  list.splice(rankOf(list, e), 0, e);
}

function remove(list: Entry[], e: Entry): void {
  for (let i = rankOf(list, e); i < list.length && list[i]!.s === e.s && list[i]!.n === e.n; i++) {
    if (list[i]!.trial === e.trial) {
      list.splice(i, 1);
      return;
    }
  }
  throw new Error(`rung rankings out of step: trial ${e.n} is not where it was ranked`);
}

/** Above this share of changed rows, ranking again by sorting is cheaper than moving rows one by one. */
const REBUILD_SHARE = 0.25;

export class RungRankings {
  private readonly sign: number;
  private readonly groups = new Map<number, Map<number, Ranking>>();
  /** The rows of the view last synced, by position. */
  private seen: (TrialView | undefined)[] = [];
  private inFlightCount = 0;

  constructor(private readonly opts: RungRankingsOptions) {
    this.sign = opts.direction === 'maximize' ? -1 : 1;
  }

  /** Trials of some group that are queued or running, in the view last synced. */
  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Brings the rankings in step with `trials` (the view a decision is made on). */
  sync(trials: readonly (TrialView | undefined)[]): void {
    const seen = this.seen;
    const length = Math.max(trials.length, seen.length);
    const changed: number[] = [];
    for (let i = 0; i < length; i++) if (trials[i] !== seen[i]) changed.push(i);
    if (changed.length === 0) return;
    if (changed.length > 64 && changed.length > REBUILD_SHARE * trials.length) {
      this.rebuild(trials);
      return;
    }
    for (const i of changed) {
      const old = seen[i];
      const row = trials[i];
      if (old) this.each(old, (list, e) => remove(list, e), -1);
      if (row) this.each(row, (list, e) => insert(list, e), 1);
      seen[i] = row;
    }
    seen.length = trials.length;
  }

  /**
   * topAtBudget(trials of `group`, budget, direction, top, eligible) on the view last synced:
   * the best-ranked eligible trial when fewer than top(m) trials rank before it, m the ranking's length.
   */
  pick(group: number, budget: number, top: (ranked: number) => number): RungPick {
    const r = this.groups.get(group)?.get(budget);
    if (!r) return { ranked: 0, trial: undefined };
    const ranked = r.ranked.length;
    const best = r.eligible[0];
    const k = top(ranked);
    if (best === undefined || k <= 0 || rankOf(r.ranked, best) >= k) return { ranked, trial: undefined };
    return { ranked, trial: best.trial };
  }

  private rebuild(trials: readonly (TrialView | undefined)[]): void {
    this.groups.clear();
    this.inFlightCount = 0;
    for (const row of trials) if (row) this.each(row, (list, e) => list.push(e), 1);
    for (const byBudget of this.groups.values()) {
      for (const r of byBudget.values()) {
        r.ranked.sort(compare);
        r.eligible.sort(compare);
      }
    }
    this.seen = [...trials];
  }

  /** Calls `apply` for each list the row belongs in (and counts it in flight, `delta` +1 when added, −1 when removed). */
  private each(row: TrialView, apply: (list: Entry[], e: Entry) => void, delta: 1 | -1): void {
    const group = this.opts.groupOf(row);
    if (group === undefined) return;
    if (row.state === 'queued' || row.state === 'running') this.inFlightCount += delta;
    for (const [budget, v] of row.rungValues) {
      if (!Number.isFinite(v)) continue;
      const e: Entry = { s: this.sign * v, n: row.number, trial: row };
      const r = this.ranking(group, budget);
      apply(r.ranked, e);
      if (this.opts.eligible(row, budget)) apply(r.eligible, e);
    }
  }

  private ranking(group: number, budget: number): Ranking {
    let byBudget = this.groups.get(group);
    if (!byBudget) this.groups.set(group, (byBudget = new Map()));
    let r = byBudget.get(budget);
    if (!r) byBudget.set(budget, (r = { ranked: [], eligible: [] }));
    return r;
  }
}
