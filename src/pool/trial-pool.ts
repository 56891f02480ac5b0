/**
 * The Piscina pool that runs trials' jobs on worker threads. The worker
 * entry is the built JavaScript file (dist/pool/worker.js): when this module
 * itself runs from TypeScript sources (vitest), it still points at the built
 * worker, which `npm test` builds first.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Job, JobResult } from './protocol.js';
import type { JobRunner } from './job-runner.js';

export function defaultThreads(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

function workerFile(): string {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/pool/worker.js', here) : new URL('./worker.js', here);
  return fileURLToPath(url);
}

/** Tasks a worker holds at once: one running, one waiting. */
export const TASKS_PER_WORKER = 2;

export class TrialPool implements JobRunner {
  readonly threads: number;
  readonly slots: number;
  private readonly piscina: Piscina;
  private isClosed = false;

  get closed(): boolean {
    return this.isClosed;
  }

  constructor(threads = defaultThreads()) {
    this.threads = threads;
    this.slots = threads * TASKS_PER_WORKER;
    this.piscina = new Piscina({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      // A worker keeps its dataset cache for the whole study.
      idleTimeout: Number.POSITIVE_INFINITY,
      // Two tasks per worker, run one after the other (worker.ts chains them): the next one
      // waits in the worker's own port, so a worker that finishes starts it at once instead
      // of waiting for the main thread to hand it out (measured: ASHA on 2–3 ms jobs went
      // from about 80% to about 88% busy on 2 threads).
      concurrentTasksPerWorker: TASKS_PER_WORKER,
    });
  }

  /** Runs one job. Never rejects for a job's own failure (that is a `failed` result). */
  async run(job: Job, signal?: AbortSignal): Promise<JobResult> {
    const started = Date.now();
    try {
      return (await this.piscina.run(job, signal ? { signal } : {})) as JobResult;
    } catch (e) {
      // Aborting terminates the worker: a task waiting behind the aborted one fails too, and is interrupted as well.
      return crashed((e as Error).name === 'AbortError' || signal?.aborted === true, e as Error, started);
    }
  }

  /** Runs several jobs in one message to one worker, in order. */
  async runBatch(jobs: Job[], signal?: AbortSignal): Promise<JobResult[]> {
    if (jobs.length === 1) return [await this.run(jobs[0]!, signal)];
    const started = Date.now();
    try {
      return (await this.piscina.run({ batch: jobs }, signal ? { signal } : {})) as JobResult[];
    } catch (e) {
      const aborted = (e as Error).name === 'AbortError' || signal?.aborted === true;
      return jobs.map(() => crashed(aborted, e as Error, started));
    }
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.piscina.destroy();
  }
}

/** The result of a job whose worker died or was aborted: data, never a throw. */
function crashed(aborted: boolean, e: Error, started: number): JobResult {
  return {
    state: 'failed',
    reason: 'error',
    message: aborted ? 'interrupted' : `worker crashed: ${e.message}`,
    metrics: {},
    curve: [],
    budget: 0,
    epochsTrained: 0,
    durationMs: Date.now() - started,
  };
}
