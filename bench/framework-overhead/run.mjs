// Framework overhead: what rungs itself costs per trial, with an objective
// that costs nothing (objective.mjs: (x − 0.3)² + (y + 1)²).
//
//   npm run bench:overhead            (= npm run build && node bench/framework-overhead/run.mjs)
//   node bench/framework-overhead/run.mjs --trials 10000 --threads 2 --best-trials 100000 --optuna-trials 1000
//   node bench/framework-overhead/run.mjs --no-optuna
//
// 1. The whole path — random search → Piscina pool (worker threads) → worker →
//    objective module → SQLite — through the built package's runStudy, on a
//    fresh temp database: trials/s over the whole call (pool start-up and
//    the final summary included), and the time of each 1,000 trials (from
//    onTrial timestamps; the first window starts when the run loop starts, so
//    it carries worker start-up, module import and JIT warm-up).
// 2. `best` on a study of 100,000 trials written with the storage's bulk
//    importTrials: storage.best(id, 10) in process (cold, then the median of
//    warm calls), and the built CLI `node dist/cli/main.js best <study> --db
//    <file> --json` as a child process (wall time, Node start-up included),
//    next to `--version` alone (Node + CLI start-up).
// 3. Optuna, when /usr/bin/python3 (or $RUNGS_BENCH_PYTHON) imports it:
//    optuna_reference.py — RandomSampler, sqlite:/// storage, same objective.
// 4. ASHA at scale: --asha-trials trials (η 3, budgets 1…27) of asha-objective.mjs,
//    which reports a value at every step, through the same path: time per 1,000
//    trials started, first to last (a decision that scanned every trial made this
//    grow with the study), and Optuna's SuccessiveHalvingPruner (its ASHA) with the
//    RandomSampler on the same objective (optuna_reference.py --asha,
//    --optuna-asha-trials trials) beside it.
//
// Last lines: `RESULT overhead.<name> <value>`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineStudy, normalizeStudy, openSqliteStorage, runStudy, Rng } from '../../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const CLI = join(root, 'dist/cli/main.js');
const PYTHON = process.env.RUNGS_BENCH_PYTHON ?? '/usr/bin/python3';
const OBJECTIVE = join(here, 'objective.mjs');
const ASHA_OBJECTIVE = join(here, 'asha-objective.mjs');
// The least a `best` process must do: start Node, load the storage module (better-sqlite3), open, query, print.
const FLOOR_SCRIPT =
  "import('./dist/storage/sqlite-storage.js').then(async ({ openSqliteStorage }) => { const s = openSqliteStorage(process.argv[1]); " +
  'const st = await s.getStudy(process.argv[2]); process.stdout.write(JSON.stringify(await s.best(st.id, 5))); await s.close(); })';
const SPACE = { x: { type: 'float', low: -5, high: 5 }, y: { type: 'float', low: -5, high: 5 } };

function parseArgs(argv) {
  const opts = { trials: 10_000, threads: 2, bestTrials: 100_000, optunaTrials: 1_000, ashaTrials: 10_000, optunaAshaTrials: 1_000, optuna: true, cliRuns: 7 };
  const numeric = { '--trials': 'trials', '--threads': 'threads', '--best-trials': 'bestTrials', '--optuna-trials': 'optunaTrials', '--asha-trials': 'ashaTrials', '--optuna-asha-trials': 'optunaAshaTrials', '--cli-runs': 'cliRuns' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-optuna') {
      opts.optuna = false;
      continue;
    }
    const key = numeric[arg];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value) || value < 1) {
      console.error(`bad argument: ${arg} ${argv[i + 1] ?? ''} (use --trials N, --threads N, --best-trials N, --optuna-trials N, --asha-trials N, --optuna-asha-trials N, --cli-runs N, --no-optuna)`);
      process.exit(2);
    }
    opts[key] = value;
    i++;
  }
  if (opts.trials < 2000 || opts.ashaTrials < 2000) {
    console.error('--trials and --asha-trials must be ≥ 2000 (first and last 1,000 are compared)');
    process.exit(2);
  }
  return opts;
}

const fmt = (x, d = 3) => x.toFixed(d);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A study of an objective module on SPACE, minimized, seed 1. */
function benchStudy(name, objective, strategy, extra = {}) {
  return defineStudy({ name, direction: 'minimize', objective, seed: 1, space: SPACE, strategy, ...extra });
}

