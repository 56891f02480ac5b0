/**
 * The Piscina pool that runs trials' jobs on worker threads. The worker
 * entry is the built JavaScript file (dist/pool/worker.js): when this module
 * itself runs from TypeScript sources (vitest), it still points at the built
 * worker, which `npm test` builds first.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { builtWorkerFile } from './built-worker-file.js';
import { INTERRUPTED, interruptedResult, NOT_STARTED } from './interrupted-result.js';
import type { Job, JobResult, WorkerReply, WorkerTask } from './protocol.js';
import { JobCells, STARTED, WAITING } from './job-cells.js';
import type { JobRunner } from './job-runner.js';

export function defaultThreads(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Tasks a worker holds at once: one running, one waiting. */
export const TASKS_PER_WORKER = 2;

/** Shared cells for the jobs handed out at once (the run loop keeps a few dozen in flight at most). */
const CELLS = 4096;

/**
 * A job is taken back from a busy worker only once it has waited this long
 * while a worker is idle: a job sent just now may be on its way to that very
 * worker, and taking it back would only send it around again.
 */
export const STEAL_AFTER_MS = 1;

/** How long close() waits for tasks still in the workers (withdrawn copies) before stopping the threads. */
const CLOSE_WAIT_MS = 2_000;

/** A job handed to a worker and not yet answered. */
interface Sent {
  job: Job;
  cell: number;
  postedAt: number;
  signal: AbortSignal | undefined;
  resolve: (r: JobResult) => void;
  /** Taken back before it started and sent again: this copy's reply is ignored. */
  withdrawn: boolean;
}

type Item = Pick<Sent, 'job' | 'resolve'>;

export class TrialPool implements JobRunner {
  readonly threads: number;
  readonly slots: number;
  private readonly piscina: Piscina;
  private readonly cells = new JobCells(CELLS);
  /** Jobs sent and not answered yet, in the order sent (a Set keeps insertion order). */
  private readonly sent = new Set<Sent>();
  /** Tasks posted and not answered, withdrawn copies included (close() lets them come back first). */
  private readonly tasks = new Set<Promise<void>>();
  private recheck: NodeJS.Timeout | null = null;
  private isClosed = false;
  private stolenJobs = 0;

  get closed(): boolean {
    return this.isClosed;
  }

  /** Tasks waiting in Piscina's own queue, not yet in a worker's (for tests and benchmarks). */
  get queued(): number {
    return this.piscina.queueSize;
  }

  /** Jobs taken back from a busy worker and sent to an idle one so far (for tests and benchmarks). */
  get stolen(): number {
    return this.stolenJobs;
  }

  constructor(threads = defaultThreads()) {
    this.threads = threads;
    this.slots = threads * TASKS_PER_WORKER;
    this.piscina = new Piscina({
      filename: builtWorkerFile('worker.js'),
      minThreads: threads,
      maxThreads: threads,
      // A worker keeps its dataset cache for the whole study.
      idleTimeout: Number.POSITIVE_INFINITY,
      // Two tasks per worker, run one after the other (worker.ts chains them): the next one
      // waits in the worker's own port, so a worker that finishes starts it at once instead
      // of waiting for the main thread to hand it out (measured: ASHA on 2–3 ms jobs went
      // from about 80% to about 88% busy on 2 threads). A job left waiting there behind a
      // long one while another worker is idle is taken back and sent again (steal()).
      concurrentTasksPerWorker: TASKS_PER_WORKER,
      // Jobs run with `abortJobs` (as `rungs run` does) hold their places too (slotBalancer).
      loadBalancer: slotBalancer(TASKS_PER_WORKER),
      workerData: { jobCells: this.cells.buffer },
    });
  }

  /** Runs one job. Never rejects for a job's own failure (that is a `failed` result). */
  run(job: Job, signal?: AbortSignal): Promise<JobResult> {
    return new Promise((resolve) => this.send([{ job, resolve }], signal));
  }

  /** Runs several jobs in one message to one worker, in order (an idle worker may take the later ones). */
  runBatch(jobs: Job[], signal?: AbortSignal): Promise<JobResult[]> {
    const items: Item[] = [];
    const results = jobs.map((job) => new Promise<JobResult>((resolve) => items.push({ job, resolve })));
    this.send(items, signal);
    return Promise.all(results);
  }

