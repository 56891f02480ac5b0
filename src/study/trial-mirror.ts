/**
 * The runner's in-memory copy of a study's trials, kept in step with storage
 * by applying the rows each claim reports as changed. It is the StudyView a
 * strategy decides on, so asking costs no storage reads beyond what changed.
 */
import type { StudyView } from '../search/strategy.js';
import type { TrialRow } from '../storage/storage.js';

export class TrialMirror implements StudyView {
  readonly trials: TrialRow[] = [];
  /**
   * Study revision up to which every change has been applied. Only a claim
   * sets it (it reads all changes inside its transaction): applying one
   * trial of our own must not skip other processes' changes below its rev.
   */
  rev = 0;
  private readonly queued = new Set<number>();

  apply(rows: readonly TrialRow[]): void {
    for (const row of rows) {
      this.trials[row.number] = row;
      if (row.state === 'queued') this.queued.add(row.number);
      else this.queued.delete(row.number);
    }
  }

  /** A trial waiting to be run again (left by a dead or interrupted process), lowest number first. */
  firstQueued(): TrialRow | undefined {
    let best: number | undefined;
    for (const n of this.queued) if (best === undefined || n < best) best = n;
    return best === undefined ? undefined : this.trials[best];
  }

  get count(): number {
    return this.trials.length;
  }
}
