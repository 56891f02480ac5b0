// CMA-ES: rungs' strategy type "cmaes" next to rungs' tpe and random search, and next to Optuna
// 3.1's CmaEsSampler, TPESampler and RandomSampler, on cheap synthetic continuous functions (where
// CMA-ES is meant to shine); then what deciding costs per trial.
//
// Run:  npm run build && node bench/cmaes-quality/run.mjs
//       node bench/cmaes-quality/run.mjs --seeds 1,2 --tasks sphere10,rosenbrock5 --no-overhead   (quicker)
//       node bench/cmaes-quality/run.mjs --digits --no-quality --no-overhead   (part 3 alone)
//       flags: --seeds 1,2,3  --tasks sphere5,…  --no-optuna  --no-quality  --no-overhead  --digits
//       RUNGS_BENCH_PYTHON=/path/to/python3 …   (default /usr/bin/python3; Optuna is skipped when
//                                                 `import optuna, numpy` fails there)
//
// ── 1. Search quality on synthetic functions (FUNCTIONS below; minimize) ──
// Every function is a descriptor evaluated by evaluate() here and by optuna_cmaes.py's evaluate(),
//   the same operations in the same order (checked on each function's probe points before the run):
//   u_i = log10(p_i) for a log param, else p_i; z_i = (u_i − center_i) / scale_i; z = R·z for a
//   rotated one (R: a fixed random orthogonal matrix); then
//   sphere5, sphere10        Σ z_i², x_i float [−5, 5], optimum at a fixed random point of [−3, 3]^d
//   ellipsoid10              Σ 10^(6 i / (d − 1)) z_i², rotated (condition number 1e6), as sphere10
//   rosenbrock5, rosenbrock10  Σ 100 (z_{i+1} − z_i²)² + (1 − z_i)², x_i float [−2, 2], optimum 1…1
//   logellipsoid5 (log-scaled params)  a rotated ellipsoid (condition 100) over the log10 of five
//                            log-float params of 2 to 6 decades each (widths differ)
//   mixed5 (ints)            Σ z_i² over three floats [−5, 5] and two ints, n ∈ [1, 200] (scale 20)
//                            and k ∈ [0, 20] (scale 2), their optimum between two integers
//   Trials: 200 (d = 5 sphere, logellipsoid5, mixed5), 300 (sphere10, rosenbrock5), 400
//   (ellipsoid10, rosenbrock10). Seeds 1..10: the study seed (the function is the same for all).
// Strategies (the same trials count T for all; best = the best value of the T trials):
//   rungs_cmaes   { type: 'cmaes', trials: T } (defaults: popsize 4 + ⌊3 ln d⌋, sigma0 1/6)
//   rungs_tpe     { type: 'tpe', trials: T } (defaults)
//   rungs_random  { type: 'random', trials: T }
//     runStudy with the function as an inline objective (main thread, threads 1), in-memory SQLite.
//   optuna_cmaes  CmaEsSampler(seed=seed), n_trials T        optuna_cmaes.py, in-memory storage,
//   optuna_tpe    TPESampler(seed=seed) defaults             sequential study.optimize
//   optuna_random RandomSampler(seed=seed)
// What differs between the two CMA-ES, by design (rungs' update itself matches the cmaes library):
//   - Optuna's CmaEsSampler has n_startup_trials=1: trial 0 is a random draw, never told; CMA-ES
//     starts at trial 1, so T trials make ⌊(T − 1)/λ⌋ told generations (rungs: ⌊T/λ⌋).
//   - Optuna tells a generation as soon as λ trials of it finish, whichever; rungs' generation g
//     is trials g·λ … (g+1)·λ − 1 (the same thing in a sequential study).
//   - Optuna 3.1 runs CMA-ES on the transformed box itself (log scale, int ranges widened by half
//     a step), not on [0, 1]^d: mean at its centre, σ0 = min over params of width/6, C = I, so a
//     param whose range is wider than the narrowest starts with a smaller share of its range.
//     rungs maps every range to [0, 1] (σ0 = 1/6 of every range), as later Optuna versions do
//     (_SearchSpaceTransform(…, transform_0_1=True)). The same when all widths are equal (sphere,
//     ellipsoid, rosenbrock here); not on logellipsoid5 (widths 2 to 6 decades) nor mixed5
//     (widths 10, 200, 21). Which start suits a function better depends on its own scales:
//     logellipsoid5 measures every decade alike, so Optuna 3.1's start (isotropic in decades) fits
//     it; mixed5 measures n in units of 20, so σ0 = 10/6 along n (1/120 of its range) leaves
//     Optuna 3.1 near the middle of n for most of its 200 trials. (Checked while writing this: the
//     same rotated ellipsoid over five log params of equal widths, 4 decades each, 200 trials,
//     seeds 1..10: median best rungs 0.141, Optuna 0.158, 5 seeds each way.)
//   - A candidate outside the box is drawn again up to 10·d times in Optuna (then clipped), 100
//     times in rungs.
//   - Their random numbers differ, so seed s of one is not seed s of the other: rungs vs Optuna is
//     compared over seeds (medians; the sign test only as "how often").
// And between the two TPE: rungs' first 13 trials are random (startupTrials 10 + maxConcurrent 4 − 1)
//   and trial n learns from 0 … n − 4 (even on one thread); Optuna's first 10, then from all before.
// Printed per function: best value median [min–max] over seeds and per seed; the ratios of median
//   best values rungs/Optuna (cmaes, tpe, random) and cmaes/tpe, cmaes/random within each
//   implementation (< 1: the first is better), with the median of the per-seed ratios in brackets;
//   seed-by-seed sign tests (cmaes vs tpe and vs random on each side, rungs cmaes vs Optuna cmaes).
//   Then one table of the medians of every function.
//
// ── 2. The cost of deciding ──
// sphere10 (the function above), rungs cmaes and random (inline objective, threads 1, in-memory
//   SQLite, timed from opening the storage to runStudy's return, after an untimed warm-up study)
//   and Optuna's CmaEsSampler(seed) and RandomSampler(seed) (in-memory storage, timed from
//   create_study to the end of optimize), 300 and 1000 trials, seeds 1..5: median seconds,
//   ms per trial, optuna time / rungs time (> 1: rungs decides faster), the model's own cost
//   (cmaes − random) per trial. The best value each reached is a sanity check, not a target.
//
// ── 3. One real task (opt-in: --digits; add --no-quality --no-overhead to run it alone) ──
// bench:search's digits MLP (bench/search-quality/tasks.mjs: optimizer ∈ {adam, adamw, momentum},
//   lr log [1e-4, 1], batchSize ∈ {16 … 256}, weightDecay log [1e-6, 1e-2], hiddenUnits int log
//   [16, 128]; metric val_loss, minimize), 40 trials × 27 epochs each, seeds as above (the study
//   seed fixes the train/validation split): rungs cmaes, tpe and random (a 2-thread pool, as
//   bench:tpe), and Optuna's CmaEsSampler(seed) with bench:search's numpy trainer (through
//   bench/tpe-quality/optuna_tpe.py). CMA-ES searches lr, weightDecay and hiddenUnits (d = 3,
//   λ = 7: 5 told generations in 40 trials); optimizer and batchSize are random draws on both
//   sides. bench:tpe has Optuna's TPESampler and RandomSampler on the same task. "failed" counts
//   differ by definition (bench:tpe's header: rungs' trainer also fails a loss above 1e4 × the
//   untrained model's, the numpy trainer only a non-finite one).
//
// Last lines: `RESULT cmaes.<function>.<strategy>.best <median>`, `RESULT
//   cmaes.<function>.ratio.<a>_over_<b> <ratio of medians>` and `RESULT cmaes.overhead.<N>.<what> <value>`.
// ───────────────────────────────────────────────────────────────────────────────────────────
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';
import { defineStudy, openSqliteStorage, runStudy } from '../../dist/index.js';
import { Rng } from '../../dist/rng.js';
import { benchMain, elapsed, fmtLoss, fmtRange, optunaAvailable, pad, parseBenchArgs, ratioPrinter, runOptunaJobs, runOptunaJobsParallel, runPythonJson, runRungsSeeds, signTest, summarise, verdict } from '../search-quality/bench-common.mjs';
import { MAX_BUDGET, TASKS, exportSplit, taskStudy } from '../search-quality/tasks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const OPTUNA_SCRIPT = join(here, 'optuna_cmaes.py');

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const TYPES = ['cmaes', 'tpe', 'random'];
const ORDER = [...TYPES.map((t) => `rungs_${t}`), ...TYPES.map((t) => `optuna_${t}`)];
/** Python processes for the Optuna reference's quality studies (they run beside rungs' studies; not timed). */
const OPTUNA_PROCESSES = 2;
const OVERHEAD_SIZES = [300, 1000];
const OVERHEAD_SEEDS = [1, 2, 3, 4, 5];
const OVERHEAD_TYPES = ['cmaes', 'random'];
const DIGITS_TRIALS = 40;
const DIGITS_ORDER = ['rungs_cmaes', 'rungs_tpe', 'rungs_random', 'optuna_cmaes'];