/** 1. The whole path, N trials. */
async function overhead(dir, { trials, threads }) {
  const stamps = new Float64Array(trials);
  let n = 0;
  let loopStart = 0;
  const study = benchStudy('overhead', OBJECTIVE, { type: 'random', trials }, { budget: 1 });
  const t0 = performance.now();
  const summary = await runStudy(study, {
    storage: join(dir, 'overhead.db'),
    threads,
    onEvent: (e) => {
      if (e.type === 'plan') loopStart = performance.now();
    },
    onTrial: () => {
      stamps[n++] = performance.now();
    },
  });
  const total = (performance.now() - t0) / 1000;
  if (summary.counts.complete !== trials) throw new Error(`expected ${trials} complete trials, got ${JSON.stringify(summary.counts)}`);
  const windows = perThousand(stamps, trials, loopStart);
  return {
    total,
    trialsPerS: trials / total,
    steadyPerS: (trials - 1000) / ((stamps[trials - 1] - stamps[999]) / 1000),
    setup: (loopStart - t0) / 1000,
    windows,
    best: summary.best?.value,
  };
}

/** Seconds per 1,000 of the first `count` timestamps (ms), the first window from `start`. */
function perThousand(stamps, count, start) {
  const windows = [];
  for (let end = 1000; end <= count; end += 1000) windows.push((stamps[end - 1] - (end === 1000 ? start : stamps[end - 1001])) / 1000);
  return windows;
}

/** Growth, robust to one noisy window: the median of the last three windows over the median of windows 2–4 (window 1 is warm-up). */
function growth(windows) {
  return median(windows.slice(-3)) / median(windows.slice(1, 4));
}

/**
 * 4. ASHA with `ashaTrials` trials: seconds per 1,000 trials started, first to last. While trials
 * are still being started, ASHA's mix of jobs (new trials at rung 0, promotions) stays about the
 * same, so a window that takes longer means the framework's cost per decision grew; the tail of
 * promotions only, after the last start, is left out.
 */
async function ashaScale(dir, { ashaTrials, threads }) {
  const stamps = [];
  const started = new Set();
  let jobs = 0;
  let loopStart = 0;
  // The objective keeps no state: each job retrains from step 1, as Optuna's trial does.
  const study = benchStudy('asha-overhead', ASHA_OBJECTIVE, { type: 'asha', trials: ashaTrials, reductionFactor: 3, minBudget: 1, maxBudget: 27, warmStart: false });
  const t0 = performance.now();
  const summary = await runStudy(study, {
    storage: join(dir, 'asha.db'),
    threads,
    onEvent: (e) => {
      if (e.type === 'plan') loopStart = performance.now();
      else if (e.type === 'end') jobs++;
      else if (e.type === 'start' && !started.has(e.number)) {
        started.add(e.number);
        stamps.push(performance.now());
      }
    },
  });
  const total = (performance.now() - t0) / 1000;
  const trials = summary.counts.complete + summary.counts.pruned;
  if (trials !== ashaTrials) throw new Error(`expected ${ashaTrials} finished trials, got ${JSON.stringify(summary.counts)}`);
  const windows = perThousand(stamps, stamps.length, loopStart);
  return { total, trialsPerS: trials / total, jobs, windows, best: summary.best?.value };
}

