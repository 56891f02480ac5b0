// Conditional params: rungs' TPE on a space whose optimizer-specific params carry `when` (each
// trial has only its optimizer's own params; TPE fits each conditional param to the trials that
// have it) next to the same space flat (no `when`: every trial draws every param), next to random
// search, and next to Optuna 3.1's TPESampler with a define-by-run objective and flat.
//
// Run:  npm run bench:conditional   (= npm run build && node bench/conditional-space/run.mjs)
//       node bench/conditional-space/run.mjs --seeds 1,2 --tasks breast-cancer   (a quicker partial run)
//       flags: --seeds 1,2,3  --tasks digits,breast-cancer  --no-optuna
//       RUNGS_BENCH_PYTHON=/path/to/python3 …   (default /usr/bin/python3; Optuna is skipped when
//                                                 `import optuna, numpy` fails there)
//
// Tasks (TASKS below): data/digits.csv (1797 rows, 64 features, 10 classes) with an MLP of one
//   hidden ReLU layer of 64 units (bench:tpe's digits model), and data/breast-cancer.csv (569
//   rows, 30 features, 2 classes) with one hidden ReLU layer of 16 units; metric val_loss on the
//   held-out 20% (the split of the study seed), minimize. Every trial trains a fixed number of
//   epochs (digits 10, breast-cancer 15 as in studies/conditional-optimizers.json; no pruning,
//   no early stop), which keeps the whole run under 4 minutes on 2 cores.
// Space (SPACE below, studies/conditional-optimizers.json's): optimizer ∈ {sgd, momentum,
//   nesterov, rmsprop, adam, adamw}, lr log [1e-4, 1], batchSize ∈ {16, 32, 64}; momentum
//   [0.5, 0.99] when momentum/nesterov, rho [0.8, 0.999] when rmsprop, beta1 [0.5, 0.95] and
//   beta2 ∈ {0.99, 0.999, 0.9999} when adam/adamw, weightDecay log [1e-5, 0.1] when adamw. A
//   param a trial lacks takes rungs' default (momentum 0.9, rho 0.9, betas 0.9/0.999, no decay).
// Flat: the same params without `when`, so every trial draws all eight. The function trained is
//   the same: the flat study's objective (active-params-objective.mjs) runs rungs' built-in
//   training on the params the trial's optimizer uses and drops the others, because the
//   built-in trainer would otherwise apply weightDecay as an L2 penalty to every optimizer (the
//   flat space would then be a different problem, not the same one described without `when`).
//   Random search would draw exactly the same configurations flat (rungs' conditional draws are
//   the flat ones with the inactive params dropped), so it runs once, conditional.
// Trials: TRIALS = 40 per study (bench:tpe's count: rungs' TPE is random for its first
//   startupTrials + maxConcurrent − 1 = 13 trials, Optuna's for 10, so 27–30 model-guided ones).
//   A diverged trial counts as one of the 40 (rungs: failed, ranked worst by its TPE; Optuna:
//   FAIL, left out by its TPE). As in bench:tpe, "failed" differs by definition: rungs' trainer
//   calls a training diverged when a loss is non-finite or above 1e4 × the untrained model's,
//   the numpy trainer only when a loss is non-finite. Seeds 1..10: the study seed, which fixes
//   the split for every variant, rungs and Optuna alike.
// Variants:
//   rungs_tpe_cond   { type: 'tpe', trials: 40 } (defaults), conditional space, built-in task
//   rungs_tpe_flat   the same strategy, flat space, active-params-objective.mjs
//   rungs_random     { type: 'random', trials: 40 }, conditional space, built-in task
//                    (runStudy from dist/, a shared 2-thread pool; results do not depend on threads)
//   optuna_tpe_cond  TPESampler(seed) defaults, define-by-run objective (batchSize, lr, optimizer,
//                    then only the optimizer's params)        optuna_conditional.py, with the numpy
//   optuna_tpe_flat  TPESampler(seed) defaults, flat objective  trainer of bench:search
//   optuna_random    RandomSampler(seed), define-by-run        (optuna_reference.train), after rungs,
//                                                               2 Python processes side by side
//   Pairing within rungs: trial n of every variant trains with seed deriveSeed(seed, n), and
//   rungs' TPE's random startup trials are random search's draws, so the first 13 trials of
//   rungs_tpe_cond, rungs_tpe_flat and rungs_random are the same configurations with the same
//   losses (checked below, on every seed: that is also the check that the flat objective trains
//   exactly what the built-in task does); the variants differ only in the model-guided trials.
//   Optuna's define-by-run and flat objectives draw their startup trials from different streams.
//   The numpy trainer matches rungs' trainer for all six optimizers: from the same initial
//   weights, full batch, 10 epochs on digits, the val_loss curves agree to 4e-15 (sgd, momentum
//   0.7, nesterov 0.95, rmsprop ρ 0.85, adam β 0.6/0.99, adamw β 0.8/0.9999 wd 0.05); with
//   minibatches the RNG streams (weight init, batch order) differ.
// Printed per task: best val_loss (best complete trial) median [min–max] over seeds and per seed;
//   "trials 13–39": the median over seeds of the median val_loss of trials 13–39 (a failed
//   one counts as +∞), trials both TPEs choose with their model: how good the guided trials
//   are on the whole, where the best of 40 often comes from the random startup;
//   seed by seed, conditional vs flat TPE (rungs, and Optuna beside it) with a sign test; ratios
//   of median best losses (conditional / flat, TPE / random, rungs / Optuna), each with the median
//   of the per-seed ratios (paired by seed) in brackets; and how each variant spread its trials
//   over the optimizers (summed over seeds), with the optimizer of each seed's best trial.
//
// Last lines: `RESULT conditional.<task>.<variant>.best_loss <median>` and
//   `RESULT conditional.<task>.ratio.<a>_over_<b> <ratio of medians>`.
// ───────────────────────────────────────────────────────────────────────────────────────────
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from 'simple-statistics';
import { activeParams, conditionOrder } from '../../dist/search/param-conditions.js';
import { strategyWithDefaults } from '../../dist/search/strategy-defaults.js';
import { benchMain, elapsed, fmtLoss, fmtRange, pad, parseBenchArgs, ratioPrinter, runOptunaJobsParallel, runRungsSeeds, signTest, summarise, verdict } from '../search-quality/bench-common.mjs';
import { VALIDATION, exportSplit } from '../search-quality/tasks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const OPTUNA_SCRIPT = join(here, 'optuna_conditional.py');
const ACTIVE_PARAMS_OBJECTIVE = pathToFileURL(join(here, 'active-params-objective.mjs')).href;

