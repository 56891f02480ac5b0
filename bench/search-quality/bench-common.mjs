// Helpers shared by the search-quality benchmarks (bench:search, bench:tpe, bench:conditional):
// command-line flags, the Optuna reference's Python, and the summaries and paired comparisons
// they print.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { createPool, openSqliteStorage, runStudy } from '../../dist/index.js';

export const PYTHON = process.env.RUNGS_BENCH_PYTHON ?? '/usr/bin/python3';
/** The reference's environment: one thread of BLAS per Python process. */
const PYTHON_ENV = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

/**
 * Seeds from a --seeds value: numbers and ranges, comma-separated ("1-100", "1,2,5-8"), in the order given.
 *
 * @example parseSeeds('1,4-6') // [1, 4, 5, 6]
 */
export function parseSeeds(text) {
  const seeds = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) throw new Error(`--seeds: '${part}' is not a seed or a range a-b with a ≤ b (e.g. --seeds 1-100 or 1,2,5-8)`);
    for (let s = Number(m[1]); s <= Number(m[2] ?? m[1]); s++) seeds.push(s);
  }
  return seeds;
}

/**
 * --seeds 1,2,3 (or 1-100) --tasks digits,spirals --no-optuna, plus the boolean `flags` given ({ '--no-x': 'x' }
 * sets opts.x = false) and the comma-separated `lists` ({ '--xs': { key: 'xs', choices: ['a', 'b'] } }:
 * opts.xs is every choice, or the list's `defaults` when it has them, or those `--xs a` names).
 */
export function parseBenchArgs(argv, { seeds, tasks, flags = {}, lists = {} }) {
  const opts = { seeds, tasks: Object.keys(tasks), optuna: true };
  for (const key of Object.values(flags)) opts[key] = true;
  for (const { key, choices, defaults } of Object.values(lists)) opts[key] = defaults ?? choices;
  const listUsage = Object.entries(lists).map(([flag, { choices }]) => `${flag} ${choices.join(',')}`);
  const usage = ['--seeds 1,2,3|1-100', `--tasks ${Object.keys(tasks).join(',')}`, '--no-optuna', ...Object.keys(flags), ...listUsage].join(' ');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seeds') opts.seeds = parseSeeds(argv[++i]);
    else if (a === '--tasks') opts.tasks = argv[++i].split(',');
    else if (a === '--no-optuna') opts.optuna = false;
    else if (flags[a]) opts[flags[a]] = false;
    else if (lists[a]) opts[lists[a].key] = argv[++i].split(',');
    else {
      console.error(`unknown argument ${a} (use ${usage})`);
      process.exit(2);
    }
  }
  for (const t of opts.tasks) if (!tasks[t]) throw new Error(`unknown task ${t}`);
  for (const [flag, { key, choices }] of Object.entries(lists)) for (const c of opts[key]) if (!choices.includes(c)) throw new Error(`unknown ${flag} value ${c} (one of ${choices.join(',')})`);
  return opts;
}

let optunaChecked;

/** Whether PYTHON imports optuna and numpy (checked once); says so once, and how to get them, when it does not. */
export function optunaAvailable() {
  if (optunaChecked !== undefined) return optunaChecked;
  optunaChecked = spawnSync(PYTHON, ['-c', 'import optuna, numpy'], { encoding: 'utf8' }).status === 0;
  if (!optunaChecked) console.log(`\nOptuna reference skipped: \`${PYTHON} -c 'import optuna, numpy'\` failed (pip install optuna numpy, or set RUNGS_BENCH_PYTHON)`);
  return optunaChecked;
}

/** Writes `jobs` to optuna-jobs.json in `dir` and runs `script` with `args` and that file (see runPythonJson); null when skipped or failed. */
export function runOptunaJobs(script, args, dir, jobs) {
  if (!optunaAvailable()) return null;
  const jobsFile = join(dir, 'optuna-jobs.json');
  writeFileSync(jobsFile, JSON.stringify(jobs));
  return runPythonJson(script, [...args, jobsFile]);
}

