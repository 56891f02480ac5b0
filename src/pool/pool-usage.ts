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
  const wallMs = Math.max(0, to - from);
  const total = threads * wallMs;
  const byThread = new Map<number, { start: number; end: number }[]>();
  for (const s of spans) {
    const start = Math.max(from, s.startedAt);
    const end = Math.min(to, s.endedAt);
    if (end <= start) continue;
    let list = byThread.get(s.thread);
    if (!list) byThread.set(s.thread, (list = []));
    list.push({ start, end });
  }
  let busyMs = 0;
  let before = 0;
  let between = 0;
  let after = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a.start - b.start);
    before += list[0]!.start - from;
    let reached = list[0]!.start;
    for (const { start, end } of list) {
      // A thread runs its jobs one after another; overlap only comes from clock jitter, counted once.
      if (start > reached) between += start - reached;
      busyMs += Math.max(0, end - Math.max(start, reached));
      reached = Math.max(reached, end);
    }
    after += to - reached;
  }
  // Threads that ran no job of this run were idle all along.
  before += Math.max(0, threads - byThread.size) * wallMs;
  const share = (x: number) => (total > 0 ? x / total : 0);
  return {
    threads,
    wallMs,
    busy: share(busyMs),
    idleBeforeFirst: share(before),
    idleBetween: share(between),
    idleAfterLast: share(after),
  };
}
