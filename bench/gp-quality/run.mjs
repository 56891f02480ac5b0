// GP: rungs' strategy type "gp" (Bayesian optimisation with a Gaussian process, as Optuna 4's
// GPSampler) next to rungs' tpe, cmaes and random search, and next to Optuna 3.1's TPESampler
// (univariate and multivariate), CmaEsSampler and RandomSampler, on cheap synthetic functions at
// small budgets (tens of trials: where a GP is meant to shine); then what deciding costs per trial;
// then (--digits) one real task. Optuna 3.1 has no GPSampler (it came in 3.6), so there is no
// GP-against-GP row: Optuna's samplers here are the references a GP has to beat.
//
// Run:  npm run bench:gp          (= npm run build && node bench/gp-quality/run.mjs)
//       node bench/gp-quality/run.mjs --seeds 1,2 --tasks sphere5,catsphere5 --no-overhead   (quicker)
//       node bench/gp-quality/run.mjs --digits --no-quality --no-overhead   (part 3 alone)
//       flags: --seeds 1,2,3  --tasks sphere5,…  --no-optuna  --no-quality  --no-overhead  --digits
//       RUNGS_BENCH_PYTHON=/path/to/python3 …   (default /usr/bin/python3; Optuna is skipped when
//                                                 `import optuna, numpy` fails there)
//
// ── 1. Search quality on synthetic functions at small budgets (minimize) ──
// The functions are bench:cmaes's (bench/cmaes-quality/functions.mjs, evaluated by the same
//   evaluate() on both sides, checked on probe points before the run), in d = 5:
//   sphere5         Σ z_i², x_i float [−5, 5], optimum at a fixed random point of [−3, 3]^5
//   rosenbrock5     Σ 100 (z_{i+1} − z_i²)² + (1 − z_i)², x_i float [−2, 2], optimum 1…1
//   logellipsoid5   a rotated ellipsoid (condition 100) over the log10 of five log-float params of
//                   2 to 6 decades each
//   mixed5          Σ z_i² over three floats [−5, 5] and two ints, n ∈ [1, 200] (scale 20) and
//                   k ∈ [0, 20] (scale 2), their optimum between two integers
//   and one with a categorical param, defined here:
//   catsphere5      Σ z_i² over four floats [−5, 5] (optimum at a fixed random point of [−3, 3]^4)
//                   plus an offset by the choice of kind ∈ {a, b, c, d, e}: 2, 0.5, 0, 1, 3
// Budgets T = 30, 60 and 100 trials, seeds 1..10 (the study seed; the function is the same for all).
//   Each strategy runs one study of 100 trials per seed, and "best after T" is the best of its first
//   T trials: none of these strategies reads the trials count when it draws (trial n's params depend
//   on n and trials 0 … n − 1 only), so that is the best a T-trial study finds. Checked on every run
//   for every strategy and function on the first seed: a 30-trial study's values equal the first 30
//   of the 100-trial one ("prefix check" lines; a mismatch stops rungs' side, warns on Optuna's).
// Strategies (rungs: runStudy with the function as an inline objective, one thread, in-memory SQLite):
//   rungs_gp        { type: 'gp' } defaults: startupTrials 10, maxConcurrent 4 (trial n learns from
//                   trials 0 … n − 4, the three between believed at the posterior mean, on any number
//                   of threads), so its first 13 trials are random; deterministicObjective false
//   rungs_gp_seq    { type: 'gp', maxConcurrent: 1 }: trial n learns from all trials before it, as
//                   Optuna's GPSampler in a sequential study; first 10 trials random
//   rungs_tpe       { type: 'tpe' } defaults (first 13 trials random, maxConcurrent 4)
//   rungs_cmaes     { type: 'cmaes' } defaults (popsize 4 + ⌊3 ln d⌋ = 8; categoricals drawn at random)
//   rungs_random    { type: 'random' }; rungs' gp and tpe draw their random trials exactly as random
//                   search draws them, so gp vs random per seed is paired over those first trials
//   optuna_tpe      TPESampler(seed=seed) defaults (10 startup trials, univariate)
//   optuna_tpe_mv   TPESampler(seed=seed, multivariate=True)
//   optuna_cmaes    CmaEsSampler(seed=seed) (categoricals from its independent RandomSampler)
//   optuna_random   RandomSampler(seed=seed)
//     Optuna's: bench/gp-quality/optuna_gp.py (bench:cmaes's optuna_cmaes.py, imported), a
//     sequential study.optimize, in-memory storage, two Python processes beside rungs' studies.
//   Random numbers differ between rungs and Optuna, so seed s of one is not seed s of the other:
//   rungs vs Optuna is compared over seeds (medians; the sign test only as "how often").
// Printed per function: best value median [min–max] over seeds at each T, per-seed best at T = 100;
//   then, for pairs of strategies, at each T: the ratio of median best values (< 1: the first is
//   better), [the median of the per-seed ratios], and seed by seed "better–worse(=tied)" with the
//   exact two-sided sign-test p. Last, two tables over every function and T: the medians, and the
//   GP's ratios with its better–worse counts.
//
// ── 2. The cost of deciding ──
// sphere5 (the function above), rungs gp with maxConcurrent 1 (the GP refits on every trial before
//   each new one), rungs tpe (defaults) and rungs random (inline objective, one thread, in-memory
//   SQLite, timed from opening the storage to runStudy's return, after an untimed 50-trial gp study)
//   beside Optuna's TPESampler(seed) and RandomSampler(seed) (in-memory storage, timed from
//   create_study to the end of optimize), 50, 100 and 200 trials, seeds 1..3: median seconds, ms per
//   trial, the ms per trial of the trials added since the previous size (what a trial costs at that
//   size), the ratio gp time / Optuna TPE time (> 1: rungs' GP takes longer), and the model's own cost
//   per trial (gp − random, tpe − random). The best value each reached is a sanity check.
//
// ── 3. One real task (opt-in: --digits; add --no-quality --no-overhead to run it alone) ──
// bench:search's digits MLP as in bench:cmaes --digits (bench/cmaes-quality/digits.mjs; optimizer ∈
//   {adam, adamw, momentum}, lr log [1e-4, 1], batchSize ∈ {16 … 256}, weightDecay log [1e-6, 1e-2],
//   hiddenUnits int log [16, 128]; metric val_loss, minimize), 40 trials × 27 epochs each, seeds as
//   above (the study seed fixes the train/validation split): rungs gp (defaults), gp with
//   maxConcurrent 1, tpe, cmaes and random on a 2-thread pool, and Optuna's TPESampler(seed) with
//   bench:search's numpy trainer (bench/tpe-quality/optuna_tpe.py). The GP searches all five params
//   (the two categoricals by Hamming distance); CMA-ES searches lr, weightDecay and hiddenUnits.
//   "failed" counts differ by definition (bench:tpe's header).
//
// Last lines: `RESULT gp.<function>.<T>.<strategy>.best <median>`, `RESULT
//   gp.<function>.<T>.ratio.<a>_over_<b> <ratio of medians>`, `RESULT gp.overhead.<N>.<what> <value>`
//   and `RESULT gp.digits.…`.
// ───────────────────────────────────────────────────────────────────────────────────────────
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';
import { DIGITS_TRIALS } from '../cmaes-quality/digits.mjs';
import { FUNCTIONS, checkFormulas, floats, fmtRatio, fmtValue, rungsStudy, shifted, withProbes } from '../cmaes-quality/functions.mjs';
import { syntheticBench } from '../cmaes-quality/harness.mjs';
import { overheadSeconds, printOverheadTable } from '../cmaes-quality/overhead.mjs';
import { elapsed, fmtRange, optunaAvailable, pad, pairedRatio, runOptunaJobsParallel, signCounts, summarise } from '../search-quality/bench-common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const OPTUNA_SCRIPT = join(here, 'optuna_gp.py');
const TPE_SCRIPT = join(here, '..', 'tpe-quality', 'optuna_tpe.py');

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const BUDGETS = [30, 60, 100];
const MAX_TRIALS = BUDGETS.at(-1);
/** Python processes for the Optuna reference's quality studies (they run beside rungs' studies; not timed). */
const OPTUNA_PROCESSES = 2;

