// Pruner agreement: do rungs' median, percentile and patience pruners stop the same trials at the
// same steps as Optuna 3.1's MedianPruner, PercentilePruner and PatientPruner, given the same
// learning curves? Decision for decision, not on average.
//
// Run:  npm run bench:pruners   (= npm run build && node bench/pruner-agreement/run.mjs)
//       flags: --trials 100  --budget 20  --seed 7  --configs median_min,patience0_max  --no-optuna
//       RUNGS_BENCH_PYTHON=/path/to/python3 …   (default /usr/bin/python3; the comparison is
//                                                 skipped when `import optuna, numpy` fails there)
//
// rungs: for each configuration (CONFIGS below, each in both directions), a study through the
//   public API (defineStudy, runStudy from dist/) with an objective module (curve-objective.mjs,
//   on the worker pool as in real use): random search over the curve's params, `trials` trials of
//   budget `budget`, maxConcurrent 1 with a pruner that compares trials (trial n's history is
//   then every trial before it, what Optuna sees in a sequential study). The objective reports a
//   seeded synthetic learning curve, a pure function of the trial's params (decay toward a floor,
//   overfitting after a turn, noise; some trials with NaN values, NaN first values, a NaN last
//   value, values rounded to ties, flat curves, or a throw mid-way: curve-objective.mjs), stops
//   when ctx.shouldPrune() and throws TrialPruned before the budget. Every study runs on a
//   1-thread pool and again on a 2-thread pool: both must give the same states and steps.
//   Each trial's state, pruned step (its budget) and stored curve are read back from the SQLite
//   store (openStorage; a failed trial keeps the budget it had before its job, 0, so its curve says
//   how far it got), and its full curve is curveOf(the stored params), checked against the stored
//   one for the steps it reported.
// Optuna (optuna_pruners.py): the same full curves, in trial order, through a sequential study
//   with the matching pruner (interval 1; study.ask(), trial.report(v, step) and
//   trial.should_prune() at every step), each trial then told what it was in rungs (COMPLETE,
//   PRUNED, FAIL), so both sides judge every trial against the same history; the first step
//   should_prune() says true is Optuna's decision.
// Compared per trial: rungs' pruned step (none when it completed or failed) against Optuna's
//   first true step (within the steps the trial reached before a planned throw). Optuna pruning
//   at the budget itself where rungs completes is the documented difference (README, Pruners:
//   rungs never prunes at the last step), counted apart, also for a trial whose last value is NaN
//   (rungs: failed, diverged, at the budget); anything else differs.
// Last lines: `RESULT pruners.<config>.differ <count>` (the documented last-step ones excluded)
//   and `RESULT pruners.<config>.last_step <count>`, one pair per configuration.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPool, defineStudy, float, int, openStorage, runStudy } from '../../dist/index.js';
import { optunaAvailable, pad, runPythonJson } from '../search-quality/bench-common.mjs';
import { curveOf, lossOf, scoreOf } from './curve-objective.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Optuna's defaults, which rungs' pruners share: the spec Optuna's side is built from. */
const HISTORY_DEFAULTS = { startupTrials: 5, warmupSteps: 0, minTrials: 1 };

/**
 * name → { pruner (rungs' spec), enqueue (the first trials' params, some or all; the rest drawn) };
 * each runs minimizing and maximizing. The nan_* ones put trials with NaN values first, where the
 * pruners' NaN rules decide (random draws rarely get there): nan_min_trials' trial 0 (fixed
 * params) has NaN at step 4 only, so while it is one of the 3 complete trials, step 4 has 3
 * values of which 2 are numbers, and trial 3 (slow: floor 0.5, speed 0.1) is judged there;
 * nan_first's first 8 trials report NaN at their first 1 … 5
 * steps, so at step 1 the 5 startup trials have no number at all and trials 5–7's best so far is NaN.
 */
const CONFIGS = {
  median: { pruner: { type: 'median' } },
  median_s3w4m3: { pruner: { type: 'median', startupTrials: 3, warmupSteps: 4, minTrials: 3 } },
  percentile25: { pruner: { type: 'percentile', percentile: 25 } },
  percentile75: { pruner: { type: 'percentile', percentile: 75 } },
  patience2: { pruner: { type: 'patience', patience: 2, minDelta: 0 } },
  patience2_delta05: { pruner: { type: 'patience', patience: 2, minDelta: 0.05 } },
  patience2_median_s3: { pruner: { type: 'patience', patience: 2, wrapped: { type: 'median', startupTrials: 3 } } },
  patience0: { pruner: { type: 'patience', patience: 0 } },
  nan_min_trials: {
    pruner: { type: 'median', startupTrials: 3, warmupSteps: 4, minTrials: 3 },
    enqueue: [{ floor: 0.2, speed: 0.3, turn: 30, overfit: 0, noise: 0.01, quirk: 0.12, noiseSeed: 11 }, {}, {}, { floor: 0.5, speed: 0.1, quirk: 0.5 }],
  },
  nan_first: { pruner: { type: 'median' }, enqueue: Array.from({ length: 8 }, () => ({ quirk: 0.18 })) },
};

