/**
 * The runner's in-memory copy of a study's trials, kept in step with storage
 * by applying the rows each claim reports as changed. It is the StudyView a
 * strategy decides on, so asking costs no storage reads beyond what changed.
 */
import type { StudyView, TrialChanges } from '../search/strategy.js';
import type { TrialRow } from '../storage/storage.js';

/** The numbers of the rows applied, in order; the oldest half is dropped once it is much longer than the study. */
class ChangeLog implements TrialChanges {
  private log: number[] = [];
  private base = 0;

  get version(): number {
    return this.base + this.log.length;
  }

  since(version: number): readonly number[] | undefined {
    return version < this.base || version > this.version ? undefined : this.log.slice(version - this.base);
  }

  add(number: number, trials: number): void {
    this.log.push(number);
    if (this.log.length > 4096 && this.log.length > 2 * trials) {
      const drop = this.log.length >> 1;
      this.base += drop;
      this.log = this.log.slice(drop);
    }
  }
}

export class TrialMirror implements StudyView {
  readonly trials: TrialRow[] = [];
  readonly changes = new ChangeLog();
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
      this.changes.add(row.number, this.trials.length);
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