const RUNGS = {
  rungs_gp: { type: 'gp' },
  rungs_gp_seq: { type: 'gp', maxConcurrent: 1 },
  rungs_tpe: { type: 'tpe' },
  rungs_cmaes: { type: 'cmaes' },
  rungs_random: { type: 'random' },
};
const OPTUNA = ['optuna_tpe', 'optuna_tpe_mv', 'optuna_cmaes', 'optuna_random'];
const ORDER = [...Object.keys(RUNGS), ...OPTUNA];
/** The pairs compared at each T: ratio of medians, per-seed ratio, sign test. */
const PAIRS = [
  ['rungs_gp', 'rungs_tpe'],
  ['rungs_gp', 'rungs_cmaes'],
  ['rungs_gp', 'rungs_random'],
  ['rungs_gp_seq', 'rungs_gp'],
  ['rungs_gp_seq', 'rungs_random'],
  ['rungs_gp_seq', 'optuna_tpe'],
  ['rungs_gp_seq', 'optuna_tpe_mv'],
  ['rungs_gp_seq', 'optuna_cmaes'],
  ['rungs_tpe', 'optuna_tpe'],
  ['optuna_tpe', 'optuna_random'],
];
/** The last table's columns: the GP against the others. */
const SUMMARY_PAIRS = [
  ['rungs_gp', 'rungs_tpe'],
  ['rungs_gp', 'rungs_cmaes'],
  ['rungs_gp', 'rungs_random'],
  ['rungs_gp_seq', 'rungs_gp'],
  ['rungs_gp_seq', 'optuna_tpe'],
  ['rungs_gp_seq', 'optuna_tpe_mv'],
];

