// TPE: rungs' Tree-structured Parzen Estimator (strategy type "tpe") next to random search and
// next to Optuna 3.1's TPESampler, on bench:search's tasks; then what deciding costs per trial.
//
// Run:  npm run bench:tpe         (= npm run build && node bench/tpe-quality/run.mjs)
//       node bench/tpe-quality/run.mjs --seeds 1,2 --tasks spirals --no-overhead   (a quicker partial run)
//       node bench/tpe-quality/run.mjs --strategies random_median --no-overhead   (random, tpe and that row)
//       flags: --seeds 1,2,3  --tasks digits,spirals  --no-optuna  --no-quality  --no-overhead
//              --strategies tpe_median,random_median,random_patience,tpe_percentile
//                (the pruned rows to run, by name without rungs_/optuna_, each on both sides; default
//                 all. random and tpe always run: each pruned row is measured against them)
//       RUNGS_BENCH_PYTHON=/path/to/python3 …   (default /usr/bin/python3; Optuna is skipped when
//                                                 `import optuna, numpy` fails there)
//
// ── 1. Search quality (settings here; tasks, space, data and trainer from bench/search-quality) ──
// Tasks: bench:search's digits and spirals (bench/search-quality/tasks.mjs: MLP, one hidden ReLU
//   layer; space optimizer ∈ {adam, adamw, momentum}, lr log [1e-4, 1], batchSize ∈ {16 … 256},
//   weightDecay log [1e-6, 1e-2], hiddenUnits int log), metric val_loss (held-out 20%), minimize.
// Trials: T = TRIALS = 40 for every strategy, each trained to the full 27 epochs (no pruning,
//   no early stop): 40 × 27 = 1080 epochs, bench:search's random_full spend, so the random rows
//   are comparable with that benchmark. Why 40: TPE's first trials are random (Optuna: 10; rungs:
//   startupTrials 10 + maxConcurrent 4 − 1 = 13, see src/search/tpe.ts), so 40 leaves 27–30
//   model-guided trials, and by then the "good" group is γ(n) = ⌈n/10⌉ = 3–4 trials instead of 1–2:
//   enough for the model to steer. Far fewer trials would compare mostly random draws; many more
//   would mostly measure who reaches the floor of these small tasks (and the Python side grows).
//   A diverged trial counts as one of the T (rungs: failed, ranked worst by its TPE; Optuna: FAIL,
//   left out by its TPE). The "failed" columns differ by definition too: rungs' trainer calls a
//   training diverged when a loss is non-finite or above 1e4 × the untrained model's val_loss
//   (src/tasks/trainer.ts), the numpy trainer only when a loss is non-finite, so a run that ends
//   at val_loss 4e30 completes there (and lands in the "bad" group of Optuna's TPE all the same).
// Seeds: 1..10, the study seed: it fixes the train/validation split of that seed for every
//   strategy, rungs and Optuna alike. Within one implementation random and TPE share their first
//   draws (rungs: trial n < 13 gets exactly random search's params; Optuna: TPESampler(seed)'s
//   startup trials come from RandomSampler(seed)), so "tpe vs random" per seed is paired.
// Strategies:
//   rungs_random   { type: 'random', trials: T }            runStudy from dist/, 2-thread shared pool
//   rungs_tpe      { type: 'tpe', trials: T } (defaults)     likewise (results do not depend on threads)
//   optuna_random  RandomSampler(seed=seed), n_trials T, no pruner       optuna_tpe.py, with bench:search's
//   optuna_tpe     TPESampler(seed=seed) defaults, n_trials T, no pruner  numpy trainer (optuna_reference.py)
//   rungs_tpe_median   { type: 'tpe', trials: T, pruner: { type: 'median' } }: TPE with the median pruner
//                      (startupTrials 5, warmupSteps 0): trial n stops at the first epoch where its best
//                      val_loss so far is above the median of its history's complete trials at that epoch
//   optuna_tpe_median  TPESampler(seed=seed) + MedianPruner() defaults (n_startup_trials 5,
//                      n_warmup_steps 0); the trainer reports val_loss at steps 1 … 27 and asks
//                      should_prune() below the last, so the two prune on the same epochs' rule.
//   The other pruners (src/search/{stop-rule,percentile-stop,pruner-history}.ts), each in a second
//   table per task beside its Optuna counterpart, with Optuna's defaults for what is not named:
//   rungs_random_median     { type: 'random', trials: T, pruner: { type: 'median' } }: random search's
//                           draws (the same as rungs_random's, seed by seed), stopped as rungs_tpe_median's
//   optuna_random_median    RandomSampler(seed=seed) + MedianPruner() (its draws are optuna_random's too)
//   rungs_random_patience   { type: 'random', trials: T, pruner: { type: 'patience', patience: 3 } }:
//                           trial stops at the first epoch where the best of its last 4 val_losses is
//                           above its best before them (minDelta 0); it looks at its own curve only
//   optuna_random_patience  RandomSampler(seed=seed) + PatientPruner(None, patience=3) (min_delta 0)
//   rungs_tpe_percentile    { type: 'tpe', trials: T, pruner: { type: 'percentile', percentile: 25 } }:
//                           as rungs_tpe_median at the 25th percentile (the best quarter) of the history
//   optuna_tpe_percentile   TPESampler(seed=seed) + PercentilePruner(25.0) (5 startup trials, 0 warmup)
//   The median and percentile pruners compare trial n with the complete trials among
//   0 … n − maxConcurrent (4, rungs' default) and start once 5 of those are complete, so rungs prunes
//   from trial 8 on; Optuna's sequential study compares with every trial before n, from trial 5 on.
//   The patience rule is Optuna's to the letter (nanmin(before) + min_delta < nanmin(after) over the
//   last patience + 1 reports); rungs never prunes at the last epoch (Optuna's pruners would), and
//   neither does this benchmark's Optuna trainer (no should_prune() at epoch 27), so the last epoch
//   does not separate them here.
//   With a pruner, T trials still start; pruned ones train fewer epochs (the "epochs" column: epochs
//   trained, median over seeds) and "best" is still the best COMPLETE trial's val_loss.
//   The numpy trainer is the same MLP and optimizers on the same exported split (checked against
//   rungs' trainer in bench:search); weight init and batch order come from other RNG streams, so
//   even the same configuration lands on a slightly different loss.
// Printed per task: best val_loss (best complete trial) median [min–max] over seeds and per seed;
//   seed by seed, whether TPE beats random (rungs, and Optuna beside it) with a sign test; the
//   ratios of median best losses rungs_tpe / optuna_tpe, rungs_random / optuna_random (the gap
//   the trainers and draws alone make) and tpe / random for each implementation (< 1: TPE better),
//   each with the median of the per-seed ratios (paired by seed) in brackets. For the other pruners,
//   their table and: rungs / Optuna for each pair, and each pruned variant / its unpruned twin
//   (random_median and random_patience / random, tpe_percentile / tpe) on both sides: the ratio of
//   best losses as above, and of epochs trained (median, [per seed]; "38% fewer": epochs saved),
//   plus a sign test of pruned against twin seed by seed.
//
// ── 2. Sampler overhead: the cost of deciding, not training ──
// A cheap synthetic objective of 5 params (syntheticObjective below; optuna_tpe.py's synthetic()
//   is the same function): lr float log [1e-5, 1], x float [-3, 3], n int [1, 20], units int log
//   [8, 512], kind categorical {a, b, c}; minimum 0 at lr 1e-3, x 0.5, n 7, units 64, kind b.
// rungs: runStudy with an inline objective (runs on the main thread), threads 1, in-memory SQLite
//   storage (':memory:'), TPE defaults. Timed from opening the storage to runStudy's return, after
//   one untimed 300-trial study (JIT warm-up). Note: with maxConcurrent 4, rungs' trial n learns
//   from trials 0 … n − 4 even on one thread (reproducibility on any thread count); Optuna's from
//   0 … n − 1.
// Optuna: TPESampler(seed) defaults, in-memory storage, study.optimize(n_trials N), timed from
//   create_study to the end of optimize.
// Sizes 300 and 1000 trials, OVERHEAD_SEEDS 1..5 each; printed: median seconds, ms per trial and
//   the ratio optuna time / rungs time (> 1: rungs decides faster). TPE refits on every finished
//   trial before each new one, so both sides' cost per trial grows with the study's size (the
//   1000/300 time ratio is printed: 3.3 would be linear in N). Random search on the same function
//   (rungs random / Optuna RandomSampler) is timed too, as the floor of each framework without a
//   model. The median best value each reached is a sanity check, not a target.
//
// Last lines: `RESULT tpe.<task>.<strategy>.best_loss <median>` (and `.epochs`), the ratio lines' `RESULT
//   tpe.<task>.ratio.<a>_over_<b>` (and `.epochs_ratio.` for the other pruners') and
//   `RESULT tpe.overhead.<N>.<what> <value>`.
// ───────────────────────────────────────────────────────────────────────────────────────────
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';
import { defineStudy, openSqliteStorage, runStudy } from '../../dist/index.js';
import { benchMain, elapsed, fmtLoss, fmtRange, optunaAvailable, pad, parseBenchArgs, ratioPrinter, runOptunaJobs, runPythonJson, runRungsSeeds, signTest, summarise, verdict } from '../search-quality/bench-common.mjs';
import { MAX_BUDGET, TASKS, exportSplit, taskStudy } from '../search-quality/tasks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const OPTUNA_SCRIPT = join(here, 'optuna_tpe.py');