/** 2. `best` on a study of `count` imported trials. */
async function bestOnLargeStudy(dir, { bestTrials, cliRuns }) {
  const file = join(dir, 'best.db');
  const storage = openSqliteStorage(file);
  const name = 'big';
  const spec = normalizeStudy({ name, direction: 'minimize', objective: OBJECTIVE, budget: 1, seed: 1, space: SPACE, strategy: { type: 'random', trials: bestTrials } }, here);
  const row = await storage.createStudy({ name, direction: 'minimize', metric: spec.metric, seed: 1, definition: spec });
  const rng = new Rng(1);
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < bestTrials; i++) {
    const x = -5 + 10 * rng.next();
    const y = -5 + 10 * rng.next();
    const value = (x - 0.3) ** 2 + (y + 1) ** 2;
    rows.push({ number: i, state: 'complete', params: { x, y }, seed: i, budget: 1, value, metrics: { [spec.metric]: value }, durationMs: 0, startedAt: now, finishedAt: now });
  }
  let t = performance.now();
  await storage.importTrials(row.id, rows);
  const importS = (performance.now() - t) / 1000;

  t = performance.now();
  const cold = await storage.best(row.id, 10);
  const coldMs = performance.now() - t;
  const warm = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    await storage.best(row.id, 10);
    warm.push(performance.now() - t);
  }
  await storage.close();

  const timeCli = (args, raw = false) => {
    const runs = [];
    let out = '';
    for (let i = 0; i < cliRuns; i++) {
      const t1 = performance.now();
      const r = spawnSync(process.execPath, raw ? args : [CLI, ...args], { encoding: 'utf8', cwd: root });
      runs.push(performance.now() - t1);
      if (r.status !== 0) throw new Error(`rungs ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      out = r.stdout;
    }
    return { median: median(runs), min: Math.min(...runs), out };
  };
  const bare = timeCli(['-e', '0'], true);
  const floor = timeCli(['-e', FLOOR_SCRIPT, file, name], true);
  const version = timeCli(['--version']);
  const cli = timeCli(['best', name, '--db', file, '--json']);
  const cliTop = JSON.parse(cli.out)[0];
  if (Math.abs(cliTop.value - cold[0].value) > 1e-12) throw new Error(`CLI best ${cliTop.value} ≠ in-process best ${cold[0].value}`);
  return { importS, coldMs, warmMs: median(warm), cli, version, bare, floor, bestValue: cold[0].value };
}

function optunaAvailable() {
  const r = spawnSync(PYTHON, ['-c', 'import optuna'], { encoding: 'utf8' });
  return r.status === 0;
}

/** 3. Optuna's RandomSampler on SQLite (4: with its SuccessiveHalvingPruner, on the ASHA objective). */
function optuna(dir, optunaTrials, asha = false) {
  const window = optunaTrials >= 1000 ? 200 : Math.max(1, Math.floor(optunaTrials / 5));
  const db = join(dir, asha ? 'optuna-asha.db' : 'optuna.db');
  const r = spawnSync(PYTHON, [join(here, 'optuna_reference.py'), '--db', db, '--trials', String(optunaTrials), '--window', String(window), ...(asha ? ['--asha'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`optuna_reference.py exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

const opts = parseArgs(process.argv.slice(2));
const dir = mkdtempSync(join(tmpdir(), 'rungs-overhead-'));
const results = [];
try {
  console.log(`framework overhead — Node ${process.version}, ${opts.threads} threads, ${os.availableParallelism()} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, temp dir ${dir}`);
  console.log('');

  const o = await overhead(dir, opts);
  console.log(`1. whole path (random search → Piscina → worker → objective.mjs → SQLite), ${opts.trials} trials, ${opts.threads} threads`);
  console.log(`   total ${fmt(o.total)} s → ${fmt(o.trialsPerS, 0)} trials/s end to end (study setup ${fmt(o.setup * 1000, 1)} ms; after the first 1,000: ${fmt(o.steadyPerS, 0)} trials/s); best value ${fmt(o.best, 5)}`);
  console.log(`   seconds per 1,000 trials (window 1 includes pool start-up and warm-up):`);
  console.log(`   ${o.windows.map((w, i) => `${i + 1}: ${fmt(w)}`).join('  ')}`);
  const first = o.windows[0];
  const last = o.windows.at(-1);
  console.log(`   first 1,000: ${fmt(first)} s   last 1,000: ${fmt(last)} s   last/first ${fmt(last / first, 2)}   (last/second ${fmt(last / o.windows[1], 2)})`);
  const grew = growth(o.windows);
  console.log(`   growth: median of the last three windows / median of windows 2–4 = ${fmt(grew, 2)} (flat if ≤ 1.25)`);
  console.log(`   target ≥ 5,000 trials/s: ${o.trialsPerS >= 5000 ? 'met' : 'NOT met'}; flat per-1,000 time: ${grew <= 1.25 ? 'yes' : 'NO (grows)'}`);
  console.log('');
  results.push(['trials_per_s', fmt(o.trialsPerS, 0)], ['first_1000_s', fmt(first)], ['last_1000_s', fmt(last)]);

  const b = await bestOnLargeStudy(dir, opts);
  console.log(`2. best on a study of ${opts.bestTrials} trials (bulk importTrials: ${fmt(b.importS, 2)} s)`);
  console.log(`   in process  storage.best(id, 10): cold ${fmt(b.coldMs, 2)} ms, warm median ${fmt(b.warmMs, 2)} ms (of 20)`);
  console.log(`   child CLI   node dist/cli/main.js best big --db <file> --json: median ${fmt(b.cli.median, 1)} ms (min ${fmt(b.cli.min, 1)}) of ${opts.cliRuns}, Node start-up included`);
  console.log(`   child CLI   node dist/cli/main.js --version:                   median ${fmt(b.version.median, 1)} ms (min ${fmt(b.version.min, 1)}) → best itself ≈ ${fmt(b.cli.median - b.version.median, 1)} ms beyond CLI start-up`);
  console.log(`   child       node -e 0 (bare Node start-up):                     median ${fmt(b.bare.median, 1)} ms (min ${fmt(b.bare.min, 1)})`);
  console.log(`   child       node -e <import storage, open, best(5), print>:    median ${fmt(b.floor.median, 1)} ms (min ${fmt(b.floor.min, 1)}) — the floor for a CLI process`);
  console.log(`   target "answers in under 50 ms": in-process query ${b.coldMs < 50 ? 'met' : 'NOT met'}; CLI wall time incl. Node start-up ${b.cli.median < 50 ? 'met' : 'NOT met'}`);
  console.log('');

  let ratio;
  const withOptuna = opts.optuna && optunaAvailable();
  if (!opts.optuna) {
    console.log('3. Optuna: skipped (--no-optuna)');
  } else if (!withOptuna) {
    console.log(`3. Optuna: not importable by ${PYTHON} — apt-get install -y python3-optuna to compare; skipped`);
  } else {
    const p = optuna(dir, opts.optunaTrials);
    ratio = o.trialsPerS / p.trials_per_s;
    console.log(`3. Optuna ${p.optuna} RandomSampler, sqlite:/// storage, same objective, ${p.trials} trials, n_jobs=1`);
    console.log(`   total ${fmt(p.seconds, 2)} s → ${fmt(p.trials_per_s, 1)} trials/s`);
    console.log(`   seconds per ${p.window} trials: ${p.windows_s.map((w, i) => `${i + 1}: ${fmt(w, 2)}`).join('  ')}`);
    console.log(`   rungs ${fmt(o.trialsPerS, 0)} trials/s / Optuna ${fmt(p.trials_per_s, 1)} trials/s = ${fmt(ratio, 0)}× (target ≥ 100×: ${ratio >= 100 ? 'met' : 'NOT met'})`);
  }
  console.log('');

  const a = await ashaScale(dir, opts);
  const ashaGrowth = growth(a.windows);
  console.log(`4. ASHA (η 3, budgets 1…27, no warm start), ${opts.ashaTrials} trials of asha-objective.mjs (a value reported at every step), ${opts.threads} threads`);
  console.log(`   total ${fmt(a.total)} s → ${fmt(a.trialsPerS, 0)} trials/s, ${a.jobs} jobs (${fmt(a.jobs / a.total, 0)} jobs/s); best value ${fmt(a.best, 5)}`);
  console.log(`   seconds per 1,000 trials started (the promotions between them included): ${a.windows.map((w, i) => `${i + 1}: ${fmt(w)}`).join('  ')}`);
  console.log(`   growth: median of the last three windows / median of windows 2–4 = ${fmt(ashaGrowth, 2)} (flat if ≤ 1.25: ${ashaGrowth <= 1.25 ? 'yes' : 'NO (grows)'})`);
  let ashaRatio;
  if (withOptuna) {
    const p = optuna(dir, opts.optunaAshaTrials, true);
    ashaRatio = a.trialsPerS / p.trials_per_s;
    const pGrowth = p.windows_s.length >= 4 ? growth(p.windows_s) : Number.NaN;
    console.log(`   Optuna ${p.optuna} SuccessiveHalvingPruner (min_resource 1, reduction_factor 3) + RandomSampler, sqlite:/// storage, ${p.trials} trials, n_jobs=1`);
    console.log(`   total ${fmt(p.seconds, 2)} s → ${fmt(p.trials_per_s, 1)} trials/s; seconds per ${p.window} trials: ${p.windows_s.map((w, i) => `${i + 1}: ${fmt(w, 2)}`).join('  ')}; growth ${fmt(pGrowth, 2)}`);
    console.log(`   rungs ${fmt(a.trialsPerS, 0)} trials/s (at ${opts.ashaTrials} trials) / Optuna ${fmt(p.trials_per_s, 1)} trials/s (at ${p.trials}) = ${fmt(ashaRatio, 0)}×`);
  } else {
    console.log('   Optuna: skipped');
  }
  console.log('');
  if (ratio !== undefined) results.push(['vs_optuna', fmt(ratio, 1)]);
  results.push(['asha_trials_per_s', fmt(a.trialsPerS, 0)], ['asha_growth', fmt(ashaGrowth, 2)]);
  if (ashaRatio !== undefined) results.push(['asha_vs_optuna', fmt(ashaRatio, 1)]);
  results.push(['best_100k_ms', fmt(b.coldMs, 2)]);
  for (const [k, v] of results) console.log(`RESULT overhead.${k} ${v}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
