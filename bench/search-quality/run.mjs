// Search quality: rungs' strategies side by side (and Optuna's pruners as a reference)
// on tasks where the hyperparameters matter, over 5 seeds.
//
// Run:  npm run bench:search        (= npm run build && node bench/search-quality/run.mjs)
//       node bench/search-quality/run.mjs --seeds 1,2 --tasks spirals   (a quicker partial run)
//       RUNGS_BENCH_PYTHON=/path/to/python3 …   (default /usr/bin/python3; Optuna is skipped when
//                                                 `import optuna, numpy` fails there)
//
// ── Settings (every one is here; change them here, nowhere else) ───────────────────────────
// Threads: 2 worker threads for every rungs run (the real Piscina pool through runStudy).
// Seeds: 1..5. The seed is the study seed: it fixes the train/validation split (and the
//   synthetic data), and trial n's params are deriveSeed(seed, n) for every strategy, so within
//   one seed all strategies (and Optuna) see the same split and rungs' strategies draw their
//   first candidates from the same stream (common random numbers: less noise in the comparison).
// Metric: val_loss (mean cross-entropy on the held-out 20%), minimize. "best loss" is the
//   val_loss of the best trial at the full budget (rungs ranks the highest budget first; every
//   strategy here trains its best trials to maxBudget), Optuna: the best COMPLETE trial.
// Budget (both tasks, all strategies): maxBudget 27 epochs; the halving strategies start at
//   minBudget 1 with η = 3 (rungs 1, 3, 9, 27), warm starts on (promoted trials continue from
//   their checkpoint; epochsTrained counts only epochs actually trained).
// Strategies (identical space and max budget for all):
//   random_full  random search, RANDOM_TRIALS = 40 trials × 27 epochs = 1080 epochs
//   sha          successive halving, SHA_CANDIDATES = 81 candidates: 81@1 27@3 9@9 3@27
//                (243 epochs with warm starts = 22.5% of random_full; 1/3 would be 360)
//   hyperband    Hyperband, minBudget 1, maxBudget 27, η 3 (4 brackets, 49 trials, 357 epochs)
//   asha         ASHA with ASHA_TRIALS = 81 trials (nominal ladder = sha's, ~243 epochs; ASHA
//                may promote a few more, the actual epochs are reported)
// Tasks:
//   digits   bundled digits (1797 × 64, 10 classes), MLP with one hidden ReLU layer;
//            space: optimizer ∈ {adam, adamw, momentum(μ 0.9)}, lr log [1e-4, 1],
//            batchSize ∈ {16, 32, 64, 128, 256}, weightDecay log [1e-6, 1e-2],
//            hiddenUnits int log [16, 128]
//   spirals  synthetic 3-arm spirals (1000 points, noise 0.2), MLP with one hidden ReLU layer;
//            the same space with hiddenUnits int log [8, 64]
// Busy fraction (sha, asha; also printed for the others): Σ job durations / (2 × wall time
//   of runStudy), a job's duration as measured in the worker (JobResult.durationMs: the whole
//   job, dataset load included); wall = from calling runStudy to its return (pool start-up,
//   study creation and the final queries count as idle). The onEvent 'start'/'end' times are
//   not used: the runner may hand Piscina more jobs than threads (they queue) and reports
//   'end' events in batches, so those intervals are not time spent on a thread.
//   The busy fraction is wall-clock based: other processes on the machine lower it (the load
//   average is printed at the end).
// Optuna reference (optuna_reference.py; Optuna 3.1, numpy): RandomSampler(seed) with
//   SuccessiveHalvingPruner(min_resource 1, η 3, min_early_stopping_rate 0) and with
//   HyperbandPruner(min_resource 1, max_resource 27, η 3); same data (the exact standardised
//   split of each seed, exported from rungs' own DatasetCache as little-endian float64 .bin
//   files), same model (MLP, ReLU, He init, softmax cross-entropy), same optimizers
//   (Adam with L2 decay / AdamW decoupled / heavy-ball momentum, PyTorch conventions as in
//   src/optimizers), same space and max budget. Trials run one after another (Optuna's
//   pruners are sequential here); each reports val_loss every epoch and calls
//   trial.should_prune() before the last epoch (a trial that reaches epoch 27 completes).
//   Equal spend: optuna_sha stops starting trials once its epochs reach the epochs rungs' sha
//   trained on that seed; optuna_hyperband likewise with rungs' hyperband epochs (the trial
//   running at that moment finishes, so Optuna may spend slightly more). Epochs = Σ epochs
//   each trial actually ran. Fixed study names, so Optuna's runs are reproducible too.
//   The numpy trainer was checked against rungs' trainer: from the same initial weights,
//   full batch, 10 epochs, the val_loss curves agree to 4e-15 for adam, adamw and momentum;
//   with minibatches only the RNG streams (init, batch order) differ.
// Targets (printed as met / missed):
//   T1 sha and hyperband: median best loss ≤ random_full's median with median epochs ≤ 1/3 of
//      random_full's (when the loss is worse, by how much);
//   T2 at (about) equal epochs, rungs' sha / hyperband median best loss ≤ optuna_sha /
//      optuna_hyperband's;
//   T3 asha keeps the 2-thread pool ≥ 90% busy (median over seeds).
// ───────────────────────────────────────────────────────────────────────────────────────────
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStorage, runStudy } from '../../dist/index.js';
import { DatasetCache } from '../../dist/tasks/dataset-cache.js';

