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
import { percentileThresholds } from './percentile-stop.js';
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
    const curves = study.trials
      .slice(0, this.seen(n))
      .filter((t) => t.state === 'complete')
      .map((t) => {
        if (!t.curve) throw new Error(`pruner: trial ${t.number} has no learning curve in the view (the ${compared.type} pruner needs it)`);
        return t.curve;
      });
    const percentile = compared.type === 'median' ? 50 : compared.percentile;
    const thresholds = percentileThresholds(curves, this.direction, { ...compared, percentile });
    // With no threshold, only a trial of NaN values stops, which patience never stops.
    if (!thresholds || (patience && thresholds.length === 0)) return undefined;
    return { direction: this.direction, thresholds, nanFrom: compared.warmupSteps, ...(patience ? { patience } : {}) };
  }
}

/** Grid and random search's pruner, if the spec has one. */
export function prunerHistoryFor(spec: GridSpec | RandomSpec, direction: Direction): PrunerHistory | undefined {
  const full = strategyWithDefaults(spec);
  return full.pruner ? new PrunerHistory(full.pruner, full.maxConcurrent ?? DEFAULT_MAX_CONCURRENT, direction) : undefined;
}
