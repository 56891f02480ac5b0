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
// ── 1. Search quality on synthetic functions (functions.mjs: FUNCTIONS; minimize) ──
// Every function is a descriptor evaluated by functions.mjs's evaluate() and by optuna_cmaes.py's evaluate(),
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
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';
import { elapsed, fmtRange, optunaAvailable, pad, ratioPrinter, runOptunaJobsParallel, signTest, summarise, verdict } from '../search-quality/bench-common.mjs';
import { DIGITS_TRIALS } from './digits.mjs';
import { FUNCTIONS, checkFormulas, fmtRatio, fmtValue, rungsStudy } from './functions.mjs';
import { syntheticBench } from './harness.mjs';
import { overheadSeconds, printOverheadTable } from './overhead.mjs';

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
const DIGITS_ORDER = ['rungs_cmaes', 'rungs_tpe', 'rungs_random', 'optuna_cmaes'];

async function runQuality(opts, dir, started) {
  const fns = opts.tasks.map((name) => FUNCTIONS[name]);
  const jobs = fns.flatMap((fn) => opts.seeds.map((seed) => ({ fn, seed, strategies: TYPES.map((t) => `optuna_${t}`) })));
  // The reference runs beside rungs' studies (its time is not measured here).
  const optuna = opts.optuna && optunaAvailable() && checkFormulas(fns, dir, OPTUNA_SCRIPT) ? runOptunaJobsParallel(OPTUNA_SCRIPT, ['quality'], dir, jobs, OPTUNA_PROCESSES) : Promise.resolve(null);
  const results = {};
  for (const fn of fns) {
    results[fn.name] = {};
    for (const type of TYPES) {
      const rows = [];
      for (const seed of opts.seeds) {
        const r = await rungsStudy(fn, { type, trials: fn.trials }, seed);
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

function reportOverhead(rows, resultLines) {
  console.log(`\n=== the cost of deciding: sphere10 (10 floats), 1 thread, in-memory storage; medians over seeds ${OVERHEAD_SEEDS.join(',')} ===`);
  const seconds = overheadSeconds(rows);
  const samplers = OVERHEAD_TYPES.flatMap((t) => [`rungs_${t}`, `optuna_${t}`]).filter((s) => rows[s]);
  printOverheadTable({ rows, samplers, sizes: OVERHEAD_SIZES, resultLines, prefix: 'cmaes.overhead' });
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

await syntheticBench({
  name: 'cmaes',
  seeds: SEEDS,
  tasks: FUNCTIONS,
  quality: { run: runQuality, report: reportQuality },
  overhead: {
    fn: FUNCTIONS.sphere10,
    strategies: Object.fromEntries(OVERHEAD_TYPES.map((type) => [`rungs_${type}`, { type }])),
    warmup: { type: 'cmaes', trials: 300 },
    sizes: OVERHEAD_SIZES,
    seeds: OVERHEAD_SEEDS,
    script: OPTUNA_SCRIPT,
    report: reportOverhead,
  },
  digits: {
    strategies: Object.fromEntries(TYPES.map((t) => [`rungs_${t}`, { type: t, trials: DIGITS_TRIALS }])),
    script: OPTUNA_SCRIPT,
    args: ['digits'],
    optunaStrategies: ['optuna_cmaes'],
    report: {
      prefix: 'cmaes.digits',
      order: DIGITS_ORDER,
      ratios: [
        ['rungs_cmaes', 'optuna_cmaes', 'rungs cmaes / optuna cmaes'],
        ['rungs_cmaes', 'rungs_tpe', 'rungs: cmaes / tpe'],
        ['rungs_cmaes', 'rungs_random', 'rungs: cmaes / random'],
        ['optuna_cmaes', 'rungs_random', 'optuna cmaes / rungs random'],
      ],
      signs: [
        ['rungs_cmaes', 'rungs_tpe'],
        ['rungs_cmaes', 'rungs_random'],
        ['rungs_cmaes', 'optuna_cmaes'],
      ],
    },
  },
});