const here = dirname(fileURLToPath(import.meta.url));
const PYTHON = process.env.RUNGS_BENCH_PYTHON ?? '/usr/bin/python3';

const THREADS = 2;
const SEEDS = [1, 2, 3, 4, 5];
const MAX_BUDGET = 27;
const MIN_BUDGET = 1;
const ETA = 3;
const RANDOM_TRIALS = 40;
const SHA_CANDIDATES = 81;
const ASHA_TRIALS = 81;
const VALIDATION = 0.2;
const BUSY_TARGET = 0.9;

const commonSpace = {
  optimizer: { type: 'categorical', choices: ['adam', 'adamw', 'momentum'] },
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  batchSize: { type: 'categorical', choices: [16, 32, 64, 128, 256] },
  weightDecay: { type: 'float', low: 1e-6, high: 1e-2, log: true },
};

const TASKS = {
  digits: {
    dataset: 'digits',
    model: { type: 'mlp', hidden: [64], activation: 'relu' },
    space: { ...commonSpace, hiddenUnits: { type: 'int', low: 16, high: 128, log: true } },
  },
  spirals: {
    dataset: { synthetic: 'spirals', samples: 1000, classes: 3, noise: 0.2 },
    model: { type: 'mlp', hidden: [32], activation: 'relu' },
    space: { ...commonSpace, hiddenUnits: { type: 'int', low: 8, high: 64, log: true } },
  },
};

const STRATEGIES = {
  random_full: { type: 'random', trials: RANDOM_TRIALS },
  sha: { type: 'successive-halving', candidates: SHA_CANDIDATES, reductionFactor: ETA, minBudget: MIN_BUDGET, maxBudget: MAX_BUDGET },
  hyperband: { type: 'hyperband', reductionFactor: ETA, minBudget: MIN_BUDGET, maxBudget: MAX_BUDGET },
  asha: { type: 'asha', trials: ASHA_TRIALS, reductionFactor: ETA, minBudget: MIN_BUDGET, maxBudget: MAX_BUDGET },
};

function parseArgs(argv) {
  const opts = { seeds: SEEDS, tasks: Object.keys(TASKS), optuna: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seeds') opts.seeds = argv[++i].split(',').map(Number);
    else if (a === '--tasks') opts.tasks = argv[++i].split(',');
    else if (a === '--no-optuna') opts.optuna = false;
    else {
      console.error(`unknown argument ${a} (use --seeds 1,2,3 --tasks digits,spirals --no-optuna)`);
      process.exit(2);
    }
  }
  for (const t of opts.tasks) if (!TASKS[t]) throw new Error(`unknown task ${t}`);
  return opts;
}

function studySpec(taskName, strategyName, seed) {
  const t = TASKS[taskName];
  return {
    name: `${taskName}-${strategyName}-s${seed}`,
    seed,
    metric: 'val_loss',
    direction: 'minimize',
    task: { dataset: t.dataset, model: t.model, epochs: MAX_BUDGET, validation: VALIDATION },
    space: t.space,
    strategy: STRATEGIES[strategyName],
  };
}

