// Multi-objective search: rungs' strategy types "nsga2", "random" and "tpe" next to Optuna 3.1's
// NSGAIISampler, RandomSampler and TPESampler on the usual synthetic test problems, compared by the
// hypervolume of the front each finds; then what deciding costs per trial.
//
// Run:  npm run build && node bench/multi-objective/run.mjs
//       node bench/multi-objective/run.mjs --seeds 1,2 --tasks zdt1,dtlz2 --no-overhead   (quicker)
//       flags: --seeds 1,2,3  --tasks zdt1,…  --no-optuna  --no-quality  --no-overhead  --no-tpe
//       RUNGS_BENCH_PYTHON=/path/to/python3 …   (default /usr/bin/python3; Optuna is skipped with a
//                                                 message when `import optuna, numpy` fails there)
//
// How rungs is driven: runStudy (the public API) with the study's `objectives`, an inline objective
//   that returns the problem's values (one call at a time, in this thread) and an in-memory SQLite
//   store; Optuna: study.optimize on in-memory storage. Both times are the whole framework's (the
//   strategy, the run loop, the store); the cost-of-deciding table also gives each tool's model
//   alone against its own random search (nsga2 − random).
//
// ── 1. Hypervolume on ZDT1, ZDT2, ZDT3 and DTLZ2 (all objectives minimised) ──
// Every problem is evaluated by evaluate() here and by optuna_reference.py's evaluate(), the same
//   operations in the same order (checked on four probe points of each before the run).
//   zdt1, zdt2, zdt3  (Zitzler, Deb & Thiele 2000) 2 objectives over n = 10 floats x_i ∈ [0, 1]:
//                     f1 = x_1, g = 1 + 9 Σ_{i≥2} x_i / (n − 1), f2 = g·h(f1/g) with h(r) = 1 − √r
//                     (convex front), 1 − r² (concave), 1 − √r − r·sin(10π f1) (five pieces).
//                     n = 10, not the papers' 30: at 500 trials (10 generations of 50) no method
//                     comes near the front of 30 variables, and every hypervolume would be the
//                     same few random outliers; with 10 the fronts still improve generation by
//                     generation and the comparison has something to measure.
//   dtlz2             (Deb, Thiele, Laumanns & Zitzler 2002) 3 objectives over n = 12 floats
//                     (the usual k = n − m + 1 = 10 distance variables): f_j = (1 + g)·(cos, sin
//                     products of x_1, x_2 · π/2), g = Σ_{i≥3} (x_i − 0.5)²; front: the unit sphere.
// Reference points (the same for both tools, fixed in advance, not from the data): ZDT (1.1, 6):
//   f1 ≤ 1 on every point, and 6 ≈ 1.1 × 5.5, g at the middle of the box, so random search's
//   front counts too; DTLZ2 (1.1, 1.1, 1.1), 10% beyond the true front's nadir. Hypervolume is
//   computed by rungs' hypervolume() (exact, WFG) on every complete trial of both tools (Optuna's
//   own optuna._hypervolume.WFG on its rows is printed as a cross-check). "true front": the
//   hypervolume of the problem's Pareto front (ZDT: 2,000 of its points; DTLZ2: 1.1³ − π/6).
// Strategies (T = 500 trials, popsize λ = 50 = Optuna's default population_size; seeds 1..10):
//   rungs_nsga2    { type: 'nsga2', trials: T, popsize: 50 } (crossoverProb 0.9, swappingProb 0.5,
//                  mutationProb 1/n: Optuna's defaults)
//   rungs_random   { type: 'random', trials: T }
//   optuna_nsga2   NSGAIISampler(population_size=50, seed=seed), the rest its defaults
//   optuna_random  RandomSampler(seed=seed)
// What differs between the two NSGA-II (src/search/nsga2.ts's header has the list): rungs'
//   generation g is trials g·λ … (g+1)·λ − 1 (Optuna's: the next λ complete trials — the same
//   here, where nothing fails); ties of crowding distance go to the lower trial number; their
//   random numbers differ, so seed s of one is not seed s of the other: rungs vs Optuna is
//   compared over seeds (medians; the sign test only as "how often").
// Printed per problem: hypervolume median [min–max] and per seed; the ratios of medians
//   (> 1: the first is better) with the median of the per-seed ratios in brackets; seed-by-seed
//   sign tests. Then one table of every problem's medians.
//
// ── 3. TPE at 100 and 200 trials (--no-tpe skips it) ──
// TPE is for trials too costly to run by the thousand: its model earns its cost in the first
//   hundreds of trials, where NSGA-II has bred one or two generations of 50 and random search is
//   far from the front; by 500 trials the question is no longer the one TPE answers (and Optuna's
//   multi-objective TPE, which splits the trials anew for every param of every trial, took 68 s
//   for one 500-trial ZDT1 study here against 10 s for 200: 40 of them would take most of an
//   hour). So: the same problems and seeds,
//   at T = 100 and 200 trials:
//   rungs_tpe      { type: 'tpe', trials } (its defaults: startupTrials 10, maxConcurrent 4,
//                  eiCandidates 24, univariate; several objectives split as Optuna 3.1's MOTPE,
//                  src/search/mo-tpe-split.ts)
//   rungs_tpe_seq  the same with maxConcurrent 1, which learns from every trial before it as
//                  Optuna's sequential TPE does (rungs_tpe's trial n learns from trials
//                  0 … n − 4, the 3 in between counting as bad, pending)
//   optuna_tpe     TPESampler(seed=seed), every option at its default (n_startup_trials 10,
//                  n_ei_candidates 24, univariate, no constant liar), which with several
//                  directions is 3.1's multi-objective TPE
//   and, for scale, random search and NSGA-II of both tools at the same budgets.
// One run of 200 trials per tool, problem and seed; the figures at 100 are its first 100 trials.
//   That is the same as a run of 100: in all these strategies trial n depends only on the seed
//   and the trials before it (random and NSGA-II rows are likewise the first trials of section 1's
//   500-trial runs). Printed as section 1 (at each T), with the ratios tpe / optuna tpe, tpe /
//   random and tpe / nsga2, and sign tests tpe vs random and rungs tpe vs optuna tpe.
//   It makes the whole run about 40 minutes instead of one: nearly all of it is Optuna's TPE on
//   DTLZ2 (3 objectives: 140–330 s a study, in one Python process beside rungs' runs).
//
// ── 2. The cost of deciding ──
// zdt1 as above, rungs nsga2 and random (the loop above, after an untimed warm-up run) and
//   Optuna's NSGAIISampler and RandomSampler (in-memory storage, create_study to the end of
//   optimize), 500 and 1000 trials, popsize 50, seeds 1..3: median seconds, ms per trial, the
//   model's own cost (nsga2 − random) per trial for each tool. Then the same for rungs tpe and
//   Optuna's TPESampler against each tool's random search, at 100 and 200 trials.
//
// Last lines: `RESULT mo.<problem>.<strategy>.hv <median>`, `RESULT mo.<problem>.ratio.<a>_over_<b>
//   <ratio of medians>`, the same with `.t<T>` after the problem for section 3, and
//   `RESULT mo.overhead[.tpe].<N>.<what> <value>`.
// ───────────────────────────────────────────────────────────────────────────────────────────
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';
import { defineStudy, runStudy } from '../../dist/index.js';
import { Rng } from '../../dist/rng.js';
import { hypervolume } from '../../dist/search/hypervolume.js';
import { benchMain, elapsed, fmtRange, optunaAvailable, pad, parseBenchArgs, runOptunaJobsParallel, runPythonJson, signCounts, summarise } from '../search-quality/bench-common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const OPTUNA_SCRIPT = join(here, 'optuna_reference.py');

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const TRIALS = 500;
const POPSIZE = 50;
const ORDER = ['rungs_nsga2', 'rungs_random', 'optuna_nsga2', 'optuna_random'];
const OVERHEAD_SIZES = [500, 1000];
const OVERHEAD_SEEDS = [1, 2, 3];
/** Section 3's budgets: one run of the largest per seed, the smaller read off its first trials. */
const TPE_TRIALS = [100, 200];
const TPE_ORDER = ['rungs_tpe', 'rungs_tpe_seq', 'optuna_tpe', 'rungs_random', 'optuna_random', 'rungs_nsga2', 'optuna_nsga2'];