const THREADS = 2;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const TRIALS = 40;
const METRIC = 'val_loss';

const TASKS = {
  digits: { dataset: 'digits', hidden: 64, epochs: 10 },
  'breast-cancer': { dataset: 'breast-cancer', hidden: 16, epochs: 15 },
};

const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'];
const SPACE = {
  optimizer: { type: 'categorical', choices: OPTIMIZERS },
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  batchSize: { type: 'categorical', choices: [16, 32, 64] },
  momentum: { type: 'float', low: 0.5, high: 0.99, when: { optimizer: ['momentum', 'nesterov'] } },
  rho: { type: 'float', low: 0.8, high: 0.999, when: { optimizer: 'rmsprop' } },
  beta1: { type: 'float', low: 0.5, high: 0.95, when: { optimizer: ['adam', 'adamw'] } },
  beta2: { type: 'categorical', choices: [0.99, 0.999, 0.9999], when: { optimizer: ['adam', 'adamw'] } },
  weightDecay: { type: 'float', low: 1e-5, high: 0.1, log: true, when: { optimizer: 'adamw' } },
};
const FLAT_SPACE = Object.fromEntries(Object.entries(SPACE).map(([name, { when: _when, ...spec }]) => [name, spec]));

const TPE = { type: 'tpe', trials: TRIALS };
const RANDOM = { type: 'random', trials: TRIALS };
/** Trials rungs' TPE draws exactly as random search does (src/search/tpe.ts). */
const { startupTrials, maxConcurrent } = strategyWithDefaults(TPE);
const RANDOM_STARTUP = startupTrials + maxConcurrent - 1;