async function runOne(storage, taskName, strategyName, seed) {
  let workerMs = 0;
  let jobs = 0;
  const t0 = performance.now();
  const summary = await runStudy(studySpec(taskName, strategyName, seed), {
    storage,
    threads: THREADS,
    existing: 'overwrite',
    onEvent: (e) => {
      if (e.type === 'end') {
        workerMs += e.result.durationMs;
        jobs++;
      }
    },
  });
  const wall = performance.now() - t0;
  if (summary.counts.failed > 0) {
    const failed = (await storage.getTrials(summary.studyId)).filter((t) => t.state === 'failed');
    console.warn(`  note: ${summary.study}: ${failed.length} failed trial(s): ${failed.map((t) => `#${t.number} after ${t.epochsTrained} epochs (${t.error})`).join('; ')}`);
  }
  const best = summary.best;
  if (!best || best.budget !== MAX_BUDGET) {
    console.warn(`  warning: ${summary.study}: best trial ${best?.number} is at budget ${best?.budget}, not ${MAX_BUDGET}`);
  }
  return {
    bestLoss: best?.value ?? Number.NaN,
    bestBudget: best?.budget ?? 0,
    bestParams: best?.params,
    epochs: summary.epochsTrained,
    trials: Object.values(summary.counts).reduce((a, b) => a + b, 0),
    failed: summary.counts.failed,
    jobs,
    wallMs: wall,
    busy: workerMs / (THREADS * wall),
    workerMsPerJob: workerMs / jobs,
  };
}

/** Writes the exact standardised split rungs' workers train on (DatasetCache, as in run-task-job). */
function exportSplit(dir, taskName, seed) {
  const cache = new DatasetCache();
  const d = cache.split(TASKS[taskName].dataset, here, seed, VALIDATION);
  const prefix = join(dir, `${taskName}-s${seed}`);
  const write = (suffix, arr) => writeFileSync(`${prefix}-${suffix}.bin`, Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
  write('xtrain', d.xTrain);
  write('ytrain', d.yTrain);
  write('xval', d.xVal);
  write('yval', d.yVal);
  return { prefix, nTrain: d.nTrain, nVal: d.nVal, d: d.d, classes: d.classes };
}

function pythonHasOptuna() {
  const r = spawnSync(PYTHON, ['-c', 'import optuna, numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtLoss = (x) => (Number.isFinite(x) ? x.toFixed(4) : String(x));
const fmtEp = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function summarise(rows, key) {
  const xs = rows.map((r) => r[key]);
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

function pad(s, n) {
  return String(s).padEnd(n);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'rungs-search-'));
  const storage = openSqliteStorage(join(dir, 'bench.db'));
  const started = performance.now();
  /** results[task][strategy] = per-seed rows */
  const results = {};
  const optunaJobs = [];
  try {
    for (const taskName of opts.tasks) {
      results[taskName] = {};
      for (const seed of opts.seeds) {
        const data = exportSplit(dir, taskName, seed);
        const line = [];
        for (const strategyName of Object.keys(STRATEGIES)) {
          const r = await runOne(storage, taskName, strategyName, seed);
          (results[taskName][strategyName] ??= []).push({ seed, ...r });
          line.push(`${strategyName} ${fmtLoss(r.bestLoss)}/${r.epochs}ep/${(r.wallMs / 1000).toFixed(1)}s/busy ${(100 * r.busy).toFixed(0)}%`);
        }
        console.log(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${taskName} seed ${seed}: ${line.join(' · ')}`);
        const epochsOf = (s) => results[taskName][s].find((r) => r.seed === seed).epochs;
        optunaJobs.push({
          task: taskName,
          seed,
          data,
          space: TASKS[taskName].space,
          minBudget: MIN_BUDGET,
          maxBudget: MAX_BUDGET,
          eta: ETA,
          epochCaps: { optuna_sha: epochsOf('sha'), optuna_hyperband: epochsOf('hyperband') },
        });
      }
    }
    await storage.close();

    let optunaRan = false;
    if (opts.optuna) {
      if (!pythonHasOptuna()) {
        console.log(`\nOptuna reference skipped: \`${PYTHON} -c 'import optuna, numpy'\` failed (pip install optuna numpy, or set RUNGS_BENCH_PYTHON)`);
      } else {
        const jobsFile = join(dir, 'optuna-jobs.json');
        writeFileSync(jobsFile, JSON.stringify(optunaJobs));
        const t = performance.now();
        const r = spawnSync(PYTHON, [join(here, 'optuna_reference.py'), jobsFile], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'inherit'], // progress lines on stderr go straight through
          env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
        });
        if (r.status !== 0) {
          console.log(`\nOptuna reference failed (exit ${r.status}, see the error above)`);
        } else {
          optunaRan = true;
          for (const row of JSON.parse(r.stdout)) {
            (results[row.task][row.strategy] ??= []).push(row);
          }
          console.log(`[${((performance.now() - started) / 1000).toFixed(0)}s] Optuna reference done in ${((performance.now() - t) / 1000).toFixed(0)}s`);
        }
      }
    }

    report(results, opts, optunaRan);
    console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(0)}s; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${THREADS} threads asked for: a load well above that means other processes shared the CPUs and the busy fractions are pessimistic)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(results, opts, optunaRan) {
  const order = ['random_full', 'sha', 'hyperband', 'asha', 'optuna_sha', 'optuna_hyperband'];
  const resultLines = [];
  const verdicts = [];
  for (const taskName of opts.tasks) {
    const byStrategy = results[taskName];
    console.log(`\n=== ${taskName}: best val_loss and epochs trained over seeds ${opts.seeds.join(',')} (max budget ${MAX_BUDGET}, ${THREADS} threads) ===`);
    console.log(`${pad('strategy', 18)}${pad('best loss median [min–max]', 30)}${pad('epochs median [min–max]', 26)}${pad('trials', 8)}${pad('wall s', 8)}busy      per-seed best loss`);
    const stats = {};
    for (const s of order) {
      const rows = byStrategy[s];
      if (!rows) continue;
      const loss = summarise(rows, 'bestLoss');
      const ep = summarise(rows, 'epochs');
      stats[s] = { loss, ep };
      const trials = median(rows.map((r) => r.trials));
      const wall = rows[0].wallMs !== undefined ? (median(rows.map((r) => r.wallMs)) / 1000).toFixed(1) : '–';
      let busy = '–';
      if (rows[0].busy !== undefined) {
        const b = median(rows.map((r) => r.busy));
        busy = `${(100 * b).toFixed(1)}%`;
      }
      console.log(
        `${pad(s, 18)}${pad(`${fmtLoss(loss.median)} [${fmtLoss(loss.min)}–${fmtLoss(loss.max)}]`, 30)}${pad(`${fmtEp(ep.median)} [${ep.min}–${ep.max}]`, 26)}${pad(fmtEp(trials), 8)}${pad(wall, 8)}${pad(busy, 10)}${rows.map((r) => fmtLoss(r.bestLoss)).join(' ')}`,
      );
      resultLines.push(`RESULT search.${taskName}.${s}.best_loss ${loss.median}`);
      resultLines.push(`RESULT search.${taskName}.${s}.epochs ${ep.median}`);
    }
    // T1: halving strategies vs random search at ≤ 1/3 of its epochs.
    const rnd = stats.random_full;
    for (const s of ['sha', 'hyperband']) {
      const x = stats[s];
      if (!x || !rnd) continue;
      const ratio = x.ep.median / rnd.ep.median;
      const lossOk = x.loss.median <= rnd.loss.median;
      const epOk = ratio <= 1 / 3 + 1e-12;
      const diff = x.loss.median - rnd.loss.median;
      verdicts.push(
        `${taskName}: T1 ${s} reaches random_full's median best loss with ≤ 1/3 of its epochs: ${lossOk && epOk ? 'MET' : 'MISSED'} ` +
          `(loss ${fmtLoss(x.loss.median)} vs ${fmtLoss(rnd.loss.median)}, ${diff <= 0 ? 'better by' : 'WORSE by'} ${Math.abs(diff).toFixed(4)} = ${((100 * Math.abs(diff)) / rnd.loss.median).toFixed(1)}%; ` +
          `epochs ${fmtEp(x.ep.median)} / ${fmtEp(rnd.ep.median)} = ${ratio.toFixed(3)}${epOk ? '' : ' > 1/3'})`,
      );
    }
    // T2: rungs vs Optuna's pruners at (about) equal epochs.
    if (optunaRan) {
      for (const [s, o] of [['sha', 'optuna_sha'], ['hyperband', 'optuna_hyperband']]) {
        const x = stats[s];
        const y = stats[o];
        if (!x || !y) continue;
        const diff = x.loss.median - y.loss.median;
        verdicts.push(
          `${taskName}: T2 ${s} no worse than ${o} at about equal epochs: ${diff <= 0 ? 'MET' : 'MISSED'} ` +
            `(loss ${fmtLoss(x.loss.median)} vs ${fmtLoss(y.loss.median)}, ${diff <= 0 ? 'better by' : 'WORSE by'} ${Math.abs(diff).toFixed(4)}; ` +
            `epochs ${fmtEp(x.ep.median)} vs ${fmtEp(y.ep.median)}; seeds where rungs ≤ Optuna: ${
              results[taskName][s].filter((r) => r.bestLoss <= results[taskName][o].find((q) => q.seed === r.seed).bestLoss).length
            }/${results[taskName][s].length})`,
        );
      }
    }
  }
  console.log(`\n=== pool busy fraction with ${THREADS} threads: worker job time / (${THREADS} × runStudy wall), median [min–max] over seeds ===`);
  const busyAll = {};
  for (const taskName of opts.tasks) {
    for (const s of ['random_full', 'sha', 'hyperband', 'asha']) {
      const rows = results[taskName][s];
      if (!rows) continue;
      const xs = rows.map((r) => r.busy);
      (busyAll[s] ??= []).push(...xs);
      const b = median(xs);
      const jobMs = median(rows.map((r) => r.workerMsPerJob));
      console.log(
        `${pad(taskName, 9)}${pad(s, 13)}busy ${pad(`${(100 * b).toFixed(1)}% [${(100 * Math.min(...xs)).toFixed(1)}–${(100 * Math.max(...xs)).toFixed(1)}%]`, 22)}idle ${pad(`${(100 * (1 - b)).toFixed(1)}%`, 8)}mean job ${jobMs.toFixed(1)} ms`,
      );
      if (s === 'sha' || s === 'asha') resultLines.push(`RESULT search.${taskName}.${s}.busy ${b}`);
    }
  }
  for (const s of ['sha', 'asha']) {
    const xs = busyAll[s];
    if (!xs) continue;
    const b = median(xs);
    console.log(`${pad('all', 9)}${pad(s, 13)}busy ${pad(`${(100 * b).toFixed(1)}% [${(100 * Math.min(...xs)).toFixed(1)}–${(100 * Math.max(...xs)).toFixed(1)}%]`, 22)}idle ${(100 * (1 - b)).toFixed(1)}%`);
  }
  for (const taskName of opts.tasks) {
    const rows = results[taskName].asha;
    if (!rows) continue;
    const b = median(rows.map((r) => r.busy));
    verdicts.push(`${taskName}: T3 asha keeps the ${THREADS}-thread pool ≥ ${100 * BUSY_TARGET}% busy: ${b >= BUSY_TARGET ? 'MET' : 'MISSED'} (median ${(100 * b).toFixed(1)}%, idle ${(100 * (1 - b)).toFixed(1)}%)`);
  }
  if (busyAll.asha) {
    const b = median(busyAll.asha);
    verdicts.push(`all tasks: T3 asha keeps the ${THREADS}-thread pool ≥ ${100 * BUSY_TARGET}% busy: ${b >= BUSY_TARGET ? 'MET' : 'MISSED'} (median over every run ${(100 * b).toFixed(1)}%, idle ${(100 * (1 - b)).toFixed(1)}%)`);
  }
  console.log('\n=== targets ===');
  for (const v of verdicts) console.log(v);
  for (const s of ['sha', 'asha']) if (busyAll[s]) resultLines.push(`RESULT search.${s}.busy ${median(busyAll[s])}`);
  console.log('');
  for (const l of resultLines) console.log(l);
}

await main();
