/**
 * One shared Int32 cell per job handed to a worker, so the main thread can
 * take back a job that waits behind a long one in a busy worker and give it
 * to a worker that went idle (work stealing). The worker starts a job only
 * by moving its cell WAITING → STARTED; the main thread withdraws it only by
 * moving WAITING → WITHDRAWN. Both are compare-and-swap, so a job runs
 * exactly once: either where it was sent, or where it was re-sent.
 */
export const WAITING = 0;
export const STARTED = 1;
export const WITHDRAWN = 2;
export const DONE = 3;

/** No cell (the table was full): the job runs where it was sent and is never withdrawn. */
export const NO_CELL = -1;

export class JobCells {
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Int32Array;
  private readonly free: number[] = [];

  /** A count: the main thread's table (it hands cells out). A buffer: a worker's view of that table. */
  constructor(buffer: SharedArrayBuffer | number) {
    this.buffer = typeof buffer === 'number' ? new SharedArrayBuffer(buffer * Int32Array.BYTES_PER_ELEMENT) : buffer;
    this.cells = new Int32Array(this.buffer);
    if (typeof buffer === 'number') for (let i = this.cells.length - 1; i >= 0; i--) this.free.push(i);
  }

  /** Main thread: a cell for a job about to be sent (NO_CELL when all are taken). */
  alloc(): number {
    const i = this.free.pop();
    if (i === undefined) return NO_CELL;
    Atomics.store(this.cells, i, WAITING);
    return i;
  }

  /** Main thread: the job's task came back (the worker is done with the cell). */
  release(i: number): void {
    if (i !== NO_CELL) this.free.push(i);
  }

  state(i: number): number {
    return i === NO_CELL ? STARTED : Atomics.load(this.cells, i);
  }

  /** Main thread: true when the job had not started; the worker will then skip it. */
  withdraw(i: number): boolean {
    return i !== NO_CELL && Atomics.compareExchange(this.cells, i, WAITING, WITHDRAWN) === WAITING;
  }

  /** Worker: true when the job is still its to run (false: the main thread took it back). */
  start(i: number): boolean {
    return i === NO_CELL || Atomics.compareExchange(this.cells, i, WAITING, STARTED) === WAITING;
  }

  /** Worker: the job ended (so it no longer counts as running while the rest of its batch runs). */
  finish(i: number): void {
    if (i !== NO_CELL) Atomics.store(this.cells, i, DONE);
  }
}