/**
 * runOptunaJobs over `processes` concurrent Python processes (the jobs dealt out in turn, each
 * process one thread of BLAS, as runPythonJson): for a reference that runs after rungs, on the
 * cores rungs' pool used. The rows of every process (each returns a JSON array), in process
 * order; null when skipped or when any process failed.
 */
export async function runOptunaJobsParallel(script, args, dir, jobs, processes) {
  if (!optunaAvailable()) return null;
  const parts = Array.from({ length: Math.min(processes, jobs.length) }, (_, p) => jobs.filter((_, i) => i % processes === p));
  const outs = await Promise.all(
    parts.map((part, p) => {
      const jobsFile = join(dir, `optuna-jobs-${p}.json`);
      writeFileSync(jobsFile, JSON.stringify(part));
      return new Promise((resolve) => {
        const child = spawn(PYTHON, [script, ...args, jobsFile], { stdio: ['ignore', 'pipe', 'inherit'], env: PYTHON_ENV });
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
        child.on('error', (e) => resolve({ code: String(e), stdout }));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    }),
  );
  const failed = outs.find((o) => o.code !== 0);
  if (failed) {
    console.log(`\nOptuna reference failed (exit ${failed.code}, see the error above)`);
    return null;
  }
  return outs.flatMap((o) => JSON.parse(o.stdout));
}

/**
 * Runs an Optuna reference script (one thread of BLAS), its stderr (progress) straight through;
 * returns its stdout parsed as JSON, or null after saying why when it failed.
 */
export function runPythonJson(script, args) {
  const r = spawnSync(PYTHON, [script, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: PYTHON_ENV,
  });
  if (r.status !== 0) {
    console.log(`\nOptuna reference failed (exit ${r.status}, see the error above)`);
    return null;
  }
  return JSON.parse(r.stdout);
}

export const fmtLoss = (x) => (Number.isFinite(x) ? x.toFixed(4) : String(x));
export const fmtEp = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
/** "median [min–max]" of a summarise() result. */
export const fmtRange = (s, f = fmtLoss) => `${f(s.median)} [${f(s.min)}–${f(s.max)}]`;
/** "[12s]": seconds since `started` (a performance.now() value), for progress lines. */
export const elapsed = (started) => `[${((performance.now() - started) / 1000).toFixed(0)}s]`;

/** Median over seeds of a[key] / b[key] (default bestLoss), paired by seed. */
export function pairedRatio(aRows, bRows, key = 'bestLoss') {
  return median(aRows.map((r) => r[key] / bRows.find((q) => q.seed === r.seed)[key]));
}

/**
 * Paired comparison over seeds: how often a beats b (lower loss), loses, ties, and the exact
 * two-sided sign-test p-value (ties dropped) — with 10 seeds, 2/10 or 8/10 is p ≈ 0.11.
 */
export function signTest(aRows, bRows, key = 'bestLoss') {
  const { wins, losses, ties, p } = signCounts(aRows, bRows, key);
  return `better on ${wins}, worse on ${losses}, tied on ${ties} of ${wins + losses + ties} seeds, sign test p = ${p.toFixed(2)}`;
}

/** signTest's numbers: { wins, losses, ties, p }; `key` is the row field compared (lower wins). */
export function signCounts(aRows, bRows, key = 'bestLoss') {
  let wins = 0;
  let losses = 0;
  let ties = 0;
  for (const r of aRows) {
    const other = bRows.find((q) => q.seed === r.seed);
    if (!other) continue;
    if (r[key] < other[key]) wins++;
    else if (r[key] > other[key]) losses++;
    else ties++;
  }
  const n = wins + losses;
  let tail = 0;
  let c = 1; // C(n, k)
  for (let k = 0; k <= Math.min(wins, losses); k++) {
    tail += c;
    c = (c * (n - k)) / (k + 1);
  }
  const p = n === 0 ? 1 : Math.min(1, (2 * tail) / 2 ** n);
  return { wins, losses, ties, p };
}

/** "yes", "NO" or "tie": whether loss a beats loss b, for per-seed tables. */
export const verdict = (a, b) => (a < b ? 'yes' : a > b ? 'NO' : 'tie');

/**
 * A printer of "label  ratio-of-medians [median per-seed ratio]" lines for the variants `a` and `b`
 * of one task (skipped when either did not run), which also pushes a RESULT line with `prefix`.
 * With `epochs`, each line also compares the epochs trained (the rows' `epochs`) the same way,
 * "epochs 0.620 [0.615], 38% fewer", with a RESULT line `<prefix>.epochs_ratio.<a>_over_<b>`.
 * `fmt` prints a ratio (default 3 decimals; bench:cmaes's ratios span orders of magnitude).
 */
export function ratioPrinter({ stats, rows, resultLines, prefix, width, epochs = false, fmt = (x) => x.toFixed(3) }) {
  return (a, b, label) => {
    if (!stats[a] || !stats[b]) return;
    const shown = fmt(stats[a].median / stats[b].median);
    let line = `  ${pad(label, width)}${pad(shown, Math.max(8, shown.length + 1))}[${fmt(pairedRatio(rows[a], rows[b]))}]`;
    resultLines.push(`RESULT ${prefix}.ratio.${a}_over_${b} ${stats[a].median / stats[b].median}`);
    if (epochs) {
      const r = median(rows[a].map((x) => x.epochs)) / median(rows[b].map((x) => x.epochs));
      const paired = pairedRatio(rows[a], rows[b], 'epochs');
      const change = Math.round(100 * Math.abs(1 - r));
      line += `   epochs ${r.toFixed(3)} [${paired.toFixed(3)}], ${r === 1 ? 'same' : `${change}% ${r < 1 ? 'fewer' : 'more'}`}`;
      resultLines.push(`RESULT ${prefix}.epochs_ratio.${a}_over_${b} ${r}`);
    }
    console.log(line);
  };
}

/**
 * A benchmark's main part in a fresh temporary folder, removed after: `body(dir, started,
 * resultLines)` runs and reports (started: its performance.now()); then the total time, the load
 * average and the `RESULT …` lines it pushed to resultLines are printed.
 */
export async function benchMain(name, body) {
  const dir = mkdtempSync(join(tmpdir(), `rungs-${name}-`));
  const started = performance.now();
  const resultLines = [];
  try {
    await body(dir, started, resultLines);
    console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(0)}s; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log('');
    for (const l of resultLines) console.log(l);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function summarise(rows, key) {
  const xs = rows.map((r) => r[key]);
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

export function pad(s, n) {
  return String(s).padEnd(n);
}

/**
 * The rungs side of a quality benchmark: for each task and seed, every study `studiesFor(task, seed)`
 * gives ({ variant: study }), run on one warm pool over one SQLite file in `dir`, one progress line
 * per seed. `rowOf(storage, summary, seed, wallMs)` makes a variant's per-seed row (it must have
 * bestLoss, failed and wallMs); `afterSeed(task, seed)` runs after each seed (to queue the Optuna
 * reference's jobs). Returns results[task][variant] = rows.
 */
export async function runRungsSeeds({ opts, dir, started, threads, studiesFor, rowOf, afterSeed = () => {} }) {
  const results = {};
  const storage = openSqliteStorage(join(dir, 'bench.db'));
  const pool = createPool({ threads });
  try {
    for (const taskName of opts.tasks) {
      results[taskName] = {};
      for (const seed of opts.seeds) {
        const line = [];
        for (const [variant, study] of Object.entries(studiesFor(taskName, seed))) {
          const t0 = performance.now();
          const summary = await runStudy(study, { storage, pool, existing: 'overwrite' });
          const row = await rowOf(storage, summary, seed, performance.now() - t0);
          (results[taskName][variant] ??= []).push(row);
          line.push(`${variant} ${fmtLoss(row.bestLoss)} (${row.failed} failed, ${(row.wallMs / 1000).toFixed(1)}s)`);
        }
        console.log(`${elapsed(started)} ${taskName} seed ${seed}: ${line.join(' · ')}`);
        afterSeed(taskName, seed);
      }
    }
  } finally {
    await pool.close();
    await storage.close();
  }
  return results;
}