const ORDER = ['rungs_tpe_cond', 'rungs_tpe_flat', 'rungs_random', 'optuna_tpe_cond', 'optuna_tpe_flat', 'optuna_random'];

function taskSpec(taskName) {
  const t = TASKS[taskName];
  return { dataset: t.dataset, model: { type: 'mlp', hidden: [t.hidden], activation: 'relu' }, epochs: t.epochs, validation: VALIDATION };
}

/** The three rungs studies of one (task, seed); the flat one through a module binding its config. */
function rungsStudies(taskName, seed, dir) {
  const common = { seed, metric: METRIC, direction: 'minimize' };
  const task = taskSpec(taskName);
  const module = join(dir, `flat-${taskName}-s${seed}.mjs`);
  const config = { task, studySeed: seed, space: SPACE, metric: METRIC, baseDir: here };
  writeFileSync(module, `import { objectiveWith } from ${JSON.stringify(ACTIVE_PARAMS_OBJECTIVE)};\nexport default objectiveWith(${JSON.stringify(config)});\n`);
  return {
    rungs_tpe_cond: { ...common, name: `${taskName}-tpe-cond-s${seed}`, task, space: SPACE, strategy: TPE },
    rungs_tpe_flat: { ...common, name: `${taskName}-tpe-flat-s${seed}`, objective: module, budget: task.epochs, space: FLAT_SPACE, strategy: TPE },
    rungs_random: { ...common, name: `${taskName}-random-s${seed}`, task, space: SPACE, strategy: RANDOM },
  };
}

/** Median loss of trials RANDOM_STARTUP… in trial order (a failed trial counts as +∞): how good the model-guided trials are, not just the best. */
const guidedMedian = (values) => median(values.slice(RANDOM_STARTUP));

/** Per-seed row of one rungs study, from its summary and its trials. */
async function rungsRow(storage, summary, seed, wallMs) {
  const study = await storage.getStudy(summary.study);
  const trials = (await storage.getTrials(study.id)).sort((a, b) => a.number - b.number);
  const byOptimizer = {};
  for (const t of trials) byOptimizer[t.params.optimizer] = (byOptimizer[t.params.optimizer] ?? 0) + 1;
  return {
    seed,
    bestLoss: summary.best?.value ?? Number.NaN,
    bestOptimizer: summary.best?.params.optimizer ?? null,
    byOptimizer,
    trials: trials.length,
    failed: summary.counts.failed,
    wallMs,
    guidedMedian: guidedMedian(trials.map((t) => (t.state === 'complete' ? t.value : Number.POSITIVE_INFINITY))),
    // For the startup check: the first trials' active params and values.
    startup: trials.slice(0, RANDOM_STARTUP).map((t) => ({ params: activeParams(SPACE, t.params), value: t.value, state: t.state })),
  };
}

