// Where the main thread's time per trial goes, on the same whole path as
// run.mjs (random search → Piscina → worker → objective.mjs → SQLite), with
// timers wrapped around the built classes' methods and around every SQLite
// statement (better-sqlite3's Statement.run/get/all, BEGIN and COMMIT too).
//
//   npm run build && node bench/framework-overhead/profile.mjs [--trials 10000] [--threads 2] [flags]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/framework-overhead/profile.mjs --no-timers
//
//   --inline          objective on the main thread (InlineRunner: no pool), to separate the pool's cost
//   --no-sql          no per-statement timers (they add ~0.3 µs per statement)
//   --no-timers       no timers at all (plain wall time; for --cpu-prof)
//   --pragma "P = V"  (repeatable) sets a pragma on the connection first, for what-if runs
//   --bg-checkpoint   what-if: wal_autocheckpoint = 0 on the main connection, and a worker thread
//                     with its own connection runs PASSIVE checkpoints every 100 ms
//
// The timers wrap methods by name and skip those that no longer exist, so
// the script keeps working while the hot path changes.
// Times are inclusive and nest: claim ⊃ claimInTransaction ⊃ byFilter …;
// "BEGIN"/"COMMIT" rows are the transaction's own statements.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineStudy, normalizeStudy, openSqliteStorage, SqliteStorage } from '../../dist/index.js';
import { executeStudy } from '../../dist/study/execute-study.js';
import { StudyEngine } from '../../dist/study/study-engine.js';
import { TrialPool } from '../../dist/pool/trial-pool.js';
import { InlineRunner } from '../../dist/pool/inline-runner.js';
import { TrialLoader } from '../../dist/storage/trial-loader.js';
import { TrialMirror } from '../../dist/study/trial-mirror.js';
import { RandomSearch } from '../../dist/search/random.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const num = (f, d) => (args.includes(f) ? Number(args[args.indexOf(f) + 1]) : d);
const N = num('--trials', 10_000);
const THREADS = num('--threads', 2);
const timers = !flag('--no-timers');

const stats = new Map(); // label → { n, ms }
const samples = new Map(); // COMMIT label → durations (ms), for the tail (WAL checkpoints)
const add = (label, ms) => {
  if (label.startsWith('sql COMMIT')) {
    let a = samples.get(label);
    if (!a) samples.set(label, (a = []));
    a.push(ms);
  }
  const s = stats.get(label);
  if (s) {
    s.n++;
    s.ms += ms;
  } else stats.set(label, { n: 1, ms });
};

/** Wraps a synchronous-bodied method (async ones: the time until they return their promise). */
let current; // the outermost storage method running (labels BEGIN/COMMIT)
function timeSync(proto, name, label = name, outer = false) {
  const orig = proto[name];
  if (typeof orig !== 'function') return; // the hot path changes: time what exists
  proto[name] = function (...a) {
    const t = performance.now();
    const prev = current;
    if (outer) current = name;
    try {
      return orig.apply(this, a);
    } finally {
      current = prev;
      add(label, performance.now() - t);
    }
  };
}

/** Wraps an async method: time from the call to the settled promise (includes waiting). */
function timeAsync(proto, name, label = name) {
  const orig = proto[name];
  if (typeof orig !== 'function') return;
  proto[name] = async function (...a) {
    const t = performance.now();
    try {
      return await orig.apply(this, a);
    } finally {
      add(label, performance.now() - t);
    }
  };
}

if (timers) {
  if (!flag('--no-sql')) {
    const Database = require('better-sqlite3');
    const mem = new Database(':memory:');
    const Statement = Object.getPrototypeOf(mem.prepare('SELECT 1'));
    mem.close();
    const labels = new WeakMap();
    const labelOf = (stmt) => {
      let l = labels.get(stmt);
      if (l === undefined) {
        l = stmt.source.replace(/\s+/g, ' ').slice(0, 70);
        labels.set(stmt, l);
      }
      // BEGIN/COMMIT: say which storage method's transaction they belong to.
      return l === 'COMMIT' || l.startsWith('BEGIN') ? `sql ${l} (${current ?? '?'})` : `sql ${l}`;
    };
    for (const m of ['run', 'get', 'all']) {
      const orig = Statement[m];
      Statement[m] = function (...a) {
        const t = performance.now();
        try {
          return orig.apply(this, a);
        } finally {
          add(labelOf(this), performance.now() - t);
        }
      };
    }
  }
  const S = SqliteStorage.prototype;
  for (const m of ['claim', 'finishJob', 'finishJobs', 'getTrial', 'getTrials', 'best', 'heartbeat', 'requeueOrphans']) timeSync(S, m, `storage.${m}`, true);
  for (const m of ['claimInTransaction', 'claimOne', 'finishInTransaction', 'insertClaimed', 'insertParams']) timeSync(S, m, `storage.${m}`);
  for (const m of ['byFilter', 'one', 'withDetails']) timeSync(TrialLoader.prototype, m, `loader.${m}`);
  timeSync(TrialMirror.prototype, 'apply', 'mirror.apply');
  timeSync(RandomSearch.prototype, 'next', 'strategy.next');
  timeSync(StudyEngine.prototype, 'decide', 'engine.decide');
  timeSync(StudyEngine.prototype, 'prepare', 'engine.prepare (sync part)');
  timeSync(StudyEngine.prototype, 'outcome', 'engine.outcome');
  timeSync(StudyEngine.prototype, 'provisional', 'engine.provisional');
  timeSync(TrialPool.prototype, 'run', 'pool.run (sync part: postTask)');
  timeAsync(TrialPool.prototype, 'run', 'pool.run round trip (call → result, incl. queueing)');
  timeAsync(StudyEngine.prototype, 'ask', 'engine.ask (call → settled)');
  timeAsync(StudyEngine.prototype, 'tell', 'engine.tell (call → settled)');
  timeAsync(StudyEngine.prototype, 'askMany', 'engine.askMany (call → settled)');
  timeAsync(StudyEngine.prototype, 'tellMany', 'engine.tellMany (call → settled)');
}