  private send(items: readonly Item[], signal: AbortSignal | undefined): void {
    const started = Date.now();
    const postedAt = performance.now();
    const batch = items.map(({ job, resolve }): Sent => ({ job, resolve, signal, cell: this.cells.alloc(), postedAt, withdrawn: false }));
    for (const s of batch) this.sent.add(s);
    const task: WorkerTask = { jobs: batch.map((s) => s.job), cells: batch.map((s) => s.cell) };
    const answered = (this.piscina.run(task, signal ? { signal } : {}) as Promise<WorkerReply[]>).then(
      (replies) => {
        batch.forEach((s, i) => this.answer(s, replies[i] ?? crashed(false, new Error('the worker skipped the job'), started)));
        this.steal();
      },
      (e: Error) => {
        const aborted = e.name === 'AbortError' || signal?.aborted === true;
        if (!aborted && !this.isClosed && e.message === THREAD_TERMINATION) {
          // Its worker was terminated for another task's abort (a task of another run sharing
          // this pool): none of these jobs reported, so they run again, elsewhere.
          for (const s of batch) this.forget(s);
          const again = batch.filter((s) => !s.withdrawn);
          if (again.length > 0) this.send(again, signal);
          return;
        }
        // Aborting terminates the worker: a task waiting behind the aborted one fails too, and is interrupted as well.
        for (const s of batch) this.answer(s, crashed(aborted, e, started));
        this.steal();
      },
    );
    this.tasks.add(answered);
    void answered.finally(() => this.tasks.delete(answered));
  }

  private answer(s: Sent, result: JobResult): void {
    this.forget(s);
    if (!s.withdrawn) s.resolve(result);
  }

  /** The job's task came back (answered, or failed as a whole): its cell is free again. */
  private forget(s: Sent): void {
    this.sent.delete(s);
    this.cells.release(s.cell);
  }

  /**
   * Called whenever a task comes back (a worker may have gone idle): when
   * fewer jobs run than there are threads while jobs wait in busy workers'
   * ports, each idle worker takes back a share of the jobs sent last (they
   * would start last). Jobs still in Piscina's own queue need no help: it
   * hands them to the idle worker itself.
   */
  private steal(): void {
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = null;
    if (this.isClosed || this.piscina.queueSize > 0) return;
    let running = 0;
    const waiting: Sent[] = [];
    for (const s of this.sent) {
      if (s.withdrawn) continue;
      const state = this.cells.state(s.cell);
      if (state === STARTED) running++;
      else if (state === WAITING) waiting.push(s);
    }
    const idle = this.threads - running;
    if (idle <= 0 || waiting.length === 0) return;
    const now = performance.now();
    const ripe = waiting.filter((s) => now - s.postedAt >= STEAL_AFTER_MS);
    if (ripe.length < waiting.length) {
      const youngest = waiting[waiting.length - 1]!.postedAt;
      this.recheck = setTimeout(() => this.steal(), Math.max(0, youngest + STEAL_AFTER_MS - now));
      this.recheck.unref();
    }
    const share = Math.ceil(ripe.length / this.threads);
    for (let w = 0; w < idle && ripe.length > 0; w++) {
      const taken = ripe.splice(Math.max(0, ripe.length - share)).filter((s) => this.cells.withdraw(s.cell));
      for (const s of taken) s.withdrawn = true;
      this.stolenJobs += taken.length;
      // Sent again in their order, one message per abort signal (in practice they all share the run's).
      const bySignal = new Map<AbortSignal | undefined, Sent[]>();
      for (const s of taken) bySignal.set(s.signal, [...(bySignal.get(s.signal) ?? []), s]);
      for (const [signal, group] of bySignal) this.send(group, signal);
    }
  }

  withdraw(jobs: ReadonlySet<Job>): number {
    let taken = 0;
    for (const s of this.sent) {
      // A job with no cell cannot be taken back: it runs, as it would have.
      if (s.withdrawn || !jobs.has(s.job) || !this.cells.withdraw(s.cell)) continue;
      // The worker skips it when it gets to it (that reply, ignored, frees its cell).
      s.withdrawn = true;
      taken++;
      s.resolve(interruptedResult(Date.now(), NOT_STARTED));
    }
    return taken;
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.recheck) clearTimeout(this.recheck);
    // A withdrawn job's copy may still sit in a worker, which skips it as soon as it gets to it:
    // let those replies arrive (Piscina reports a reply to a destroyed task as an error).
    if (this.tasks.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.tasks]),
        new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
    await this.piscina.destroy();
  }
}

/** Piscina's error for a task whose worker it terminated (to abort a task on it, or when destroyed). */
const THREAD_TERMINATION = 'Terminating worker thread';

type LoadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;

/**
 * Piscina's default balancer never gives a second task to a worker that runs
 * one with an AbortSignal (aborting it terminates the worker, and whatever
 * else it holds), so jobs run with `abortJobs` lost the prefetch and the
 * stealing. Here such a worker counts as holding one task. Within one run
 * every job shares the signal, so an abort ends them all anyway; a job of
 * another run terminated with them is sent again (send()).
 */
function slotBalancer(limit: number): LoadBalancer {
  return (_task, workers) => {
    let pick: (typeof workers)[number] | null = null;
    let least = limit;
    for (const w of workers) {
      if (w.terminating || w.destroyed) continue;
      const usage = w.isRunningAbortableTask ? 1 : w.currentUsage;
      if (usage < least) {
        pick = w;
        least = usage;
        if (usage === 0) break;
      }
    }
    return pick;
  };
}

/** The result of a job whose worker died or was aborted: data, never a throw. */
function crashed(aborted: boolean, e: Error, started: number): JobResult {
  return interruptedResult(started, aborted ? INTERRUPTED : `worker crashed: ${e.message}`);
}
