/**
 * How busy a pool's threads were over a run, from the spans its jobs report
 * (JobSpan): the share of threads × wall time spent in jobs, and where the
 * rest went — before a thread's first job (start-up, the first claims),
 * between jobs (waiting for the main thread or for the strategy), after its
 * last job (the run's tail, e.g. a final promotion running alone).
 */
import type { JobSpan } from './protocol.js';

export interface PoolUsage {
  threads: number;
  wallMs: number;
  /** Time in jobs / (threads × wall), 0…1. */
  busy: number;
  /** Idle shares of threads × wall (busy + the three = 1). A thread that ran nothing is idle before its first job throughout. */
  idleBeforeFirst: number;
  idleBetween: number;
  idleAfterLast: number;
}

/** Usage of `threads` threads over [from, to] (ms since the epoch); spans are clipped to that window. */
export function poolUsage(spans: readonly JobSpan[], threads: number, from: number, to: number): PoolUsage {
  const meter = new PoolUsageMeter(from);
  for (const s of spans) {
    const startedAt = Math.max(from, s.startedAt);
    const endedAt = Math.min(to, s.endedAt);
    if (endedAt > startedAt) meter.add({ thread: s.thread, startedAt, endedAt });
  }
  return meter.usage(threads, to);
}

/**
 * poolUsage kept up to date span by span, in constant memory per thread (a
 * run of a million fast trials keeps no list), in any order. It relies on a
 * thread running one job at a time, so its spans never overlap: the time
 * between its first start and last end is its busy time plus its gaps.
 */
export class PoolUsageMeter {
  private readonly perThread = new Map<number, { first: number; last: number; busy: number }>();

  constructor(private readonly from: number) {}

  /** No span added yet (no job ran on a worker). */
  get empty(): boolean {
    return this.perThread.size === 0;
  }

  add(span: JobSpan): void {
    const t = this.perThread.get(span.thread);
    if (!t) {
      this.perThread.set(span.thread, { first: span.startedAt, last: span.endedAt, busy: span.endedAt - span.startedAt });
      return;
    }
    t.first = Math.min(t.first, span.startedAt);
    t.last = Math.max(t.last, span.endedAt);
    t.busy += span.endedAt - span.startedAt;
  }

  /** Usage of `threads` threads from the meter's start to `to`. */
  usage(threads: number, to: number): PoolUsage {
    const wallMs = Math.max(0, to - this.from);
    const total = threads * wallMs;
    let busy = 0;
    let before = 0;
    let between = 0;
    let after = 0;
    for (const t of this.perThread.values()) {
      busy += t.busy;
      before += t.first - this.from;
      between += Math.max(0, t.last - t.first - t.busy);
      after += to - t.last;
    }
    // Threads that ran no job were idle all along.
    before += Math.max(0, threads - this.perThread.size) * wallMs;
    const share = (x: number) => (total > 0 ? x / total : 0);
    return {
      threads,
      wallMs,
      busy: share(busy),
      idleBeforeFirst: share(before),
      idleBetween: share(between),
      idleAfterLast: share(after),
    };
  }
}