const dir = mkdtempSync(join(tmpdir(), 'rungs-profile-'));
try {
  const objectiveFile = join(here, 'objective.mjs');
  const defined = defineStudy({
    name: 'profile',
    direction: 'minimize',
    objective: objectiveFile,
    budget: 1,
    seed: 1,
    space: { x: { type: 'float', low: -5, high: 5 }, y: { type: 'float', low: -5, high: 5 } },
    strategy: { type: 'random', trials: N },
  });
  const study = normalizeStudy(defined.spec, here);
  const storage = openSqliteStorage(join(dir, 'profile.db'));
  // --pragma "wal_autocheckpoint = 0" (repeatable): what-if experiments on the connection.
  args.forEach((a, i) => {
    if (a === '--pragma') console.log(`PRAGMA ${args[i + 1]} → ${JSON.stringify(storage.db.pragma(args[i + 1], { simple: true }))}`);
  });
  // --bg-checkpoint: what-if — no auto-checkpoint on the main connection; a
  // worker thread with its own connection runs PASSIVE checkpoints every 100 ms,
  // so the fsyncs of checkpointing leave the main thread.
  let checkpointer;
  if (flag('--bg-checkpoint')) {
    storage.db.pragma('wal_autocheckpoint = 0');
    const { Worker } = await import('node:worker_threads');
    checkpointer = new Worker(
      `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
       const { workerData, parentPort } = require('node:worker_threads');
       const db = new Database(workerData);
       db.pragma('busy_timeout = 5000');
       let n = 0, ms = 0;
       const tick = setInterval(() => { const t = performance.now(); db.pragma('wal_checkpoint(PASSIVE)'); ms += performance.now() - t; n++; }, 100);
       parentPort.on('message', () => { clearInterval(tick); db.close(); parentPort.postMessage({ n, ms }); });`,
      { eval: true, workerData: join(dir, 'profile.db') },
    );
  }
  const objective = (await import(objectiveFile)).default;
  const runner = flag('--inline') ? new InlineRunner(objective, THREADS) : undefined;
  let ends = 0;
  let loopStart = 0;
  const eluStart = performance.eventLoopUtilization();
  const t0 = performance.now();
  const summary = await executeStudy(study, {
    storage,
    threads: THREADS,
    ...(runner ? { runner } : {}),
    onEvent: (e) => {
      if (e.type === 'plan') loopStart = performance.now();
      if (e.type === 'end') ends++;
    },
  });
  const wall = performance.now() - t0;
  if (summary.counts.complete !== N) {
    for (const t of await storage.getTrials(summary.studyId, { states: ['failed'] })) console.error(`trial ${t.number} failed: ${t.error}`);
  }
  const elu = performance.eventLoopUtilization(eluStart);
  if (checkpointer) {
    const done = new Promise((r) => checkpointer.once('message', r));
    checkpointer.postMessage('stop');
    const c = await done;
    console.log(`background checkpointer: ${c.n} checkpoints, ${c.ms.toFixed(0)} ms on its own thread`);
    await checkpointer.terminate();
  }
  await storage.close();
  if (summary.counts.complete !== N || ends !== N) throw new Error(`unexpected: ${JSON.stringify(summary.counts)}`);

  const perTrialUs = (ms) => ((ms * 1000) / N).toFixed(1);
  console.log(`${N} trials, ${runner ? 'inline runner (no pool)' : `Piscina pool, ${THREADS} threads`}${timers ? '' : ', no timers'}`);
  console.log(`wall ${wall.toFixed(0)} ms (setup ${(loopStart - t0).toFixed(1)} ms) → ${((N / wall) * 1000).toFixed(0)} trials/s, ${perTrialUs(wall)} µs/trial; main-thread event-loop utilisation ${(elu.utilization * 100).toFixed(1)}%`);
  if (timers) {
    console.log('');
    console.log('   µs/trial   calls/trial   total ms   what');
    for (const [label, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
      if (s.ms / N < 0.05 * (1 / 1000) * 1000 && !label.startsWith('storage.') && s.ms < 1) continue;
      console.log(`${perTrialUs(s.ms).padStart(10)}   ${(s.n / N).toFixed(2).padStart(11)}   ${s.ms.toFixed(1).padStart(8)}   ${label}`);
    }
    if (samples.size > 0) console.log('');
    for (const [label, a] of samples) {
      a.sort((x, y) => x - y);
      const q = (p) => (a[Math.min(a.length - 1, Math.floor(p * a.length))] * 1000).toFixed(0);
      const slow = a.filter((x) => x > 1);
      const slowMs = slow.reduce((x, y) => x + y, 0);
      const all = a.reduce((x, y) => x + y, 0);
      console.log(`${label}: p50 ${q(0.5)} µs, p90 ${q(0.9)} µs, p99 ${q(0.99)} µs, max ${(a.at(-1) * 1000).toFixed(0)} µs; ${slow.length} of ${a.length} over 1 ms = ${slowMs.toFixed(0)} ms of ${all.toFixed(0)} ms`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