const DIRECTIONS = { min: 'minimize', max: 'maximize' };

const SPACE = {
  floor: float(0.05, 0.6),
  speed: float(0.05, 1, { log: true }),
  turn: int(4, 30),
  overfit: float(0, 0.03),
  noise: float(0.001, 0.03, { log: true }),
  quirk: float(0, 1),
  noiseSeed: int(0, 1_000_000),
};

function parseArgs(argv) {
  const opts = { trials: 100, budget: 20, seed: 7, configs: undefined, optuna: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--trials') opts.trials = Number(argv[++i]);
    else if (a === '--budget') opts.budget = Number(argv[++i]);
    else if (a === '--seed') opts.seed = Number(argv[++i]);
    else if (a === '--configs') opts.configs = argv[++i].split(',');
    else if (a === '--no-optuna') opts.optuna = false;
    else {
      console.error(`unknown argument ${a} (use --trials 100 --budget 20 --seed 7 --configs median_min,… --no-optuna)`);
      process.exit(2);
    }
  }
  return opts;
}

/** Every configuration × direction: { key, pruner, enqueue, direction }. */
function allRuns(only) {
  const runs = [];
  for (const [name, { pruner, enqueue }] of Object.entries(CONFIGS)) {
    for (const [d, direction] of Object.entries(DIRECTIONS)) runs.push({ key: `${name}_${d}`, pruner, enqueue, direction });
  }
  if (!only) return runs;
  for (const k of only) if (!runs.some((r) => r.key === k)) throw new Error(`unknown configuration ${k} (${runs.map((r) => r.key).join(', ')})`);
  return runs.filter((r) => only.includes(r.key));
}

/** The pruner with every default made explicit (what Optuna's side is built from). */
function fullPruner(p) {
  if (p.type === 'patience') return { minDelta: 0, ...p, ...(p.wrapped ? { wrapped: fullPruner(p.wrapped) } : {}) };
  return { ...HISTORY_DEFAULTS, ...p };
}

const comparesTrials = (p) => p.type !== 'patience' || p.wrapped !== undefined;

function studyOf(run, opts) {
  return defineStudy(
    {
      name: `agree-${run.key}`,
      seed: opts.seed,
      direction: run.direction,
      objective: join(HERE, run.direction === 'maximize' ? 'curve-objective-max.mjs' : 'curve-objective.mjs'),
      budget: opts.budget,
      space: SPACE,
      ...(run.enqueue ? { enqueue: run.enqueue } : {}),
      strategy: { type: 'random', trials: opts.trials, pruner: run.pruner, ...(comparesTrials(run.pruner) ? { maxConcurrent: 1 } : {}) },
    },
    { baseDir: HERE },
  );
}

const sameValue = (a, b) => (Number.isNaN(a) && Number.isNaN(b)) || a === b;

/**
 * Runs the study of `run` on `pool` over the SQLite file `db`, and reads its trials back:
 * [{ number, state, reached (the last step reported), stop (the pruned step or null), curve, failAt }], in trial order.
 */
async function rungsTrials(run, opts, pool, db) {
  await runStudy(studyOf(run, opts), { storage: db, pool, existing: 'overwrite' });
  const store = openStorage(db);
  try {
    const rows = (await store.trials(`agree-${run.key}`)).sort((a, b) => a.number - b.number);
    if (rows.length !== opts.trials) throw new Error(`${run.key}: ${rows.length} trials stored, ${opts.trials} expected`);
    const transform = run.direction === 'maximize' ? scoreOf : lossOf;
    const trials = [];
    for (const row of rows) {
      const { values, failAt } = curveOf(row.params, opts.budget);
      const curve = values.map(transform);
      // The store's curve must be the generated one up to the step the trial reached (a failed trial's
      // budget stays what it had completed before its job, 0: its curve says how far it got).
      const stored = await store.storage.getCurve(row.id);
      const reached = stored.length;
      const expected = row.state === 'complete' ? opts.budget : row.state === 'pruned' ? row.budget : failAt !== null ? failAt - 1 : opts.budget;
      if (!['complete', 'pruned', 'failed'].includes(row.state)) throw new Error(`${run.key}: trial ${row.number} is ${row.state}`);
      if (reached !== expected || stored.some((p, i) => p.step !== i + 1 || !sameValue(p.value, curve[i]))) {
        throw new Error(`${run.key}: trial ${row.number} (${row.state}, budget ${row.budget}, failAt ${failAt}): the stored curve is not the generated one to step ${expected} (${JSON.stringify(stored.slice(0, 3))}…)`);
      }
      trials.push({ number: row.number, state: row.state, reached, stop: row.state === 'pruned' ? row.budget : null, curve, failAt });
    }
    return trials;
  } finally {
    await store.close();
  }
}