/** Fixed draws for the functions' optima and rotations (not the study seed: the function is the same for every seed). */
const rngFor = (name) => new Rng([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));

/** A d × d random orthogonal matrix (Gram–Schmidt on Gaussian rows), as arrays. */
function rotation(d, rng) {
  const rows = [];
  for (let i = 0; i < d; i++) {
    const v = Array.from({ length: d }, () => rng.normal());
    for (const r of rows) {
      const dot = r.reduce((s, x, j) => s + x * v[j], 0);
      for (let j = 0; j < d; j++) v[j] -= dot * r[j];
    }
    const norm = Math.hypot(...v);
    rows.push(v.map((x) => x / norm));
  }
  return rows;
}

const floats = (d, low, high, prefix = 'x') => Array.from({ length: d }, (_, i) => ({ name: `${prefix}${i}`, type: 'float', low, high }));
const weights = (d, cond) => Array.from({ length: d }, (_, i) => cond ** (i / (d - 1)));

/** The functions' descriptors (header: evaluate's formula; optuna_cmaes.py reads the same JSON). */
function makeFunctions() {
  const shifted = (name, kind, d, trials, extra = {}) => {
    const rng = rngFor(name);
    return { name, kind, trials, params: floats(d, -5, 5), center: Array.from({ length: d }, () => rng.uniform(-3, 3)), scale: Array(d).fill(1), ...extra };
  };
  const fns = [
    shifted('sphere5', 'sphere', 5, 200),
    shifted('sphere10', 'sphere', 10, 300),
    shifted('ellipsoid10', 'ellipsoid', 10, 400, { weights: weights(10, 1e6), rotation: rotation(10, rngFor('ellipsoid10-rotation')) }),
    { name: 'rosenbrock5', kind: 'rosenbrock', trials: 300, params: floats(5, -2, 2), center: Array(5).fill(0), scale: Array(5).fill(1) },
    { name: 'rosenbrock10', kind: 'rosenbrock', trials: 400, params: floats(10, -2, 2), center: Array(10).fill(0), scale: Array(10).fill(1) },
    {
      name: 'logellipsoid5',
      kind: 'ellipsoid',
      trials: 200,
      params: [
        [1e-5, 1],
        [1e-3, 1e3],
        [1e-2, 1],
        [1e-6, 1e-2],
        [0.1, 1e4],
      ].map(([low, high], i) => ({ name: `p${i}`, type: 'float', low, high, log: true })),
      center: [-3.3, 1.2, -0.6, -4.9, 2.8],
      scale: Array(5).fill(1),
      weights: weights(5, 100),
      rotation: rotation(5, rngFor('logellipsoid5-rotation')),
    },
    {
      name: 'mixed5',
      kind: 'sphere',
      trials: 200,
      params: [...floats(3, -5, 5), { name: 'n', type: 'int', low: 1, high: 200 }, { name: 'k', type: 'int', low: 0, high: 20 }],
      center: [1.7, -2.4, 0.9, 143.3, 4.6],
      scale: [1, 1, 1, 20, 2],
    },
  ];
  for (const fn of fns) {
    const rng = rngFor(`${fn.name}-probe`);
    const draw = (p) => (p.type === 'int' ? p.low + rng.int(p.high - p.low + 1) : p.log ? Math.exp(rng.uniform(Math.log(p.low), Math.log(p.high))) : rng.uniform(p.low, p.high));
    fn.probe = Array.from({ length: 4 }, () => Object.fromEntries(fn.params.map((p) => [p.name, draw(p)])));
  }
  return Object.fromEntries(fns.map((fn) => [fn.name, fn]));
}