async function runAll(opts, dir, started) {
  /** results[task][variant] = per-seed rows */
  const optunaJobs = [];
  const results = await runRungsSeeds({
    opts,
    dir,
    started,
    threads: THREADS,
    studiesFor: (taskName, seed) => rungsStudies(taskName, seed, dir),
    rowOf: async (storage, summary, seed, wallMs) => {
      const row = await rungsRow(storage, summary, seed, wallMs);
      if (row.trials !== TRIALS) console.warn(`  warning: ${summary.study}: ${row.trials} trials, not ${TRIALS}`);
      return row;
    },
    afterSeed: (taskName, seed) => {
      if (!opts.optuna) return;
      const data = exportSplit(dir, taskName, seed, TASKS[taskName].dataset);
      const job = { task: taskName, seed, data, space: SPACE, order: conditionOrder(SPACE), hidden: TASKS[taskName].hidden, epochs: TASKS[taskName].epochs, trials: TRIALS, guidedFrom: RANDOM_STARTUP };
      for (const strategy of ['optuna_tpe_cond', 'optuna_tpe_flat', 'optuna_random']) optunaJobs.push({ ...job, strategy });
    },
  });
  if (opts.optuna) {
    const rows = await runOptunaJobsParallel(OPTUNA_SCRIPT, [], dir, optunaJobs, THREADS);
    for (const row of rows ?? []) {
      row.bestLoss ??= Number.NaN; // null: no complete trial
      row.guidedMedian ??= Number.POSITIVE_INFINITY; // null: most guided trials failed
      (results[row.task][row.strategy] ??= []).push(row);
    }
    for (const r of Object.values(results)) for (const v of Object.values(r)) v.sort((a, b) => a.seed - b.seed);
    if (rows) console.log(`${elapsed(started)} Optuna reference done`);
  }
  return results;
}

/** Seeds on which the first RANDOM_STARTUP trials of `a` and `b` differ (params or value). */
function startupMismatches(aRows, bRows) {
  return aRows.filter((r) => JSON.stringify(r.startup) !== JSON.stringify(bRows.find((q) => q.seed === r.seed).startup)).map((r) => r.seed);
}