const THREADS = 2;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const TRIALS = 40;
const STRATEGIES = {
  rungs_random: { type: 'random', trials: TRIALS },
  rungs_tpe: { type: 'tpe', trials: TRIALS },
  rungs_tpe_median: { type: 'tpe', trials: TRIALS, pruner: { type: 'median' } },
  rungs_random_median: { type: 'random', trials: TRIALS, pruner: { type: 'median' } },
  rungs_random_patience: { type: 'random', trials: TRIALS, pruner: { type: 'patience', patience: 3 } },
  rungs_tpe_percentile: { type: 'tpe', trials: TRIALS, pruner: { type: 'percentile', percentile: 25 } },
};
/** The rows that always run (every pruned row is measured against one of them). */
const BASE = ['random', 'tpe'];
/** --strategies' names, the pruned rows: each runs rungs_<name> and optuna_<name>. */
const PRUNED_VARIANTS = Object.keys(STRATEGIES)
  .map((s) => s.replace(/^rungs_/, ''))
  .filter((v) => !BASE.includes(v));
const ORDER = ['rungs_random', 'rungs_tpe', 'rungs_tpe_median', 'optuna_random', 'optuna_tpe', 'optuna_tpe_median'];
/** The other pruners' table, each beside Optuna's: [pruned variant, its unpruned twin, label]. */
const PRUNED = [
  ['random_median', 'random', 'random + median'],
  ['random_patience', 'random', 'random + patience'],
  ['tpe_percentile', 'tpe', 'tpe + percentile'],
];
const PRUNED_ORDER = PRUNED.flatMap(([v]) => [`rungs_${v}`, `optuna_${v}`]);