const OVERHEAD_FUNCTION = 'sphere5';
const OVERHEAD_SIZES = [50, 100, 200];
const OVERHEAD_SEEDS = [1, 2, 3];
const OVERHEAD_RUNGS = { rungs_gp_seq: RUNGS.rungs_gp_seq, rungs_tpe: RUNGS.rungs_tpe, rungs_random: RUNGS.rungs_random };
const OVERHEAD_ORDER = ['rungs_gp_seq', 'rungs_tpe', 'optuna_tpe', 'rungs_random', 'optuna_random'];

const DIGITS_STRATEGIES = Object.fromEntries(Object.entries(RUNGS).map(([s, strategy]) => [s, { ...strategy, trials: DIGITS_TRIALS }]));
const DIGITS_ORDER = [...Object.keys(RUNGS), 'optuna_tpe'];

/** The functions (header), each with trials = the largest budget. */
function makeFunctions() {
  const cat = shifted('catsphere5', 'sphere', 4, MAX_TRIALS);
  cat.params = [...floats(4, -5, 5), { name: 'kind', type: 'categorical', choices: ['a', 'b', 'c', 'd', 'e'], offsets: [2, 0.5, 0, 1, 3] }];
  const fns = [...['sphere5', 'rosenbrock5', 'logellipsoid5', 'mixed5'].map((name) => ({ ...FUNCTIONS[name], trials: MAX_TRIALS })), withProbes([cat]).catsphere5];
  return Object.fromEntries(fns.map((fn) => [fn.name, fn]));
}

const GP_FUNCTIONS = makeFunctions();

/** "5 floats", "3 floats, 2 ints", "4 floats, 1 categorical (5 choices)". */
function describe(fn) {
  const n = (type) => fn.params.filter((p) => p.type === type);
  const parts = [];
  const fl = n('float');
  if (fl.length) parts.push(`${fl.length} ${fl.every((p) => p.log) ? 'log-' : ''}floats`);
  if (n('int').length) parts.push(`${n('int').length} ints`);
  for (const p of n('categorical')) parts.push(`1 categorical (${p.choices.length} choices)`);
  return `${fn.kind}, d = ${fn.params.length} (${parts.join(', ')})`;
}

const sameValues = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