function report(results, opts, resultLines) {
  for (const taskName of opts.tasks) {
    const rows = results[taskName];
    const t = TASKS[taskName];
    console.log(`\n=== ${taskName}: best val_loss over seeds ${opts.seeds.join(',')}, ${TRIALS} trials × ${t.epochs} epochs each (MLP ${t.hidden} ReLU, 6 optimizers) ===`);
    console.log(`${pad('variant', 17)}${pad('best loss median [min–max]', 30)}${pad(`trials ${RANDOM_STARTUP}–${TRIALS - 1}`, 13)}${pad('failed', 8)}${pad('wall s', 8)}per-seed best loss`);
    const stats = {};
    for (const v of ORDER) {
      if (!rows[v]) continue;
      stats[v] = summarise(rows[v], 'bestLoss');
      const wall = (median(rows[v].map((r) => r.wallMs)) / 1000).toFixed(1);
      const failed = rows[v].reduce((a, r) => a + r.failed, 0);
      const guided = fmtLoss(median(rows[v].map((r) => r.guidedMedian)));
      console.log(`${pad(v, 17)}${pad(fmtRange(stats[v]), 30)}${pad(guided, 13)}${pad(failed, 8)}${pad(wall, 8)}${rows[v].map((r) => fmtLoss(r.bestLoss)).join(' ')}`);
      resultLines.push(`RESULT conditional.${taskName}.${v}.best_loss ${stats[v].median}`);
    }

    const optuna = rows.optuna_tpe_cond && rows.optuna_tpe_flat;
    console.log(`\nseed by seed: does conditional TPE beat flat TPE (lower best loss)?`);
    console.log(`${pad('seed', 6)}${pad('rungs cond', 12)}${pad('rungs flat', 12)}${pad('cond/flat', 11)}${pad('better', 8)}${optuna ? `${pad('optuna cond', 13)}${pad('optuna flat', 13)}${pad('cond/flat', 11)}better` : ''}`.trimEnd());
    for (const seed of opts.seeds) {
      const at = (v) => rows[v].find((r) => r.seed === seed).bestLoss;
      let line = `${pad(seed, 6)}${pad(fmtLoss(at('rungs_tpe_cond')), 12)}${pad(fmtLoss(at('rungs_tpe_flat')), 12)}${pad((at('rungs_tpe_cond') / at('rungs_tpe_flat')).toFixed(3), 11)}${pad(verdict(at('rungs_tpe_cond'), at('rungs_tpe_flat')), 8)}`;
      if (optuna) line += `${pad(fmtLoss(at('optuna_tpe_cond')), 13)}${pad(fmtLoss(at('optuna_tpe_flat')), 13)}${pad((at('optuna_tpe_cond') / at('optuna_tpe_flat')).toFixed(3), 11)}${verdict(at('optuna_tpe_cond'), at('optuna_tpe_flat'))}`;
      console.log(line.trimEnd());
    }
    console.log(`rungs tpe cond vs rungs tpe flat: ${signTest(rows.rungs_tpe_cond, rows.rungs_tpe_flat)}`);
    if (optuna) console.log(`optuna tpe cond vs optuna tpe flat: ${signTest(rows.optuna_tpe_cond, rows.optuna_tpe_flat)}`);
    console.log(`rungs tpe cond vs rungs random: ${signTest(rows.rungs_tpe_cond, rows.rungs_random)}`);
    console.log(`rungs tpe flat vs rungs random: ${signTest(rows.rungs_tpe_flat, rows.rungs_random)}`);
    if (rows.optuna_random) console.log(`optuna tpe cond vs optuna random: ${signTest(rows.optuna_tpe_cond, rows.optuna_random)}`);
    if (rows.optuna_random) console.log(`optuna tpe flat vs optuna random: ${signTest(rows.optuna_tpe_flat, rows.optuna_random)}`);

    console.log(`\nratios of median best loss (< 1: the first is better) [median of the per-seed ratios]:`);
    const ratio = ratioPrinter({ stats, rows, resultLines, prefix: `conditional.${taskName}`, width: 36 });
    ratio('rungs_tpe_cond', 'rungs_tpe_flat', 'rungs: tpe cond / tpe flat');
    ratio('rungs_tpe_cond', 'rungs_random', 'rungs: tpe cond / random');
    ratio('rungs_tpe_flat', 'rungs_random', 'rungs: tpe flat / random');
    ratio('optuna_tpe_cond', 'optuna_tpe_flat', 'optuna: tpe cond / tpe flat');
    ratio('optuna_tpe_cond', 'optuna_random', 'optuna: tpe cond / random');
    ratio('optuna_tpe_flat', 'optuna_random', 'optuna: tpe flat / random');
    ratio('rungs_tpe_cond', 'optuna_tpe_cond', 'rungs tpe cond / optuna tpe cond');
    ratio('rungs_random', 'optuna_random', 'rungs random / optuna random');

    console.log(`\ntrials per optimizer (summed over seeds) · optimizer of each seed's best trial:`);
    for (const v of ORDER) {
      if (!rows[v]) continue;
      const sum = (o) => rows[v].reduce((a, r) => a + (r.byOptimizer[o] ?? 0), 0);
      const best = {};
      for (const r of rows[v]) best[r.bestOptimizer] = (best[r.bestOptimizer] ?? 0) + 1;
      const bestList = Object.entries(best).sort((a, b) => b[1] - a[1]).map(([o, n]) => `${o} ${n}`);
      console.log(`  ${pad(v, 17)}${OPTIMIZERS.map((o) => `${o} ${pad(sum(o), 4)}`).join(' ')}· best: ${bestList.join(', ')}`);
    }

    const bad = [...startupMismatches(rows.rungs_tpe_flat, rows.rungs_tpe_cond), ...startupMismatches(rows.rungs_random, rows.rungs_tpe_cond)];
    console.log(
      bad.length === 0
        ? `check: rungs' first ${RANDOM_STARTUP} trials (random startup) are the same configurations with the same losses in tpe cond, tpe flat (inactive params dropped) and random, on every seed`
        : `WARNING: rungs' first ${RANDOM_STARTUP} trials differ between tpe cond and tpe flat / random on seeds ${[...new Set(bad)].join(',')}: the flat objective does not train what the task does`,
    );
  }
}

async function main() {
  const opts = parseBenchArgs(process.argv.slice(2), { seeds: SEEDS, tasks: TASKS });
  await benchMain('conditional', async (dir, started, resultLines) => report(await runAll(opts, dir, started), opts, resultLines));
}

await main();