const OVERHEAD_SIZES = [300, 1000];
const OVERHEAD_SEEDS = [1, 2, 3, 4, 5];
const SYNTHETIC_SPACE = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  x: { type: 'float', low: -3, high: 3 },
  n: { type: 'int', low: 1, high: 20 },
  units: { type: 'int', low: 8, high: 512, log: true },
  kind: { type: 'categorical', choices: ['a', 'b', 'c'] },
};
const KIND_COST = { a: 0.5, b: 0, c: 1 };

/** Minimum 0 at lr 1e-3, x 0.5, n 7, units 64, kind "b" (optuna_tpe.py: synthetic). */
function syntheticObjective(p) {
  return (Math.log10(p.lr) + 3) ** 2 + (p.x - 0.5) ** 2 + ((p.n - 7) / 5) ** 2 + (Math.log2(p.units) - 6) ** 2 / 4 + KIND_COST[p.kind];
}

async function runQuality(opts, dir, started) {
  /** results[task][strategy] = per-seed rows { seed, bestLoss, trials, failed, wallMs } */
  const optunaJobs = [];
  const results = await runRungsSeeds({
    opts,
    dir,
    started,
    threads: THREADS,
    studiesFor: (taskName, seed) =>
      Object.fromEntries([...BASE, ...opts.strategies].map((v) => [`rungs_${v}`, taskStudy(taskName, `${taskName}-rungs_${v}-s${seed}`, seed, STRATEGIES[`rungs_${v}`])])),
    rowOf: (_storage, summary, seed, wallMs) => {
      if (summary.best && summary.best.budget !== MAX_BUDGET) console.warn(`  warning: ${summary.study}: best trial at budget ${summary.best.budget}, not ${MAX_BUDGET}`);
      const trials = Object.values(summary.counts).reduce((a, b) => a + b, 0);
      return { seed, bestLoss: summary.best?.value ?? Number.NaN, trials, failed: summary.counts.failed, pruned: summary.counts.pruned, epochs: summary.epochsTrained, wallMs };
    },
    afterSeed: (taskName, seed) => {
      if (opts.optuna) optunaJobs.push({ task: taskName, seed, data: exportSplit(dir, taskName, seed), space: TASKS[taskName].space, maxBudget: MAX_BUDGET, trials: TRIALS, strategies: [...BASE, ...opts.strategies].map((v) => `optuna_${v}`) });
    },
  });
  const rows = opts.optuna ? runOptunaJobs(OPTUNA_SCRIPT, ['quality'], dir, optunaJobs) : null;
  for (const row of rows ?? []) (results[row.task][row.strategy] ??= []).push(row);
  if (rows) console.log(`${elapsed(started)} Optuna reference done`);
  return results;
}

