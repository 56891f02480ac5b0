import { describe, expect, it } from 'vitest';
import { poolUsage, PoolUsageMeter } from '../../src/pool/pool-usage.js';
import type { JobSpan } from '../../src/pool/protocol.js';
import { Rng } from '../../src/rng.js';

describe('poolUsage', () => {
  it('splits threads × wall into busy and idle before the first job, between jobs and after the last', () => {
    // Window 0…100 on 2 threads (200 ms): thread 1 runs 10–40 and 50–90, thread 2 runs 0–100.
    const u = poolUsage(
      [
        { thread: 1, startedAt: 50, endedAt: 90 },
        { thread: 1, startedAt: 10, endedAt: 40 },
        { thread: 2, startedAt: 0, endedAt: 100 },
      ],
      2,
      0,
      100,
    );
    expect(u.threads).toBe(2);
    expect(u.wallMs).toBe(100);
    expect(u.busy).toBeCloseTo(170 / 200, 12);
    expect(u.idleBeforeFirst).toBeCloseTo(10 / 200, 12);
    expect(u.idleBetween).toBeCloseTo(10 / 200, 12);
    expect(u.idleAfterLast).toBeCloseTo(10 / 200, 12);
  });

  it('counts a thread that ran nothing as idle all along, and clips spans to the window', () => {
    const u = poolUsage([{ thread: 7, startedAt: -50, endedAt: 30 }, { thread: 7, startedAt: 90, endedAt: 150 }], 2, 0, 100);
    expect(u.busy).toBeCloseTo(40 / 200, 12);
    expect(u.idleBeforeFirst).toBeCloseTo(100 / 200, 12);
    expect(u.idleBetween).toBeCloseTo(60 / 200, 12);
    expect(u.idleAfterLast).toBe(0);
    expect(u.busy + u.idleBeforeFirst + u.idleBetween + u.idleAfterLast).toBeCloseTo(1, 12);
  });

  it('is all idle with no spans, and zero shares over an empty window', () => {
    expect(poolUsage([], 3, 0, 10)).toEqual({ threads: 3, wallMs: 10, busy: 0, idleBeforeFirst: 1, idleBetween: 0, idleAfterLast: 0 });
    expect(poolUsage([], 2, 5, 5).busy).toBe(0);
  });

  it('kept up to date span by span, in any order, it gives the gaps of each thread\'s jobs taken in order', () => {
    const rng = new Rng(7);
    for (let round = 0; round < 20; round++) {
      const threads = 1 + Math.floor(rng.next() * 4);
      const from = 1000;
      // Each thread runs jobs one after another with random gaps; the replies of different threads interleave.
      const perThread: JobSpan[][] = Array.from({ length: threads }, (_, k) => {
        const list: JobSpan[] = [];
        let t = from + rng.next() * 5;
        for (let j = 0; j < 30; j++) {
          const startedAt = t + (rng.next() < 0.3 ? rng.next() * 4 : 0);
          const endedAt = startedAt + 0.1 + rng.next() * 3;
          list.push({ thread: 100 + k, startedAt, endedAt });
          t = endedAt;
        }
        return list;
      });
      // Reported shuffled (a job taken back and sent again answers late).
      const reported = perThread.flat();
      for (let i = reported.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [reported[i], reported[j]] = [reported[j]!, reported[i]!];
      }
      const to = Math.max(...reported.map((s) => s.endedAt)) + rng.next() * 5;
      const meter = new PoolUsageMeter(from);
      for (const sp of reported) meter.add(sp);
      const u = meter.usage(threads + 1, to);
      // Reference: each thread's spans in order, gaps summed one by one (and one thread ran nothing).
      const total = (threads + 1) * (to - from);
      let busy = 0;
      let before = to - from;
      let between = 0;
      let after = 0;
      for (const list of perThread) {
        before += list[0]!.startedAt - from;
        for (let i = 0; i < list.length; i++) {
          busy += list[i]!.endedAt - list[i]!.startedAt;
          if (i > 0) between += list[i]!.startedAt - list[i - 1]!.endedAt;
        }
        after += to - list[list.length - 1]!.endedAt;
      }
      expect(u.busy).toBeCloseTo(busy / total, 12);
      expect(u.idleBeforeFirst).toBeCloseTo(before / total, 12);
      expect(u.idleBetween).toBeCloseTo(between / total, 12);
      expect(u.idleAfterLast).toBeCloseTo(after / total, 12);
      expect(poolUsage(reported, threads + 1, from, to)).toEqual(u);
      expect(meter.empty).toBe(false);
    }
    expect(new PoolUsageMeter(0).empty).toBe(true);
  });
});