const FUNCTIONS = makeFunctions();

/** The function's value at params (optuna_cmaes.py: evaluate, operation for operation). */
function evaluate(fn, params) {
  const d = fn.params.length;
  let z = fn.params.map((p, i) => ((p.log ? Math.log10(params[p.name]) : params[p.name]) - fn.center[i]) / fn.scale[i]);
  if (fn.rotation) {
    z = fn.rotation.map((row) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += row[j] * z[j];
      return s;
    });
  }
  let total = 0;
  if (fn.kind === 'sphere') for (const v of z) total += v * v;
  else if (fn.kind === 'ellipsoid') for (let i = 0; i < d; i++) total += fn.weights[i] * z[i] * z[i];
  else if (fn.kind === 'rosenbrock') {
    for (let i = 0; i < d - 1; i++) {
      const a = z[i + 1] - z[i] * z[i];
      const b = 1 - z[i];
      total += 100 * a * a + b * b;
    }
  } else throw new Error(`unknown kind ${fn.kind}`);
  return total;
}

const spaceOf = (fn) => Object.fromEntries(fn.params.map(({ name, type, low, high, log }) => [name, { type, low, high, ...(log ? { log } : {}) }]));
const fmtValue = (x) => (Number.isFinite(x) ? (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(4) : x.toExponential(2)) : String(x));
const fmtRatio = (x) => (Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? x.toFixed(3) : x.toExponential(2));