/**
 * The table rows of the variants `names` that ran (best loss median [min–max] over seeds, median
 * epochs, pruned and failed trials summed over seeds, median wall time, per-seed best loss), under a
 * header with a `width`-wide first column; fills stats[variant] and pushes their RESULT lines.
 */
function printRows({ rows, names, width, stats, taskName, resultLines }) {
  const ran = names.filter((s) => rows[s]);
  if (ran.length === 0) return;
  console.log(`${pad('strategy', width)}${pad('best loss median [min–max]', 30)}${pad('epochs', 8)}${pad('pruned', 8)}${pad('failed', 8)}${pad('wall s', 8)}per-seed best loss`);
  for (const s of ran) {
    stats[s] = summarise(rows[s], 'bestLoss');
    const wall = (median(rows[s].map((r) => r.wallMs)) / 1000).toFixed(1);
    const failed = rows[s].reduce((a, r) => a + r.failed, 0);
    const pruned = rows[s].reduce((a, r) => a + (r.pruned ?? 0), 0);
    const epochs = median(rows[s].map((r) => r.epochs));
    console.log(`${pad(s, width)}${pad(fmtRange(stats[s]), 30)}${pad(epochs, 8)}${pad(pruned, 8)}${pad(failed, 8)}${pad(wall, 8)}${rows[s].map((r) => fmtLoss(r.bestLoss)).join(' ')}`);
    resultLines.push(`RESULT tpe.${taskName}.${s}.best_loss ${stats[s].median}`, `RESULT tpe.${taskName}.${s}.epochs ${epochs}`);
  }
}

/** The other pruners' table and ratio lines (see the header: each beside Optuna's, and against its unpruned twin). */
function reportPruners({ rows, stats, taskName, resultLines }) {
  if (!PRUNED_ORDER.some((s) => rows[s])) return;
  console.log(`\n${taskName}, the other pruners (best = the best complete trial's val_loss; epochs trained, median over seeds; pruned trials summed over seeds):`);
  printRows({ rows, names: PRUNED_ORDER, width: 24, stats, taskName, resultLines });
  console.log(`\nratios of median best loss (< 1: the first is better) [median of the per-seed ratios], and of epochs trained (fewer: epochs saved):`);
  const ratio = ratioPrinter({ stats, rows, resultLines, prefix: `tpe.${taskName}`, width: 40, epochs: true });
  for (const [v, twin, label] of PRUNED) {
    ratio(`rungs_${v}`, `optuna_${v}`, `rungs ${label} / optuna`);
    ratio(`rungs_${v}`, `rungs_${twin}`, `rungs: ${label} / ${twin}`);
    ratio(`optuna_${v}`, `optuna_${twin}`, `optuna: ${label} / ${twin}`);
  }
  console.log(`seed by seed, each pruned variant against its unpruned twin (lower best loss is better):`);
  for (const [v, twin, label] of PRUNED) {
    for (const side of ['rungs', 'optuna']) {
      const [a, b] = [rows[`${side}_${v}`], rows[`${side}_${twin}`]];
      if (a && b) console.log(`  ${pad(`${side}: ${label} vs ${twin}`, 40)}${signTest(a, b)}`);
    }
  }
}

