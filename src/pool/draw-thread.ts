/**
 * A worker thread of its own for the GP's draws (a fit, cubic in the trials:
 * seconds at a few hundred), so that the run loop's main thread goes on
 * recording results, sending heartbeats and reacting to a stop while one is
 * made. Not a task of the trial pool: its threads are the study's --threads
 * and stay busy training, a draw would wait there behind a trial, and
 * stopping one would end a pool worker (and its dataset cache).
 *
 * The thread starts at the first draw (a study that never needs one never
 * starts it) and makes one draw at a time. close() terminates it at once,
 * abandoning a draw in progress: its promise then never settles. While no
 * draw is in progress the thread does not keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { GpDraw } from '../search/gp-draw.js';
import type { Params } from '../search/space.js';
import { builtWorkerFile } from './built-worker-file.js';
import type { DrawReply } from './protocol.js';

export class DrawThread {
  private worker: Worker | undefined;
  private waiting: { resolve: (params: Params) => void; reject: (e: Error) => void } | undefined;

  /** gpDraw(draw) on the thread; rejects when it throws there or the thread dies. One draw at a time. */
  draw(draw: GpDraw): Promise<Params> {
    if (this.waiting) throw new Error('DrawThread: a draw is in progress already');
    const worker = (this.worker ??= this.start());
    worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      worker.postMessage(draw);
    });
  }

  private start(): Worker {
    const worker = new Worker(builtWorkerFile('draw-worker.js'));
    worker.on('message', (reply: DrawReply) => this.settle(reply.ok ? reply.params : new Error(`GP draw failed on the draw thread: ${reply.message}`)));
    worker.on('error', (e) => this.settle(e));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.settle(new Error(`the draw thread stopped (exit code ${code})`));
    });
    worker.unref();
    return worker;
  }

  private settle(outcome: Params | Error): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    this.worker?.unref();
    if (outcome instanceof Error) waiting.reject(outcome);
    else waiting.resolve(outcome);
  }

  /** Terminates the thread; a draw in progress is abandoned (its promise never settles). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.waiting = undefined;
    if (worker) await worker.terminate();
  }
}