/** One rungs study of `fn` (inline objective, one thread, in-memory SQLite), timed from opening the storage. */
async function rungsStudy(fn, type, trials, seed) {
  const study = defineStudy({ name: `${fn.name}-${type}-${trials}-s${seed}`, direction: 'minimize', seed, budget: 1, space: spaceOf(fn), strategy: { type, trials }, objective: (params) => evaluate(fn, params) });
  const t0 = performance.now();
  const storage = openSqliteStorage(':memory:');
  const summary = await runStudy(study, { storage, threads: 1 });
  await storage.close();
  const seconds = (performance.now() - t0) / 1000;
  if (summary.counts.complete !== trials) throw new Error(`${fn.name} ${type}: expected ${trials} complete trials, got ${JSON.stringify(summary.counts)}`);
  return { trials, seed, seconds, best: summary.best.value };
}

/** Optuna's evaluate() on every probe point must give this file's numbers (the formulas are written twice). */
function checkFormulas(fns, dir) {
  const file = join(dir, 'functions.json');
  writeFileSync(file, JSON.stringify(fns));
  const out = runPythonJson(OPTUNA_SCRIPT, ['probe', file]);
  if (!out) return false;
  let worst = 0;
  for (const fn of fns) fn.probe.forEach((p, i) => (worst = Math.max(worst, Math.abs(out[fn.name][i] - evaluate(fn, p)) / Math.max(1e-300, Math.abs(evaluate(fn, p))))));
  console.log(`formulas: rungs' evaluate and optuna_cmaes.py's agree on ${fns.length * 4} probe points to a relative ${worst.toExponential(1)}`);
  if (worst > 1e-12) throw new Error('the two sides compute different functions');
  return true;
}

async function runQuality(opts, dir, started) {
  const fns = opts.tasks.map((name) => FUNCTIONS[name]);
  const jobs = fns.flatMap((fn) => opts.seeds.map((seed) => ({ fn, seed, strategies: TYPES.map((t) => `optuna_${t}`) })));
  // The reference runs beside rungs' studies (its time is not measured here).
  const optuna = opts.optuna && optunaAvailable() && checkFormulas(fns, dir) ? runOptunaJobsParallel(OPTUNA_SCRIPT, ['quality'], dir, jobs, OPTUNA_PROCESSES) : Promise.resolve(null);
  const results = {};
  for (const fn of fns) {
    results[fn.name] = {};
    for (const type of TYPES) {
      const rows = [];
      for (const seed of opts.seeds) {
        const r = await rungsStudy(fn, type, fn.trials, seed);
        rows.push({ seed, bestLoss: r.best, wallMs: 1000 * r.seconds });
      }
      results[fn.name][`rungs_${type}`] = rows;
    }
    console.log(`${elapsed(started)} ${fn.name}: rungs ${TYPES.map((t) => `${t} ${fmtValue(median(results[fn.name][`rungs_${t}`].map((r) => r.bestLoss)))}`).join(' · ')} (medians)`);
  }
  const rows = await optuna;
  for (const row of rows ?? []) (results[row.fn][row.strategy] ??= []).push(row);
  if (rows) console.log(`${elapsed(started)} Optuna reference done`);
  return results;
}