function reportQuality(results, opts, resultLines) {
  for (const taskName of opts.tasks) {
    const rows = results[taskName];
    console.log(`\n=== ${taskName}: best val_loss over seeds ${opts.seeds.join(',')}, ${TRIALS} trials × ${MAX_BUDGET} epochs each ===`);
    const stats = {};
    printRows({ rows, names: ORDER, width: 19, stats, taskName, resultLines });

    const optuna = rows.optuna_random && rows.optuna_tpe;
    console.log(`\nseed by seed: does TPE beat random search (lower best loss)?`);
    console.log(`${pad('seed', 6)}${pad('rungs random', 14)}${pad('rungs tpe', 12)}${pad('tpe/random', 12)}${pad('better', 8)}${optuna ? `${pad('optuna random', 15)}${pad('optuna tpe', 12)}${pad('tpe/random', 12)}better` : ''}`.trimEnd());
    for (const seed of opts.seeds) {
      const at = (s) => rows[s].find((r) => r.seed === seed).bestLoss;
      let line = `${pad(seed, 6)}${pad(fmtLoss(at('rungs_random')), 14)}${pad(fmtLoss(at('rungs_tpe')), 12)}${pad((at('rungs_tpe') / at('rungs_random')).toFixed(3), 12)}${pad(verdict(at('rungs_tpe'), at('rungs_random')), 8)}`;
      if (optuna) line += `${pad(fmtLoss(at('optuna_random')), 15)}${pad(fmtLoss(at('optuna_tpe')), 12)}${pad((at('optuna_tpe') / at('optuna_random')).toFixed(3), 12)}${verdict(at('optuna_tpe'), at('optuna_random'))}`;
      console.log(line.trimEnd());
    }
    console.log(`rungs tpe vs rungs random: ${signTest(rows.rungs_tpe, rows.rungs_random)}`);
    if (optuna) console.log(`optuna tpe vs optuna random: ${signTest(rows.optuna_tpe, rows.optuna_random)}`);

    console.log(`\nratios of median best loss (< 1: the first is better) [median of the per-seed ratios]:`);
    const ratio = ratioPrinter({ stats, rows, resultLines, prefix: `tpe.${taskName}`, width: 34 });
    ratio('rungs_tpe', 'optuna_tpe', 'rungs tpe / optuna tpe');
    ratio('rungs_random', 'optuna_random', 'rungs random / optuna random');
    ratio('rungs_tpe', 'rungs_random', 'rungs: tpe / random');
    ratio('optuna_tpe', 'optuna_random', 'optuna: tpe / random');
    ratio('rungs_tpe_median', 'rungs_tpe', 'rungs: tpe + median / tpe');
    ratio('optuna_tpe_median', 'optuna_tpe', 'optuna: tpe + median / tpe');
    ratio('rungs_tpe_median', 'optuna_tpe_median', 'rungs tpe + median / optuna');
    if (optuna) console.log(`  rungs tpe vs optuna tpe, seed by seed: rungs ${signTest(rows.rungs_tpe, rows.optuna_tpe)}`);
    reportPruners({ rows, stats, taskName, resultLines });
  }
}

/** One timed rungs study of the synthetic objective on one thread, in-memory storage. */
async function rungsSynthetic(type, trials, seed) {
  const study = defineStudy({ name: `synthetic-${type}-${trials}-s${seed}`, direction: 'minimize', seed, budget: 1, space: SYNTHETIC_SPACE, strategy: { type, trials }, objective: syntheticObjective });
  const t0 = performance.now();
  const storage = openSqliteStorage(':memory:');
  const summary = await runStudy(study, { storage, threads: 1 });
  await storage.close();
  const seconds = (performance.now() - t0) / 1000;
  if (summary.counts.complete !== trials) throw new Error(`synthetic ${type}: expected ${trials} complete trials, got ${JSON.stringify(summary.counts)}`);
  return { trials, seed, seconds, best: summary.best.value };
}