async function runQuality(opts, dir, started) {
  const fns = opts.tasks.map((name) => GP_FUNCTIONS[name]);
  const firstSeed = opts.seeds[0];
  const short = BUDGETS[0];
  const optunaOk = opts.optuna && optunaAvailable() && checkFormulas(fns, dir, OPTUNA_SCRIPT);
  // Every (function, seed) at the largest budget, and the prefix check's short studies on the first seed.
  const jobs = [
    ...fns.flatMap((fn) => opts.seeds.map((seed) => ({ fn, seed, strategies: OPTUNA }))),
    ...fns.map((fn) => ({ fn: { ...fn, trials: short }, seed: firstSeed, strategies: OPTUNA })),
  ];
  // The reference runs beside rungs' studies (its time is not measured here).
  const optuna = optunaOk ? runOptunaJobsParallel(OPTUNA_SCRIPT, ['quality'], dir, jobs, OPTUNA_PROCESSES) : Promise.resolve(null);
  const results = {};
  for (const fn of fns) {
    results[fn.name] = {};
    for (const [s, strategy] of Object.entries(RUNGS)) {
      const rows = [];
      for (const seed of opts.seeds) {
        const r = await rungsStudy(fn, { ...strategy, trials: MAX_TRIALS }, seed, { values: true });
        rows.push({ seed, values: r.values, wallMs: 1000 * r.seconds });
      }
      results[fn.name][s] = rows;
      // The prefix check (header): a study of `short` trials draws what the first `short` of the long one drew.
      const check = await rungsStudy(fn, { ...strategy, trials: short }, firstSeed, { values: true });
      if (!sameValues(check.values, rows[0].values.slice(0, short))) throw new Error(`prefix check: ${fn.name} ${s} seed ${firstSeed}: a ${short}-trial study's values differ from the first ${short} of a ${MAX_TRIALS}-trial study`);
    }
    const at = (s) => fmtValue(median(results[fn.name][s].map((r) => Math.min(...r.values))));
    const wall = (s) => (median(results[fn.name][s].map((r) => r.wallMs)) / 1000).toFixed(1);
    console.log(`${elapsed(started)} ${fn.name}: rungs ${Object.keys(RUNGS).map((s) => `${s.slice(6)} ${at(s)}`).join(' · ')} (medians at ${MAX_TRIALS} trials); a study takes gp ${wall('rungs_gp')}s, gp_seq ${wall('rungs_gp_seq')}s`);
  }
  console.log(`prefix check: rungs' ${Object.keys(RUNGS).length} strategies × ${fns.length} functions, seed ${firstSeed}: ${short}-trial studies equal the first ${short} trials of ${MAX_TRIALS}-trial studies`);
  const rows = await optuna;
  if (rows) {
    const mismatched = [];
    for (const row of rows.filter((r) => r.trials === short)) {
      const long = rows.find((r) => r.trials === MAX_TRIALS && r.fn === row.fn && r.strategy === row.strategy && r.seed === row.seed);
      if (!sameValues(row.values, long.values.slice(0, short))) mismatched.push(`${row.fn} ${row.strategy}`);
    }
    for (const row of rows.filter((r) => r.trials === MAX_TRIALS)) (results[row.fn][row.strategy] ??= []).push(row);
    console.log(`${elapsed(started)} Optuna reference done`);
    if (mismatched.length === 0) console.log(`prefix check: Optuna's ${OPTUNA.length} samplers × ${fns.length} functions, seed ${firstSeed}: likewise`);
    else console.log(`prefix check: WARNING: Optuna's ${short}-trial studies differ from the first ${short} trials of the long ones for ${mismatched.join(', ')}; their rows at T < ${MAX_TRIALS} are prefixes, not T-trial studies`);
  }
  return results;
}

/** rows[strategy] = per-seed { seed, bestLoss }: the best of the first T trials. */
function rowsAt(fnResults, T) {
  return Object.fromEntries(
    Object.entries(fnResults).map(([s, rows]) => [
      s,
      rows
        .map((r) => ({ seed: r.seed, bestLoss: Math.min(...r.values.slice(0, T)) }))
        .sort((a, b) => a.seed - b.seed),
    ]),
  );
}

