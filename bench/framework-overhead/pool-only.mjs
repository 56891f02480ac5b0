// The Piscina pool alone, without storage or strategy: N objective jobs
// (the same Job objects the runner sends, objective.mjs) kept `threads` in
// flight, as the run loop does. Gives the pool's ceiling in jobs/s and its
// cost per job on the main thread. Variants: rungs' TrialPool, one job a
// message and k a message (runBatch, as the runner sends fast jobs); raw
// Piscina with the rungs worker and recordTiming off / atomics disabled; raw
// Piscina with an echo worker; raw Piscina with k jobs per task message.
//
//   npm run build && node bench/framework-overhead/pool-only.mjs [--trials 10000] [--threads 2]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { TrialPool } from '../../dist/pool/trial-pool.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const num = (f, d) => (args.includes(f) ? Number(args[args.indexOf(f) + 1]) : d);
const N = num('--trials', 10_000);
const THREADS = num('--threads', 2);
const WORKER = fileURLToPath(new URL('../../dist/pool/worker.js', import.meta.url));
const OBJECTIVE = join(here, 'objective.mjs');

const job = (n) => ({
  trialNumber: n,
  params: { x: Math.random() * 10 - 5, y: Math.random() * 10 - 5 },
  seed: n,
  budget: 1,
  metric: 'value',
  kind: 'objective',
  module: OBJECTIVE,
  fromBudget: 0,
});

/** Keeps `threads` calls of run(i) in flight until N are done; returns µs per job (wall) and main-thread utilisation. */
async function drive(run, perCall = 1, n = N) {
  const calls = Math.ceil(n / perCall);
  let next = 0;
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  const lane = async () => {
    while (next < calls) await run(next++);
  };
  await Promise.all(Array.from({ length: THREADS }, lane));
  const ms = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  return { usPerJob: (ms * 1000) / n, perS: (n / ms) * 1000, elu };
}

const dir = mkdtempSync(join(tmpdir(), 'rungs-pool-'));
try {
  const echo = join(dir, 'echo.mjs');
  writeFileSync(echo, 'export default (job) => ({ state: "complete", value: 0, metrics: {}, curve: [], budget: 1, epochsTrained: 1, durationMs: 0 });\n');
  // What the rungs worker takes: a WorkerTask, its jobs in order (cells: their places in TrialPool's shared
  // cells, which a raw Piscina without that buffer ignores).
  const task = (jobs) => ({ jobs, cells: jobs.map(() => 0) });

  const rows = [];
  const report = (name, r) => {
    rows.push(name);
    console.log(`${r.usPerJob.toFixed(1).padStart(8)} µs/job  ${r.perS.toFixed(0).padStart(7)} jobs/s  main thread busy ${(r.elu * 100).toFixed(0).padStart(3)}%   ${name}`);
  };

  // Each variant starts its own threads and runs N/10 jobs before it is timed (start-up, import, JIT).
  const timed = async (run, perCall = 1) => {
    await drive(run, perCall, Math.ceil(N / 10));
    return drive(run, perCall);
  };
  {
    const pool = new TrialPool(THREADS);
    report('rungs TrialPool (dist/pool/worker.js), one job a message', await timed((i) => pool.run(job(i))));
    for (const k of [4, 8]) {
      report(`rungs TrialPool, ${k} jobs a message (runBatch, as the runner sends fast jobs)`, await timed((i) => pool.runBatch(Array.from({ length: k }, (_, j) => job(i * k + j))), k));
    }
    await pool.close();
  }
  for (const [name, opts] of [
    ['raw Piscina, rungs worker, same options as TrialPool', {}],
    ['raw Piscina, rungs worker, recordTiming: false', { recordTiming: false }],
    ["raw Piscina, rungs worker, atomics: 'disabled'", { atomics: 'disabled' }],
    ["raw Piscina, rungs worker, recordTiming: false, atomics: 'disabled'", { recordTiming: false, atomics: 'disabled' }],
  ]) {
    const p = new Piscina({ filename: WORKER, minThreads: THREADS, maxThreads: THREADS, idleTimeout: Infinity, concurrentTasksPerWorker: 1, ...opts });
    report(name, await timed((i) => p.run(task([job(i)]))));
    await p.destroy();
  }
  {
    const p = new Piscina({ filename: echo, minThreads: THREADS, maxThreads: THREADS, idleTimeout: Infinity });
    report('raw Piscina, echo worker (no objective import/call): the round trip itself', await timed((i) => p.run(job(i))));
    await p.destroy();
  }
  for (const k of [4, 16]) {
    const p = new Piscina({ filename: WORKER, minThreads: THREADS, maxThreads: THREADS, idleTimeout: Infinity });
    report(`raw Piscina, rungs worker, ${k} jobs per task message`, await timed((i) => p.run(task(Array.from({ length: k }, (_, j) => job(i * k + j)))), k));
    await p.destroy();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