function reportQuality(results, opts, resultLines) {
  const medians = {};
  for (const name of opts.tasks) {
    const fn = FUNCTIONS[name];
    const rows = results[name];
    const d = fn.params.length;
    console.log(`\n=== ${name}: ${fn.kind}, d = ${d} (λ = ${4 + Math.floor(3 * Math.log(d))}), ${fn.trials} trials; best value over seeds ${opts.seeds.join(',')} ===`);
    console.log(`${pad('strategy', 15)}${pad('best median [min–max]', 32)}per-seed best`);
    const stats = {};
    for (const s of ORDER.filter((s) => rows[s])) {
      rows[s].sort((a, b) => a.seed - b.seed);
      stats[s] = summarise(rows[s], 'bestLoss');
      console.log(`${pad(s, 15)}${pad(fmtRange(stats[s], fmtValue), 32)}${rows[s].map((r) => fmtValue(r.bestLoss)).join(' ')}`);
      resultLines.push(`RESULT cmaes.${name}.${s}.best ${stats[s].median}`);
    }
    medians[name] = Object.fromEntries(Object.entries(stats).map(([s, st]) => [s, st.median]));

    console.log(`\nratios of median best value (< 1: the first is better) [median of the per-seed ratios]:`);
    const ratio = ratioPrinter({ stats, rows, resultLines, prefix: `cmaes.${name}`, width: 32, fmt: fmtRatio });
    for (const t of TYPES) ratio(`rungs_${t}`, `optuna_${t}`, `rungs ${t} / optuna ${t}`);
    for (const side of ['rungs', 'optuna']) {
      ratio(`${side}_cmaes`, `${side}_tpe`, `${side}: cmaes / tpe`);
      ratio(`${side}_cmaes`, `${side}_random`, `${side}: cmaes / random`);
    }
    console.log(`seed by seed (lower best value is better):`);
    for (const side of ['rungs', 'optuna']) {
      for (const other of ['tpe', 'random']) {
        const [a, b] = [rows[`${side}_cmaes`], rows[`${side}_${other}`]];
        if (a && b) console.log(`  ${pad(`${side} cmaes vs ${side} ${other}`, 32)}${signTest(a, b)}`);
      }
    }
    if (rows.optuna_cmaes) console.log(`  ${pad('rungs cmaes vs optuna cmaes', 32)}${signTest(rows.rungs_cmaes, rows.optuna_cmaes)}`);
  }
  const cols = ORDER.filter((s) => opts.tasks.some((n) => medians[n][s] !== undefined));
  console.log(`\n=== median best value, every function (seeds ${opts.seeds.join(',')}) ===`);
  console.log(`${pad('function', 15)}${pad('trials', 8)}${cols.map((s) => pad(s, 14)).join('')}${cols.includes('optuna_cmaes') ? 'rungs/optuna cmaes' : ''}`);
  for (const name of opts.tasks) {
    const m = medians[name];
    const vs = m.optuna_cmaes !== undefined ? fmtRatio(m.rungs_cmaes / m.optuna_cmaes) : '';
    console.log(`${pad(name, 15)}${pad(FUNCTIONS[name].trials, 8)}${cols.map((s) => pad(fmtValue(m[s]), 14)).join('')}${vs}`);
  }
  console.log(`per function, which CMA-ES is better seed by seed (rungs cmaes vs optuna cmaes):`);
  for (const name of opts.tasks) if (results[name].optuna_cmaes) console.log(`  ${pad(name, 15)}${verdict(medians[name].rungs_cmaes, medians[name].optuna_cmaes) === 'yes' ? 'rungs lower median; ' : 'optuna lower or equal median; '}${signTest(results[name].rungs_cmaes, results[name].optuna_cmaes)}`);
}