/** "0.123 [0.140] 8–2 p 0.11": ratio of medians, [median per-seed ratio], better–worse(=tied), sign test. */
function pairCell(rows, a, b) {
  const { wins, losses, ties, p } = signCounts(rows[a], rows[b]);
  const r = median(rows[a].map((x) => x.bestLoss)) / median(rows[b].map((x) => x.bestLoss));
  return { ratio: r, text: `${fmtRatio(r)} [${fmtRatio(pairedRatio(rows[a], rows[b]))}] ${wins}–${losses}${ties ? `=${ties}` : ''} p ${p.toFixed(2)}`, wins, losses };
}

const label = (s) => s.replace(/^(rungs|optuna)_/, '$1 ');

function reportQuality(results, opts, resultLines) {
  const at = {}; // at[fn][T] = rowsAt
  for (const name of opts.tasks) {
    const fn = GP_FUNCTIONS[name];
    at[name] = Object.fromEntries(BUDGETS.map((T) => [T, rowsAt(results[name], T)]));
    const ran = ORDER.filter((s) => results[name][s]);
    console.log(`\n=== ${name}: ${describe(fn)}; best value after T trials, median [min–max] over seeds ${opts.seeds.join(',')} ===`);
    console.log(`${pad('strategy', 15)}${BUDGETS.map((T) => pad(`T = ${T}`, 30)).join('')}`);
    for (const s of ran) {
      const cells = BUDGETS.map((T) => {
        const st = summarise(at[name][T][s], 'bestLoss');
        resultLines.push(`RESULT gp.${name}.${T}.${s}.best ${st.median}`);
        return pad(fmtRange(st, fmtValue), 30);
      });
      console.log(`${pad(s, 15)}${cells.join('')}`);
    }
    console.log(`per-seed best at T = ${MAX_TRIALS}:`);
    for (const s of ran) console.log(`  ${pad(s, 15)}${at[name][MAX_TRIALS][s].map((r) => fmtValue(r.bestLoss)).join(' ')}`);
    console.log(`ratio of median best values (< 1: the first is better) [median of the per-seed ratios], seeds better–worse(=tied) with the sign test p:`);
    console.log(`  ${pad('', 30)}${BUDGETS.map((T) => pad(`T = ${T}`, 32)).join('')}`);
    for (const [a, b] of PAIRS) {
      if (!results[name][a] || !results[name][b]) continue;
      const cells = BUDGETS.map((T) => {
        const c = pairCell(at[name][T], a, b);
        resultLines.push(`RESULT gp.${name}.${T}.ratio.${a}_over_${b} ${c.ratio}`);
        return pad(c.text, 32);
      });
      console.log(`  ${pad(`${label(a)} / ${label(b)}`, 30)}${cells.join('')}`);
    }
  }

  const cols = ORDER.filter((s) => opts.tasks.some((n) => results[n][s]));
  console.log(`\n=== median best value, every function and budget T (seeds ${opts.seeds.join(',')}) ===`);
  console.log(`${pad('function', 15)}${pad('T', 5)}${cols.map((s) => pad(s, 14)).join('')}`);
  for (const name of opts.tasks) {
    for (const T of BUDGETS) {
      console.log(`${pad(name, 15)}${pad(T, 5)}${cols.map((s) => pad(at[name][T][s] ? fmtValue(median(at[name][T][s].map((r) => r.bestLoss))) : '', 14)).join('')}`);
    }
  }
  const pairs = SUMMARY_PAIRS.filter(([a, b]) => cols.includes(a) && cols.includes(b));
  console.log(`\n=== the GP against the others: ratio of median best values (< 1: the GP is better), seeds better–worse ===`);
  console.log(`${pad('function', 15)}${pad('T', 5)}${pairs.map(([a, b]) => pad(`${a.slice(6)}/${label(b)}`, 22)).join('')}`);
  for (const name of opts.tasks) {
    for (const T of BUDGETS) {
      const cells = pairs.map(([a, b]) => {
        const c = pairCell(at[name][T], a, b);
        return pad(`${fmtRatio(c.ratio)} ${c.wins}–${c.losses}`, 22);
      });
      console.log(`${pad(name, 15)}${pad(T, 5)}${cells.join('')}`);
    }
  }
}