/** The comparison of one configuration: counts, and the trials that differ. */
function compare(trials, first, budget) {
  const differ = [];
  let lastStep = 0;
  for (const t of trials) {
    const o = first[t.number];
    if (o === t.stop) continue;
    // Reached the budget in rungs: complete, or failed there by returning its NaN last value (diverged).
    if (t.stop === null && o === budget) lastStep++;
    else differ.push({ number: t.number, rungs: t.stop, optuna: o, state: t.state });
  }
  return { differ, lastStep, rungsPruned: trials.filter((t) => t.stop !== null).length, optunaPruned: first.filter((s) => s !== null).length };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const runs = allRuns(opts.configs);
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'rungs-pruners-'));
  const pools = { 1: createPool({ threads: 1 }), 2: createPool({ threads: 2 }) };
  const results = [];
  try {
    for (const run of runs) {
      const one = await rungsTrials(run, opts, pools[1], join(dir, 'one-thread.db'));
      const two = await rungsTrials(run, opts, pools[2], join(dir, 'two-threads.db'));
      const threadsDiffer = one.filter((t, i) => t.state !== two[i].state || t.reached !== two[i].reached).map((t) => t.number);
      const counts = { complete: 0, pruned: 0, failed: 0 };
      for (const t of one) counts[t.state]++;
      const epochs = one.reduce((s, t) => s + t.reached, 0);
      console.log(
        `[${((performance.now() - started) / 1000).toFixed(0)}s] ${pad(run.key, 26)} rungs: ${counts.complete} complete, ${counts.pruned} pruned, ${counts.failed} failed, ${epochs} epochs; ` +
          (threadsDiffer.length === 0 ? '2 threads: same' : `2 threads: ${threadsDiffer.length} trials differ (${threadsDiffer.join(', ')})`),
      );
      results.push({ run, trials: one, threadsDiffer });
    }
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.close()));
  }

  const jobs = results.map(({ run, trials }) => ({
    name: run.key,
    direction: run.direction,
    budget: opts.budget,
    pruner: fullPruner(run.pruner),
    trials: trials.map((t) => ({ curve: t.curve.map((v) => (Number.isNaN(v) ? null : v)), failAt: t.failAt, state: t.state })),
  }));
  let optuna = null;
  if (opts.optuna && optunaAvailable()) {
    const jobsFile = join(dir, 'optuna-jobs.json');
    writeFileSync(jobsFile, JSON.stringify(jobs));
    optuna = runPythonJson(join(HERE, 'optuna_pruners.py'), [jobsFile]);
  }
  rmSync(dir, { recursive: true, force: true });
  if (!optuna) {
    console.log('\nNo Optuna comparison (skipped or failed): rungs side only.');
    if (results.some((r) => r.threadsDiffer.length > 0)) process.exitCode = 1;
    return;
  }

  const resultLines = [];
  const rows = [];
  const details = [];
  for (const { run, trials, threadsDiffer } of results) {
    const { first } = optuna.find((o) => o.name === run.key);
    const c = compare(trials, first, opts.budget);
    rows.push([run.key, `${trials.length}`, `${c.rungsPruned}`, `${c.optunaPruned}`, `${c.differ.length} of ${trials.length} trials differ`, `${c.lastStep}`, threadsDiffer.length === 0 ? 'same' : `${threadsDiffer.length} differ`]);
    for (const d of c.differ) {
      details.push(`  ${run.key} trial ${d.number} (${d.state} in rungs): rungs ${d.rungs === null ? 'no prune' : `pruned at step ${d.rungs}`}, Optuna ${d.optuna === null ? 'no prune' : `pruned at step ${d.optuna}`}`);
    }
    resultLines.push(`RESULT pruners.${run.key}.differ ${c.differ.length}`, `RESULT pruners.${run.key}.last_step ${c.lastStep}`);
  }
  const head = ['configuration', 'trials', 'rungs pruned', 'Optuna pruned', 'agreement (last step apart)', 'Optuna at last step', '2 threads'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 2);
  console.log(`\nPruner agreement, rungs vs Optuna 3.1 (${opts.trials} trials of budget ${opts.budget}, random search seed ${opts.seed}, maxConcurrent 1):`);
  console.log(head.map((h, i) => pad(h, widths[i])).join('').trimEnd());
  for (const r of rows) console.log(r.map((x, i) => pad(x, widths[i])).join('').trimEnd());
  console.log(`"Optuna at last step": trials Optuna prunes at step ${opts.budget} (the budget) that rungs trains to the end (complete, or failed on a NaN last value), as documented; not counted as differing.`);
  if (details.length > 0) console.log(`\nDiffering trials:\n${details.join('\n')}`);
  console.log('');
  for (const line of resultLines) console.log(line);
}

await main();
