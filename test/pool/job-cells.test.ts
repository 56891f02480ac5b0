import { describe, expect, it } from 'vitest';
import { DONE, JobCells, NO_CELL, STARTED, WAITING, WITHDRAWN } from '../../src/pool/job-cells.js';

describe('JobCells', () => {
  it('lets either the worker start a job or the main thread withdraw it, never both', () => {
    const main = new JobCells(4);
    const worker = new JobCells(main.buffer); // the same memory, as a worker sees it
    const a = main.alloc();
    expect(main.state(a)).toBe(WAITING);
    expect(worker.start(a)).toBe(true);
    expect(main.withdraw(a)).toBe(false);
    expect(main.state(a)).toBe(STARTED);
    worker.finish(a);
    expect(main.state(a)).toBe(DONE);

    const b = main.alloc();
    expect(main.withdraw(b)).toBe(true);
    expect(worker.start(b)).toBe(false);
    expect(main.state(b)).toBe(WITHDRAWN);
  });

  it('reuses released cells as WAITING and hands out NO_CELL when all are taken', () => {
    const cells = new JobCells(2);
    const a = cells.alloc();
    const b = cells.alloc();
    expect(new Set([a, b]).size).toBe(2);
    expect(cells.alloc()).toBe(NO_CELL);
    // A job without a cell counts as running and can never be withdrawn.
    expect(cells.state(NO_CELL)).toBe(STARTED);
    expect(cells.withdraw(NO_CELL)).toBe(false);
    expect(cells.start(NO_CELL)).toBe(true);
    cells.withdraw(a);
    cells.release(a);
    const c = cells.alloc();
    expect(c).toBe(a);
    expect(cells.state(c)).toBe(WAITING);
  });
});
