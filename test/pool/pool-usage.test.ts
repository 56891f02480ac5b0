import { describe, expect, it } from 'vitest';
import { poolUsage } from '../../src/pool/pool-usage.js';

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

  it('counts overlapping spans of one thread (clock jitter) once', () => {
    const u = poolUsage([{ thread: 1, startedAt: 0, endedAt: 60 }, { thread: 1, startedAt: 59, endedAt: 100 }], 1, 0, 100);
    expect(u.busy).toBeCloseTo(1, 12);
    expect(u.idleBetween).toBe(0);
  });

  it('is all idle with no spans, and zero shares over an empty window', () => {
    expect(poolUsage([], 3, 0, 10)).toEqual({ threads: 3, wallMs: 10, busy: 0, idleBeforeFirst: 1, idleBetween: 0, idleAfterLast: 0 });
    expect(poolUsage([], 2, 5, 5).busy).toBe(0);
  });
});