async function runOverhead(opts, dir, started) {
  const fn = FUNCTIONS.sphere10;
  await rungsStudy(fn, 'cmaes', 300, 0); // JIT warm-up, untimed
  const rows = {};
  for (const type of OVERHEAD_TYPES) {
    rows[`rungs_${type}`] = [];
    for (const trials of OVERHEAD_SIZES) for (const seed of OVERHEAD_SEEDS) rows[`rungs_${type}`].push(await rungsStudy(fn, type, trials, seed));
  }
  console.log(`${elapsed(started)} rungs overhead studies done`);
  if (opts.optuna && optunaAvailable()) {
    const file = join(dir, 'functions.json');
    writeFileSync(file, JSON.stringify([fn]));
    const out = runPythonJson(OPTUNA_SCRIPT, ['overhead', file, OVERHEAD_SIZES.join(','), OVERHEAD_SEEDS.join(',')]);
    if (out) {
      Object.assign(rows, out);
      console.log(`${elapsed(started)} Optuna overhead studies done`);
    }
  }
  return rows;
}

function reportOverhead(rows, resultLines) {
  console.log(`\n=== the cost of deciding: sphere10 (10 floats), 1 thread, in-memory storage; medians over seeds ${OVERHEAD_SEEDS.join(',')} ===`);
  console.log(`${pad('trials', 8)}${pad('sampler', 15)}${pad('seconds median [min–max]', 28)}${pad('ms/trial', 10)}best value median [min–max]`);
  const at = (s, n) => rows[s].filter((r) => r.trials === n);
  const seconds = (s, n) => median(at(s, n).map((r) => r.seconds));
  const samplers = OVERHEAD_TYPES.flatMap((t) => [`rungs_${t}`, `optuna_${t}`]).filter((s) => rows[s]);
  for (const n of OVERHEAD_SIZES) {
    for (const s of samplers) {
      const t = summarise(at(s, n), 'seconds');
      const best = summarise(at(s, n), 'best');
      console.log(`${pad(n, 8)}${pad(s, 15)}${pad(fmtRange(t, (x) => x.toFixed(3)), 28)}${pad(((1000 * t.median) / n).toFixed(3), 10)}${fmtRange(best, fmtValue)}`);
      resultLines.push(`RESULT cmaes.overhead.${n}.${s}.ms_per_trial ${(1000 * t.median) / n}`, `RESULT cmaes.overhead.${n}.${s}.best_value ${best.median}`);
    }
  }
  console.log('');
  for (const n of OVERHEAD_SIZES) {
    if (rows.optuna_cmaes) {
      const r = seconds('optuna_cmaes', n) / seconds('rungs_cmaes', n);
      console.log(`${n} trials: optuna cmaes time / rungs cmaes time = ${r.toFixed(2)}   (random search: optuna / rungs = ${(seconds('optuna_random', n) / seconds('rungs_random', n)).toFixed(2)})`);
      resultLines.push(`RESULT cmaes.overhead.${n}.optuna_over_rungs ${r}`);
    }
    const own = ['rungs', 'optuna'].filter((impl) => rows[`${impl}_cmaes`] && rows[`${impl}_random`]);
    const ms = (impl) => (1000 * (seconds(`${impl}_cmaes`, n) - seconds(`${impl}_random`, n))) / n;
    console.log(`${n} trials: the model's own cost (cmaes − random), ms per trial: ${own.map((impl) => `${impl} ${ms(impl).toFixed(3)}`).join(', ')}`);
    for (const impl of own) resultLines.push(`RESULT cmaes.overhead.${n}.${impl}_model_ms_per_trial ${ms(impl)}`);
  }
  const [a, b] = [OVERHEAD_SIZES[0], OVERHEAD_SIZES.at(-1)];
  const growth = ['rungs_cmaes', 'optuna_cmaes'].filter((s) => rows[s]).map((s) => `${s} ${(seconds(s, b) / seconds(s, a)).toFixed(2)}`);
  console.log(`growth, time of ${b} trials / time of ${a} (${(b / a).toFixed(2)} if linear in N): ${growth.join(', ')}`);
}