/** rungs' strategies by row name (section 3's rungs_tpe_seq: maxConcurrent 1, Optuna's sequential TPE). */
const RUNGS_STRATEGIES = {
  rungs_nsga2: (trials) => ({ type: 'nsga2', trials, popsize: POPSIZE }),
  rungs_random: (trials) => ({ type: 'random', trials }),
  rungs_tpe: (trials) => ({ type: 'tpe', trials }),
  rungs_tpe_seq: (trials) => ({ type: 'tpe', trials, maxConcurrent: 1 }),
};

/** The problems' descriptors (the header has their formulas; optuna_reference.py reads the same JSON). */
const PROBLEMS = Object.fromEntries(
  [
    { name: 'zdt1', kind: 'zdt1', n: 10, m: 2, reference: [1.1, 6] },
    { name: 'zdt2', kind: 'zdt2', n: 10, m: 2, reference: [1.1, 6] },
    { name: 'zdt3', kind: 'zdt3', n: 10, m: 2, reference: [1.1, 6] },
    { name: 'dtlz2', kind: 'dtlz2', n: 12, m: 3, reference: [1.1, 1.1, 1.1] },
  ].map((p) => {
    const rng = new Rng([...p.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    const probe = Array.from({ length: 4 }, () => Object.fromEntries(paramNames(p).map((name) => [name, rng.uniform(0, 1)])));
    return [p.name, { ...p, probe }];
  }),
);

function paramNames(problem) {
  return Array.from({ length: problem.n }, (_, i) => `x${String(i).padStart(2, '0')}`);
}

/** The objectives at params (optuna_reference.py: evaluate, operation for operation). */
function evaluate(problem, params) {
  const x = paramNames(problem).map((name) => params[name]);
  const { kind, n } = problem;
  if (kind === 'zdt1' || kind === 'zdt2' || kind === 'zdt3') {
    const f1 = x[0];
    let s = 0;
    for (let i = 1; i < n; i++) s += x[i];
    const g = 1 + (9 * s) / (n - 1);
    const r = f1 / g;
    const h = kind === 'zdt1' ? 1 - Math.sqrt(r) : kind === 'zdt2' ? 1 - r * r : 1 - Math.sqrt(r) - r * Math.sin(10 * Math.PI * f1);
    return [f1, g * h];
  }
  if (kind === 'dtlz2') {
    const { m } = problem;
    let g = 0;
    for (let i = m - 1; i < n; i++) g += (x[i] - 0.5) * (x[i] - 0.5);
    const out = [];
    for (let j = 0; j < m; j++) {
      let f = 1 + g;
      for (let i = 0; i < m - 1 - j; i++) f *= Math.cos((x[i] * Math.PI) / 2);
      if (j > 0) f *= Math.sin((x[m - 1 - j] * Math.PI) / 2);
      out.push(f);
    }
    return out;
  }
  throw new Error(`unknown kind ${kind}`);
}

/** The hypervolume of the problem's true Pareto front (the most any method can reach). */
function trueFrontHypervolume(problem) {
  if (problem.kind === 'dtlz2') return 1.1 ** 3 - Math.PI / 6;
  const front = Array.from({ length: 2000 }, (_, i) => evaluate(problem, Object.fromEntries(paramNames(problem).map((name, k) => [name, k === 0 ? i / 1999 : 0]))));
  return hypervolume(front, problem.reference);
}

const objectivesOf = (problem) => Array.from({ length: problem.m }, (_, j) => ({ metric: `f${j + 1}`, direction: 'minimize' }));

/**
 * One rungs run: runStudy with the problem's objectives and an inline objective returning their values
 * (run here, one call at a time, into an in-memory SQLite store, as Optuna's study.optimize below).
 * Every trial's objective values, in trial order, and the seconds the run took.
 */
async function rungsRun(problem, row, seed, trials) {
  const space = Object.fromEntries(paramNames(problem).map((name) => [name, { type: 'float', low: 0, high: 1 }]));
  const objectives = objectivesOf(problem);
  const strategy = RUNGS_STRATEGIES[row](trials);
  const values = [];
  const t0 = performance.now();
  const study = defineStudy({ name: `${problem.name}-${row.replace('rungs_', '')}`, seed, objectives, space, strategy, objective: (params) => evaluate(problem, params) });
  const summary = await runStudy(study, {
    storage: ':memory:',
    onTrial: (t) => (values[t.number] = objectives.map((o) => t.metrics[o.metric])),
  });
  const seconds = (performance.now() - t0) / 1000;
  if (summary.counts.complete !== trials) throw new Error(`${problem.name} ${row} seed ${seed}: ${summary.counts.complete} of ${trials} trials complete`);
  return { values, seconds };
}

/** The two sides compute the same objectives on each problem's probe points. */
function checkFormulas(problems, dir) {
  const file = join(dir, 'problems.json');
  writeFileSync(file, JSON.stringify(problems));
  const theirs = runPythonJson(OPTUNA_SCRIPT, ['probe', file]);
  if (!theirs) return false;
  for (const p of problems) {
    p.probe.forEach((point, i) => {
      const ours = evaluate(p, point);
      ours.forEach((v, j) => {
        if (Math.abs(v - theirs[p.name][i][j]) > 1e-12 * Math.max(1, Math.abs(v))) throw new Error(`${p.name} probe ${i} f${j + 1}: rungs ${v}, Optuna reference ${theirs[p.name][i][j]}`);
      });
    });
  }
  console.log(`formulas agree on the probe points of ${problems.map((p) => p.name).join(', ')}`);
  return true;
}

async function runQuality(opts, dir, started) {
  const problems = opts.tasks.map((name) => PROBLEMS[name]);
  const jobs = problems.flatMap((problem) => opts.seeds.map((seed) => ({ problem, seed, trials: TRIALS, popsize: POPSIZE, strategies: ['optuna_nsga2', 'optuna_random'] })));
  const tpeTrials = Math.max(...TPE_TRIALS);
  if (opts.tpe) jobs.push(...problems.flatMap((problem) => opts.seeds.map((seed) => ({ problem, seed, trials: tpeTrials, popsize: POPSIZE, strategies: ['optuna_tpe'] }))));
  // One Python process beside rungs' runs (its time is not measured here).
  const optuna = opts.optuna && optunaAvailable() && checkFormulas(problems, dir) ? runOptunaJobsParallel(OPTUNA_SCRIPT, ['quality'], dir, jobs, 1) : Promise.resolve(null);
  const results = {};
  for (const problem of problems) {
    results[problem.name] = {};
    for (const type of ['nsga2', 'random']) {
      results[problem.name][`rungs_${type}`] = [];
      for (const seed of opts.seeds) {
        const r = await rungsRun(problem, `rungs_${type}`, seed, TRIALS);
        results[problem.name][`rungs_${type}`].push({ seed, hv: hypervolume(r.values, problem.reference), wallMs: 1000 * r.seconds, values: r.values });
      }
    }
    const m = (s) => median(results[problem.name][s].map((r) => r.hv)).toFixed(4);
    console.log(`${elapsed(started)} ${problem.name}: rungs nsga2 ${m('rungs_nsga2')} · random ${m('rungs_random')} (median hypervolume)`);
    if (!opts.tpe) continue;
    for (const row of ['rungs_tpe', 'rungs_tpe_seq']) {
      results[problem.name][row] = [];
      for (const seed of opts.seeds) {
        const r = await rungsRun(problem, row, seed, tpeTrials);
        results[problem.name][row].push({ seed, hv: hypervolume(r.values, problem.reference), wallMs: 1000 * r.seconds, values: r.values });
      }
    }
    console.log(`${elapsed(started)} ${problem.name}: rungs tpe ${m('rungs_tpe')} · tpe maxConcurrent 1 ${m('rungs_tpe_seq')} (median hypervolume at ${tpeTrials} trials)`);
  }
  const rows = await optuna;
  let worst = 0;
  for (const row of rows ?? []) {
    const problem = PROBLEMS[row.problem];
    const hv = hypervolume(row.values, problem.reference);
    worst = Math.max(worst, Math.abs(hv - row.optunaHv) / Math.max(1e-12, Math.abs(row.optunaHv)));
    (results[row.problem][row.strategy] ??= []).push({ seed: row.seed, hv, wallMs: row.wallMs, values: row.values });
  }
  if (rows) console.log(`${elapsed(started)} Optuna reference done; rungs' hypervolume vs Optuna's WFG on its ${rows.length} fronts: largest relative difference ${worst.toExponential(1)}`);
  return results;
}

/** signTest's line for hypervolumes (higher is better): better on …, worse on …, sign test p. */
function signLine(a, b) {
  const { wins, losses, ties, p } = signCounts(
    a.map((r) => ({ seed: r.seed, bestLoss: -r.hv })),
    b.map((r) => ({ seed: r.seed, bestLoss: -r.hv })),
  );
  return `better on ${wins}, worse on ${losses}, tied on ${ties} of ${wins + losses + ties} seeds, sign test p = ${p.toFixed(2)}`;
}

function reportQuality(results, opts, resultLines) {
  const medians = {};
  const ideal = {};
  for (const name of opts.tasks) {
    const problem = PROBLEMS[name];
    const rows = results[name];
    ideal[name] = trueFrontHypervolume(problem);
    console.log(
      `\n=== ${name}: ${problem.m} objectives, ${problem.n} variables, ${TRIALS} trials, popsize ${POPSIZE}; reference (${problem.reference.join(', ')}); true front ${ideal[name].toFixed(4)}; hypervolume over seeds ${opts.seeds.join(',')} (higher is better) ===`,
    );
    console.log(`${pad('strategy', 15)}${pad('hypervolume median [min–max]', 34)}per-seed`);
    const stats = {};
    for (const s of ORDER.filter((x) => rows[x])) {
      rows[s].sort((a, b) => a.seed - b.seed);
      stats[s] = summarise(rows[s], 'hv');
      console.log(`${pad(s, 15)}${pad(fmtRange(stats[s], (x) => x.toFixed(4)), 34)}${rows[s].map((r) => r.hv.toFixed(3)).join(' ')}`);
      resultLines.push(`RESULT mo.${name}.${s}.hv ${stats[s].median}`);
    }
    medians[name] = Object.fromEntries(Object.entries(stats).map(([s, st]) => [s, st.median]));
    console.log(`ratios of median hypervolume (> 1: the first is better) [median of the per-seed ratios]:`);
    const ratio = (a, b, label) => {
      if (!stats[a] || !stats[b]) return;
      const perSeed = median(rows[a].map((r) => r.hv / rows[b].find((q) => q.seed === r.seed).hv));
      const r = stats[a].median / stats[b].median;
      console.log(`  ${pad(label, 30)}${pad(r.toFixed(3), 8)}[${perSeed.toFixed(3)}]`);
      resultLines.push(`RESULT mo.${name}.ratio.${a}_over_${b} ${r}`);
    };
    ratio('rungs_nsga2', 'optuna_nsga2', 'rungs nsga2 / optuna nsga2');
    ratio('rungs_random', 'optuna_random', 'rungs random / optuna random');
    ratio('rungs_nsga2', 'rungs_random', 'rungs: nsga2 / random');
    ratio('optuna_nsga2', 'optuna_random', 'optuna: nsga2 / random');
    console.log(`seed by seed (higher hypervolume is better):`);
    for (const [a, b] of [['rungs_nsga2', 'rungs_random'], ['optuna_nsga2', 'optuna_random'], ['rungs_nsga2', 'optuna_nsga2']]) {
      if (rows[a] && rows[b]) console.log(`  ${pad(`${a.replace('_', ' ')} vs ${b.replace('_', ' ')}`, 30)}${signLine(rows[a], rows[b])}`);
    }
  }
  const cols = ORDER.filter((s) => opts.tasks.some((n) => medians[n][s] !== undefined));
  console.log(`\n=== median hypervolume, every problem (seeds ${opts.seeds.join(',')}; ${TRIALS} trials, popsize ${POPSIZE}) ===`);
  const vs = cols.includes('optuna_nsga2');
  console.log(`${pad('problem', 9)}${pad('true front', 12)}${cols.map((s) => pad(s, 15)).join('')}${vs ? pad('rungs/optuna nsga2', 20) : ''}rungs nsga2/random`);
  for (const name of opts.tasks) {
    const m = medians[name];
    const ratio = vs ? pad((m.rungs_nsga2 / m.optuna_nsga2).toFixed(3), 20) : '';
    console.log(`${pad(name, 9)}${pad(ideal[name].toFixed(4), 12)}${cols.map((s) => pad(m[s].toFixed(4), 15)).join('')}${ratio}${(m.rungs_nsga2 / m.rungs_random).toFixed(3)}`);
  }
}

/** Section 3: TPE at TPE_TRIALS, beside random search and NSGA-II at the same budgets (each the first trials of its run). */
function reportTpe(results, opts, resultLines) {
  const medians = {};
  for (const name of opts.tasks) {
    const problem = PROBLEMS[name];
    const all = results[name];
    medians[name] = {};
    console.log(`\n=== ${name} at ${TPE_TRIALS.join(' and ')} trials: TPE beside random search and NSGA-II (their first trials); hypervolume over seeds ${opts.seeds.join(',')} (higher is better) ===`);
    console.log(`${pad('trials', 8)}${pad('strategy', 15)}${pad('hypervolume median [min–max]', 34)}per-seed`);
    for (const t of TPE_TRIALS) {
      const rows = {};
      const stats = {};
      for (const s of TPE_ORDER.filter((x) => all[x])) {
        rows[s] = all[s].map((r) => ({ seed: r.seed, hv: hypervolume(r.values.slice(0, t), problem.reference) })).sort((a, b) => a.seed - b.seed);
        stats[s] = summarise(rows[s], 'hv');
        console.log(`${pad(t, 8)}${pad(s, 15)}${pad(fmtRange(stats[s], (x) => x.toFixed(4)), 34)}${rows[s].map((r) => r.hv.toFixed(3)).join(' ')}`);
        resultLines.push(`RESULT mo.${name}.t${t}.${s}.hv ${stats[s].median}`);
      }
      medians[name][t] = Object.fromEntries(Object.entries(stats).map(([s, st]) => [s, st.median]));
      console.log(`  ratios of median hypervolume at ${t} trials (> 1: the first is better) [median of the per-seed ratios]:`);
      for (const [a, b] of [['rungs_tpe', 'optuna_tpe'], ['rungs_tpe_seq', 'optuna_tpe'], ['rungs_tpe', 'rungs_random'], ['optuna_tpe', 'optuna_random'], ['rungs_tpe', 'rungs_nsga2'], ['optuna_tpe', 'optuna_nsga2']]) {
        if (!stats[a] || !stats[b]) continue;
        const perSeed = median(rows[a].map((r) => r.hv / rows[b].find((q) => q.seed === r.seed).hv));
        const r = stats[a].median / stats[b].median;
        console.log(`    ${pad(`${a.replace('_', ' ')} / ${b.replace('_', ' ')}`, 32)}${pad(r.toFixed(3), 8)}[${perSeed.toFixed(3)}]`);
        resultLines.push(`RESULT mo.${name}.t${t}.ratio.${a}_over_${b} ${r}`);
      }
      console.log(`  seed by seed at ${t} trials (higher hypervolume is better):`);
      for (const [a, b] of [['rungs_tpe', 'rungs_random'], ['optuna_tpe', 'optuna_random'], ['rungs_tpe', 'optuna_tpe']]) {
        if (rows[a] && rows[b]) console.log(`    ${pad(`${a.replace('_', ' ')} vs ${b.replace('_', ' ')}`, 32)}${signLine(rows[a], rows[b])}`);
      }
    }
  }
  const cols = TPE_ORDER.filter((s) => opts.tasks.some((n) => medians[n][TPE_TRIALS[0]][s] !== undefined));
  const vs = cols.includes('optuna_tpe');
  console.log(`\n=== median hypervolume with TPE, every problem (seeds ${opts.seeds.join(',')}) ===`);
  console.log(`${pad('problem', 9)}${pad('trials', 8)}${cols.map((s) => pad(s, 15)).join('')}${vs ? pad('rungs/optuna tpe', 18) : ''}rungs tpe/random`);
  for (const name of opts.tasks) {
    for (const t of TPE_TRIALS) {
      const m = medians[name][t];
      const ratio = vs ? pad((m.rungs_tpe / m.optuna_tpe).toFixed(3), 18) : '';
      console.log(`${pad(name, 9)}${pad(t, 8)}${cols.map((s) => pad(m[s].toFixed(4), 15)).join('')}${ratio}${(m.rungs_tpe / m.rungs_random).toFixed(3)}`);
    }
  }
}

async function runOverhead(opts, dir, started) {
  const problem = PROBLEMS.zdt1;
  await rungsRun(problem, 'rungs_nsga2', 0, 1000); // JIT warm-up, untimed
  const rows = {};
  for (const type of ['nsga2', 'random']) {
    rows[`rungs_${type}`] = [];
    for (const trials of OVERHEAD_SIZES) for (const seed of OVERHEAD_SEEDS) rows[`rungs_${type}`].push({ trials, seed, seconds: (await rungsRun(problem, `rungs_${type}`, seed, trials)).seconds });
  }
  console.log(`${elapsed(started)} rungs overhead runs done`);
  const file = join(dir, 'problem.json');
  writeFileSync(file, JSON.stringify(problem));
  if (opts.optuna && optunaAvailable()) {
    const out = runPythonJson(OPTUNA_SCRIPT, ['overhead', file, OVERHEAD_SIZES.join(','), OVERHEAD_SEEDS.join(','), String(POPSIZE)]);
    if (out) {
      Object.assign(rows, out);
      console.log(`${elapsed(started)} Optuna overhead studies done`);
    }
  }
  if (!opts.tpe) return { rows };
  // TPE at section 3's budgets, each against its own random search at the same sizes.
  const tpeRows = {};
  for (const row of ['rungs_tpe', 'rungs_random']) {
    tpeRows[row] = [];
    for (const trials of TPE_TRIALS) for (const seed of OVERHEAD_SEEDS) tpeRows[row].push({ trials, seed, seconds: (await rungsRun(problem, row, seed, trials)).seconds });
  }
  console.log(`${elapsed(started)} rungs tpe overhead runs done`);
  if (opts.optuna && optunaAvailable()) {
    const out = runPythonJson(OPTUNA_SCRIPT, ['overhead', file, TPE_TRIALS.join(','), OVERHEAD_SEEDS.join(','), String(POPSIZE), 'optuna_tpe,optuna_random']);
    if (out) {
      Object.assign(tpeRows, out);
      console.log(`${elapsed(started)} Optuna tpe overhead studies done`);
    }
  }
  return { rows, tpeRows };
}

function reportOverhead({ rows, tpeRows }, resultLines) {
  console.log(`\n=== the cost of deciding: zdt1 (10 floats, 2 objectives), popsize ${POPSIZE}, one thread; medians over seeds ${OVERHEAD_SEEDS.join(',')} ===`);
  console.log(`(rungs: runStudy with an inline objective on an in-memory SQLite store; Optuna: study.optimize on in-memory storage)`);
  overheadTable(rows, 'nsga2', OVERHEAD_SIZES, '', resultLines);
  if (!tpeRows) return;
  console.log(`\n=== the cost of deciding with TPE: the same problem and seeds, at section 3's budgets ===`);
  overheadTable(tpeRows, 'tpe', TPE_TRIALS, '.tpe', resultLines);
}

/** One cost-of-deciding table: `model` and random search of each tool at each size, then the model's own cost (model − random). */
function overheadTable(rows, model, sizes, tag, resultLines) {
  const seconds = (s, n) => median(rows[s].filter((r) => r.trials === n).map((r) => r.seconds));
  const samplers = [`rungs_${model}`, 'rungs_random', `optuna_${model}`, 'optuna_random'].filter((s) => rows[s]);
  console.log(`${pad('trials', 8)}${pad('sampler', 15)}${pad('seconds median [min–max]', 28)}ms/trial`);
  for (const n of sizes) {
    for (const s of samplers) {
      const t = summarise(rows[s].filter((r) => r.trials === n), 'seconds');
      console.log(`${pad(n, 8)}${pad(s, 15)}${pad(fmtRange(t, (x) => x.toFixed(3)), 28)}${((1000 * t.median) / n).toFixed(3)}`);
      resultLines.push(`RESULT mo.overhead${tag}.${n}.${s}.ms_per_trial ${(1000 * t.median) / n}`);
    }
  }
  for (const n of sizes) {
    const own = ['rungs', 'optuna'].filter((impl) => rows[`${impl}_${model}`] && rows[`${impl}_random`]);
    const ms = (impl) => (1000 * (seconds(`${impl}_${model}`, n) - seconds(`${impl}_random`, n))) / n;
    console.log(`${n} trials: the model's own cost (${model} − random), ms per trial: ${own.map((impl) => `${impl} ${ms(impl).toFixed(3)}`).join(', ')}`);
    for (const impl of own) resultLines.push(`RESULT mo.overhead${tag}.${n}.${impl}_model_ms_per_trial ${ms(impl)}`);
  }
}

const opts = parseBenchArgs(process.argv.slice(2), { seeds: SEEDS, tasks: PROBLEMS, flags: { '--no-quality': 'quality', '--no-overhead': 'overhead', '--no-tpe': 'tpe' } });
await benchMain('multi-objective', async (dir, started, resultLines) => {
  const q = opts.quality ? await runQuality(opts, dir, started) : null;
  const o = opts.overhead ? await runOverhead(opts, dir, started) : null;
  if (q) reportQuality(q, opts, resultLines);
  if (q && opts.tpe) reportTpe(q, opts, resultLines);
  if (o) reportOverhead(o, resultLines);
});