async function runOverhead(opts, started) {
  await rungsSynthetic('tpe', 300, 0); // JIT warm-up, untimed
  const rows = { rungs_tpe: [], rungs_random: [] };
  for (const type of ['tpe', 'random']) {
    for (const trials of OVERHEAD_SIZES) for (const seed of OVERHEAD_SEEDS) rows[`rungs_${type}`].push(await rungsSynthetic(type, trials, seed));
  }
  console.log(`${elapsed(started)} rungs synthetic studies done`);
  const out = opts.optuna && optunaAvailable() ? runPythonJson(OPTUNA_SCRIPT, ['overhead', OVERHEAD_SIZES.join(','), OVERHEAD_SEEDS.join(',')]) : null;
  if (out) {
    Object.assign(rows, out);
    console.log(`${elapsed(started)} Optuna synthetic studies done`);
  }
  return rows;
}

function reportOverhead(rows, resultLines) {
  console.log(`\n=== sampler overhead: ${Object.keys(SYNTHETIC_SPACE).length}-param synthetic objective, 1 thread, in-memory storage; medians over seeds ${OVERHEAD_SEEDS.join(',')} ===`);
  console.log(`${pad('trials', 8)}${pad('sampler', 15)}${pad('seconds median [min–max]', 28)}${pad('ms/trial', 10)}best value median [min–max]`);
  const at = (s, n) => rows[s]?.filter((r) => r.trials === n);
  const seconds = (s, n) => median(at(s, n).map((r) => r.seconds));
  for (const n of OVERHEAD_SIZES) {
    for (const s of ['rungs_tpe', 'optuna_tpe', 'rungs_random', 'optuna_random']) {
      if (!rows[s]) continue;
      const t = summarise(at(s, n), 'seconds');
      const best = summarise(at(s, n), 'best');
      console.log(`${pad(n, 8)}${pad(s, 15)}${pad(fmtRange(t, (x) => x.toFixed(3)), 28)}${pad(((1000 * t.median) / n).toFixed(3), 10)}${fmtRange(best, (x) => x.toFixed(5))}`);
      resultLines.push(`RESULT tpe.overhead.${n}.${s}.ms_per_trial ${(1000 * t.median) / n}`, `RESULT tpe.overhead.${n}.${s}.best_value ${best.median}`);
    }
  }
  console.log('');
  for (const n of OVERHEAD_SIZES) {
    if (rows.optuna_tpe) {
      const r = seconds('optuna_tpe', n) / seconds('rungs_tpe', n);
      console.log(`${n} trials: optuna tpe time / rungs tpe time = ${r.toFixed(2)}${rows.optuna_random ? `   (random search: optuna / rungs = ${(seconds('optuna_random', n) / seconds('rungs_random', n)).toFixed(2)})` : ''}`);
      resultLines.push(`RESULT tpe.overhead.${n}.optuna_over_rungs ${r}`);
    }
    const own = ['rungs', 'optuna'].filter((impl) => rows[`${impl}_tpe`] && rows[`${impl}_random`]);
    const ms = (impl) => ((1000 * (seconds(`${impl}_tpe`, n) - seconds(`${impl}_random`, n))) / n).toFixed(3);
    console.log(`${n} trials: the model's own cost (tpe − random), ms per trial: ${own.map((impl) => `${impl} ${ms(impl)}`).join(', ')}`);
  }
  if (OVERHEAD_SIZES.length > 1) {
    const [a, b] = [OVERHEAD_SIZES[0], OVERHEAD_SIZES.at(-1)];
    const growth = ['rungs_tpe', 'optuna_tpe'].filter((s) => rows[s]).map((s) => `${s} ${(seconds(s, b) / seconds(s, a)).toFixed(2)}`);
    console.log(`growth, time of ${b} trials / time of ${a} (${(b / a).toFixed(2)} if linear in N): ${growth.join(', ')}`);
  }
}

async function main() {
  const opts = parseBenchArgs(process.argv.slice(2), { seeds: SEEDS, tasks: TASKS, flags: { '--no-quality': 'quality', '--no-overhead': 'overhead' }, lists: { '--strategies': { key: 'strategies', choices: PRUNED_VARIANTS } } });
  await benchMain('tpe', async (dir, started, resultLines) => {
    const quality = opts.quality ? await runQuality(opts, dir, started) : null;
    const overhead = opts.overhead ? await runOverhead(opts, started) : null;
    if (quality) reportQuality(quality, opts, resultLines);
    if (overhead) reportOverhead(overhead, resultLines);
  });
}

await main();