async function runDigits(opts, dir, started) {
  const optunaJobs = [];
  const results = await runRungsSeeds({
    opts: { ...opts, tasks: ['digits'] },
    dir,
    started,
    threads: 2,
    studiesFor: (task, seed) => Object.fromEntries(TYPES.map((t) => [`rungs_${t}`, taskStudy(task, `${task}-rungs_${t}-s${seed}`, seed, { type: t, trials: DIGITS_TRIALS })])),
    rowOf: (_storage, summary, seed, wallMs) => ({ seed, bestLoss: summary.best?.value ?? Number.NaN, failed: summary.counts.failed, wallMs }),
    afterSeed: (task, seed) => {
      if (opts.optuna) optunaJobs.push({ task, seed, data: exportSplit(dir, task, seed), space: TASKS[task].space, maxBudget: MAX_BUDGET, trials: DIGITS_TRIALS, strategies: ['optuna_cmaes'] });
    },
  });
  const rows = opts.optuna ? runOptunaJobs(OPTUNA_SCRIPT, ['digits'], dir, optunaJobs) : null;
  for (const row of rows ?? []) (results.digits[row.strategy] ??= []).push(row);
  if (rows) console.log(`${elapsed(started)} Optuna digits done`);
  return results.digits;
}

function reportDigits(rows, opts, resultLines) {
  console.log(`\n=== digits MLP: best val_loss over seeds ${opts.seeds.join(',')}, ${DIGITS_TRIALS} trials × ${MAX_BUDGET} epochs each ===`);
  console.log(`${pad('strategy', 15)}${pad('best loss median [min–max]', 30)}${pad('failed', 8)}${pad('wall s', 8)}per-seed best loss`);
  const stats = {};
  for (const s of DIGITS_ORDER.filter((s) => rows[s])) {
    stats[s] = summarise(rows[s], 'bestLoss');
    const failed = rows[s].reduce((a, r) => a + r.failed, 0);
    console.log(`${pad(s, 15)}${pad(fmtRange(stats[s]), 30)}${pad(failed, 8)}${pad((median(rows[s].map((r) => r.wallMs)) / 1000).toFixed(1), 8)}${rows[s].map((r) => fmtLoss(r.bestLoss)).join(' ')}`);
    resultLines.push(`RESULT cmaes.digits.${s}.best ${stats[s].median}`);
  }
  console.log(`\nratios of median best loss (< 1: the first is better) [median of the per-seed ratios]:`);
  const ratio = ratioPrinter({ stats, rows, resultLines, prefix: 'cmaes.digits', width: 32 });
  ratio('rungs_cmaes', 'optuna_cmaes', 'rungs cmaes / optuna cmaes');
  ratio('rungs_cmaes', 'rungs_tpe', 'rungs: cmaes / tpe');
  ratio('rungs_cmaes', 'rungs_random', 'rungs: cmaes / random');
  ratio('optuna_cmaes', 'rungs_random', 'optuna cmaes / rungs random');
  console.log(`seed by seed (lower best loss is better):`);
  for (const [a, b] of [['rungs_cmaes', 'rungs_tpe'], ['rungs_cmaes', 'rungs_random'], ['rungs_cmaes', 'optuna_cmaes']]) {
    if (rows[a] && rows[b]) console.log(`  ${pad(`${a} vs ${b}`, 32)}${signTest(rows[a], rows[b])}`);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const digits = argv.includes('--digits');
  const opts = parseBenchArgs(argv.filter((a) => a !== '--digits'), { seeds: SEEDS, tasks: FUNCTIONS, flags: { '--no-quality': 'quality', '--no-overhead': 'overhead' } });
  await benchMain('cmaes', async (dir, started, resultLines) => {
    const quality = opts.quality ? await runQuality(opts, dir, started) : null;
    const overhead = opts.overhead ? await runOverhead(opts, dir, started) : null;
    const real = digits ? await runDigits(opts, dir, started) : null;
    if (quality) reportQuality(quality, opts, resultLines);
    if (overhead) reportOverhead(overhead, resultLines);
    if (real) reportDigits(real, opts, resultLines);
  });
}

await main();