function reportOverhead(rows, resultLines) {
  console.log(`\n=== the cost of deciding: ${OVERHEAD_FUNCTION}: ${describe(GP_FUNCTIONS[OVERHEAD_FUNCTION])}; 1 thread, in-memory storage; medians over seeds ${OVERHEAD_SEEDS.join(',')} ===`);
  printOverheadTable({ rows, samplers: OVERHEAD_ORDER.filter((s) => rows[s]), sizes: OVERHEAD_SIZES, resultLines, prefix: 'gp.overhead', added: true });
  const seconds = overheadSeconds(rows);
  console.log('');
  for (const n of OVERHEAD_SIZES) {
    if (rows.optuna_tpe) {
      const r = seconds('rungs_gp_seq', n) / seconds('optuna_tpe', n);
      console.log(`${n} trials: rungs gp time / optuna tpe time = ${r.toFixed(2)}   (rungs tpe / optuna tpe = ${(seconds('rungs_tpe', n) / seconds('optuna_tpe', n)).toFixed(2)})`);
      resultLines.push(`RESULT gp.overhead.${n}.rungs_gp_seq_over_optuna_tpe ${r}`);
    }
    const own = [
      ['rungs_gp_seq', 'rungs_random'],
      ['rungs_tpe', 'rungs_random'],
      ['optuna_tpe', 'optuna_random'],
    ].filter(([m, base]) => rows[m] && rows[base]);
    const ms = (m, base) => (1000 * (seconds(m, n) - seconds(base, n))) / n;
    console.log(`${n} trials: the model's own cost (model − random of the same framework), ms per trial: ${own.map(([m, base]) => `${label(m)} ${ms(m, base).toFixed(3)}`).join(', ')}`);
    for (const [m, base] of own) resultLines.push(`RESULT gp.overhead.${n}.${m}_model_ms_per_trial ${ms(m, base)}`);
  }
  const growth = ['rungs_gp_seq', 'optuna_tpe'].filter((s) => rows[s]);
  for (let k = 1; k < OVERHEAD_SIZES.length; k++) {
    const [a, b] = [OVERHEAD_SIZES[k - 1], OVERHEAD_SIZES[k]];
    console.log(`growth, time of ${b} trials / time of ${a} (${(b / a).toFixed(2)} if linear in N): ${growth.map((s) => `${s} ${(seconds(s, b) / seconds(s, a)).toFixed(2)}`).join(', ')}`);
  }
}

await syntheticBench({
  name: 'gp',
  seeds: SEEDS,
  tasks: GP_FUNCTIONS,
  quality: { run: runQuality, report: reportQuality },
  overhead: {
    fn: GP_FUNCTIONS[OVERHEAD_FUNCTION],
    strategies: OVERHEAD_RUNGS,
    warmup: { ...RUNGS.rungs_gp_seq, trials: OVERHEAD_SIZES[0] },
    sizes: OVERHEAD_SIZES,
    seeds: OVERHEAD_SEEDS,
    script: OPTUNA_SCRIPT,
    report: reportOverhead,
  },
  digits: {
    strategies: DIGITS_STRATEGIES,
    script: TPE_SCRIPT,
    args: ['quality'],
    optunaStrategies: ['optuna_tpe'],
    report: {
      prefix: 'gp.digits',
      order: DIGITS_ORDER,
      ratios: [
        ['rungs_gp', 'rungs_tpe', 'rungs: gp / tpe'],
        ['rungs_gp', 'rungs_cmaes', 'rungs: gp / cmaes'],
        ['rungs_gp', 'rungs_random', 'rungs: gp / random'],
        ['rungs_gp_seq', 'rungs_gp', 'rungs: gp_seq / gp'],
        ['rungs_gp_seq', 'optuna_tpe', 'rungs gp_seq / optuna tpe'],
        ['rungs_tpe', 'optuna_tpe', 'rungs tpe / optuna tpe'],
      ],
      signs: [
        ['rungs_gp', 'rungs_tpe'],
        ['rungs_gp', 'rungs_cmaes'],
        ['rungs_gp', 'rungs_random'],
        ['rungs_gp_seq', 'rungs_gp'],
        ['rungs_gp_seq', 'optuna_tpe'],
      ],
    },
  },
});
