// bench:cmaes's `--digits` part, shared with bench:gp: bench:search's digits MLP (40 trials × 27
// epochs each, seeds as given) with rungs' strategies on a 2-thread pool and an Optuna reference on
// the same exported splits, then one table, ratios of median best loss and sign tests.
import { median } from 'simple-statistics';
import { elapsed, fmtLoss, fmtRange, pad, ratioPrinter, runOptunaJobs, runRungsSeeds, signTest, summarise } from '../search-quality/bench-common.mjs';
import { MAX_BUDGET, TASKS, exportSplit, taskStudy } from '../search-quality/tasks.mjs';

export const DIGITS_TRIALS = 40;

/**
 * Runs `strategies` ({ rungs_x: strategy spec }) on the digits task for every seed of opts.seeds, then
 * (unless opts.optuna is false) `script` with `args` and the jobs file, asking for the Optuna rows
 * named `optunaStrategies`. Returns rows[variant] = per-seed rows { seed, bestLoss, failed, wallMs }.
 */
export async function runDigits({ opts, dir, started, strategies, script, args, optunaStrategies }) {
  const optunaJobs = [];
  const results = await runRungsSeeds({
    opts: { ...opts, tasks: ['digits'] },
    dir,
    started,
    threads: 2,
    studiesFor: (task, seed) => Object.fromEntries(Object.entries(strategies).map(([variant, strategy]) => [variant, taskStudy(task, `${task}-${variant}-s${seed}`, seed, strategy)])),
    rowOf: (_storage, summary, seed, wallMs) => ({ seed, bestLoss: summary.best?.value ?? Number.NaN, failed: summary.counts.failed, wallMs }),
    afterSeed: (task, seed) => {
      if (opts.optuna) optunaJobs.push({ task, seed, data: exportSplit(dir, task, seed), space: TASKS[task].space, maxBudget: MAX_BUDGET, trials: DIGITS_TRIALS, strategies: optunaStrategies });
    },
  });
  const rows = opts.optuna ? runOptunaJobs(script, args, dir, optunaJobs) : null;
  for (const row of rows ?? []) (results.digits[row.strategy] ??= []).push(row);
  if (rows) console.log(`${elapsed(started)} Optuna digits done`);
  return results.digits;
}

/**
 * The digits table (variants in `order` that ran), the ratio lines `ratios` ([a, b, label]) and the
 * sign tests `signs` ([a, b]); RESULT lines `<prefix>.<variant>.best` and `<prefix>.ratio.…`.
 */
export function reportDigits({ rows, opts, resultLines, prefix, order, ratios, signs }) {
  console.log(`\n=== digits MLP: best val_loss over seeds ${opts.seeds.join(',')}, ${DIGITS_TRIALS} trials × ${MAX_BUDGET} epochs each ===`);
  console.log(`${pad('strategy', 15)}${pad('best loss median [min–max]', 30)}${pad('failed', 8)}${pad('wall s', 8)}per-seed best loss`);
  const stats = {};
  for (const s of order.filter((s) => rows[s])) {
    stats[s] = summarise(rows[s], 'bestLoss');
    const failed = rows[s].reduce((a, r) => a + r.failed, 0);
    console.log(`${pad(s, 15)}${pad(fmtRange(stats[s]), 30)}${pad(failed, 8)}${pad((median(rows[s].map((r) => r.wallMs)) / 1000).toFixed(1), 8)}${rows[s].map((r) => fmtLoss(r.bestLoss)).join(' ')}`);
    resultLines.push(`RESULT ${prefix}.${s}.best ${stats[s].median}`);
  }
  console.log(`\nratios of median best loss (< 1: the first is better) [median of the per-seed ratios]:`);
  const ratio = ratioPrinter({ stats, rows, resultLines, prefix, width: 32 });
  for (const [a, b, label] of ratios) ratio(a, b, label);
  console.log(`seed by seed (lower best loss is better):`);
  for (const [a, b] of signs) {
    if (rows[a] && rows[b]) console.log(`  ${pad(`${a} vs ${b}`, 32)}${signTest(rows[a], rows[b])}`);
  }
}
