/**
 * A pruner on a strategy whose trials each train in one job (grid, random,
 * TPE), made deterministic: the pruners that compare a trial with others
 * (median, percentile) compare trial n with the complete trials among
 * 0 … n − maxConcurrent, its history, a set fixed by n alone. Trial n waits
 * until that history has finished (so at most maxConcurrent trials run at
 * once), and its thresholds are then computed once, before it starts, and
 * travel with its jobs (stop-rule.ts). The patience pruner needs no history:
 * it looks at the trial's own curve only, and never makes a trial wait.
 */
import { stepThresholds } from './percentile-stop.js';
import { StepValues } from './step-values.js';
import type { StopRule } from './stop-rule.js';
import type { Direction, StudyView, TrialView } from './strategy.js';
import { DEFAULT_MAX_CONCURRENT, historyPrunerOf, strategyWithDefaults, type FullPruner } from './strategy-defaults.js';
import type { GridSpec, RandomSpec } from './strategy-spec.js';
import { isInFlight } from './trial-queries.js';

export class PrunerHistory {
  constructor(
    readonly pruner: FullPruner,
    /** Trial n's history is trials 0 … n − maxConcurrent. */
    readonly maxConcurrent: number,
    private readonly direction: Direction,
  ) {}

  /** The curves of the complete trials of the last history asked about, by trial number (fold). */
  private readonly folded = new StepValues();
  /** The views of that history's trials, by number: what `folded` was made from. */
  private readonly views: (TrialView | undefined)[] = [];

  /** Whether the pruner compares trials (so the runner must fill the curves of the trials it asks about). */
  get comparesTrials(): boolean {
    return historyPrunerOf(this.pruner) !== undefined;
  }

  /** Strategy.concurrency of grid and random search: maxConcurrent with a pruner that compares trials. */
  get concurrency(): number | undefined {
    return this.comparesTrials ? this.maxConcurrent : undefined;
  }

  /** The first trial whose thresholds come from its history (so that may wait for it), with a pruner that compares trials. */
  get waitsFrom(): number | undefined {
    const compared = historyPrunerOf(this.pruner);
    return compared === undefined ? undefined : Math.max(1, compared.startupTrials) + this.maxConcurrent - 1;
  }

  /** The number of trials of trial n's history: trials 0 … seen(n) − 1. */
  seen(n: number): number {
    return n - this.maxConcurrent + 1;
  }

  /** Whether trial n's thresholds may come from its history, which must then be final when it starts. */
  private compares(n: number): boolean {
    const compared = historyPrunerOf(this.pruner);
    return compared !== undefined && this.seen(n) >= Math.max(1, compared.startupTrials);
  }

  /** Trial n must wait: its thresholds come from its history, and some of that is still in flight. */
  mustWait(n: number, trials: readonly TrialView[]): boolean {
    return this.compares(n) && trials.slice(0, this.seen(n)).some(isInFlight);
  }

  /**
   * The rule of every job of trial n, from the curves of the complete trials of its history
   * (finished before it started: the strategy waits for them), or undefined when nothing could
   * stop it (too few complete trials, a wrapped pruner that cannot fire yet).
   */
  stopRule(n: number, study: StudyView): StopRule | undefined {
    const compared = historyPrunerOf(this.pruner);
    const patience = this.pruner.type === 'patience' ? { steps: this.pruner.patience, minDelta: this.pruner.minDelta } : undefined;
    if (!compared) return { direction: this.direction, patience: patience! };
    if (!this.compares(n)) return undefined;
    const percentile = compared.type === 'median' ? 50 : compared.percentile;
    const thresholds = stepThresholds(this.fold(this.seen(n), study.trials, compared.type), this.direction, { ...compared, percentile });
    // With no threshold, only a trial of NaN values stops, which patience never stops.
    if (!thresholds || (patience && thresholds.length === 0)) return undefined;
    return { direction: this.direction, thresholds, nanFrom: compared.warmupSteps, ...(patience ? { patience } : {}) };
  }

  /**
   * this.folded made to hold the curves of the complete trials among trials 0 … seen − 1, and
   * nothing else. Only the trials whose view is not the one folded last time are looked at (from
   * one trial to the next: those that finished in between), so a trial costs a pass over its
   * history's views, not a gathering and sort of all their values. Asked about an earlier trial,
   * or given other views, it still holds exactly that history: trials leave it as they join.
   */
  private fold(seen: number, trials: readonly TrialView[], type: string): StepValues {
    const end = Math.min(seen, trials.length);
    for (let i = 0; i < end; i++) {
      const t = trials[i];
      // A view is read-only (the runner makes a new one when a trial changes): the same view, the same trial.
      if (t === this.views[i] && t !== undefined) continue;
      if (t?.state !== 'complete') this.folded.delete(i);
      else if (!t.curve) throw new Error(`pruner: trial ${t.number} has no learning curve in the view (the ${type} pruner needs it)`);
      else if (!this.folded.holds(i, t.curve)) this.folded.set(i, t.curve);
      this.views[i] = t;
    }
    if (this.views.length > end) {
      for (const i of [...this.folded.keys()]) if (i >= end) this.folded.delete(i);
      this.views.length = end;
    }
    return this.folded;
  }
}

/** Grid and random search's pruner, if the spec has one. */
export function prunerHistoryFor(spec: GridSpec | RandomSpec, direction: Direction): PrunerHistory | undefined {
  const full = strategyWithDefaults(spec);
  return full.pruner ? new PrunerHistory(full.pruner, full.maxConcurrent ?? DEFAULT_MAX_CONCURRENT, direction) : undefined;
}
