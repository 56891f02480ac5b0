// Parameter importance: rungs' binned main-effect ω² (src/stats/param-importance.ts)
// side by side with Optuna's fANOVA (FanovaImportanceEvaluator, seed 0).
//
// Run after `npm run build`:
//   node bench/param-importance/compare.mjs                 # synthetic study, 200 trials
//   node bench/param-importance/compare.mjs --n 500 --seed 7
//   node bench/param-importance/compare.mjs --trials FILE   # trials exported from a real study
//   node bench/param-importance/compare.mjs --db rungs.db --study NAME
//                                      # a study straight from a store: its space, and each trial's
//                                      # value at the budget most trials reached (as the report does)
//
// --trials FILE: a JSON object
//   { "space": { "<param>": ParamSpec, ... },          // the study's space, rungs format
//     "trials": [ { "params": { "<param>": value, ... }, "value": number }, ... ] }
// A trial may give its params as `param_<name>` keys instead of "params", as the rows of
// `rungs export --format json` do. Trials whose value is null or not finite, or (when
// present) whose "state" is not "complete", are left out — so those rows can be pasted
// into "trials" as they are. Pass trials of one budget: importances over mixed budgets mix
// different objectives.
//
// Optuna runs through /usr/bin/python3 (or $RUNGS_BENCH_PYTHON; optuna_fanova.py in this folder); without it the
// script says how to install it and prints our ranking only. The last line is
// `RESULT importance.spearman <rho>` (Spearman rank correlation of the two importance
// vectors over the params, ties at midranks) when Optuna ran.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleRankCorrelation } from 'simple-statistics';
import { paramImportance } from '../../dist/stats/param-importance.js';

const here = dirname(fileURLToPath(import.meta.url));
const PYTHON = process.env.RUNGS_BENCH_PYTHON ?? '/usr/bin/python3';

function parseArgs(argv) {
  const opts = { trials: undefined, n: 200, seed: 1, db: undefined, study: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--trials' && value) opts.trials = value;
    else if (arg === '--db' && value) opts.db = value;
    else if (arg === '--study' && value) opts.study = value;
    else if (arg === '--n' && value) opts.n = Number(value);
    else if (arg === '--seed' && value) opts.seed = Number(value);
    else {
      console.error(`unknown or incomplete argument: ${arg} (use --trials FILE, --n N, --seed S)`);
      process.exit(2);
    }
    i++;
  }
  if (!Number.isInteger(opts.n) || opts.n < 10) {
    console.error(`--n must be an integer ≥ 10 (got ${opts.n})`);
    process.exit(2);
  }
  return opts;
}

/** mulberry32: small seeded PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random-search study with known structure: value = 0.5·(log10 lr + 2)² (a bowl around
 * lr = 1e-2) + offset[optimizer] + 0.5·momentum + N(0, 0.1²). Main-effect variances:
 * lr 0.25·(16/5 − 16/9) = 0.3556, optimizer 0.0622, momentum 0.25/12 = 0.0208, batch_size and
 * dropout 0 (noise 0.01): normalised, lr 0.811, optimizer 0.142, momentum 0.047 (TRUTH).
 */
const TRUTH = { lr: 0.3556, optimizer: 0.0622, momentum: 0.0208, batch_size: 0, dropout: 0 };

function synthetic(n, seed) {
  const space = {
    lr: { type: 'float', low: 1e-4, high: 1, log: true },
    momentum: { type: 'float', low: 0, high: 1 },
    batch_size: { type: 'int', low: 16, high: 256, log: true },
    dropout: { type: 'float', low: 0, high: 0.5 },
    optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
  };
  const offset = { sgd: 0.6, adam: 0, rmsprop: 0.2 };
  const r = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const trials = [];
  for (let i = 0; i < n; i++) {
    const params = {
      lr: 10 ** (-4 + 4 * r()),
      momentum: r(),
      batch_size: Math.round(2 ** (4 + 4 * r())),
      dropout: 0.5 * r(),
      optimizer: space.optimizer.choices[Math.floor(3 * r())],
    };
    const value =
      0.5 * (Math.log10(params.lr) + 2) ** 2 + offset[params.optimizer] + 0.5 * params.momentum + 0.1 * normal();
    trials.push({ params, value });
  }
  return { space, trials };
}

function loadTrials(file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof data !== 'object' || data === null || typeof data.space !== 'object' || !Array.isArray(data.trials)) {
    console.error(`${file}: expected {"space": {...}, "trials": [{"params": {...}, "value": number}, ...]}`);
    process.exit(2);
  }
  const trials = data.trials
    .map((t) => (t && typeof t === 'object' ? { ...t, params: t.params ?? flatParams(t, data.space) } : t))
    .filter(
      (t) => t && typeof t.params === 'object' && typeof t.value === 'number' && Number.isFinite(t.value) &&
        (t.state === undefined || t.state === 'complete'),
    );
  return { space: data.space, trials: trials.map((t) => ({ params: t.params, value: t.value })) };
}

/** An export row's params: its `param_<name>` columns (rungs export --format json), for the space's params. */
function flatParams(row, space) {
  const names = Object.keys(space).filter((p) => `param_${p}` in row);
  return names.length > 0 ? Object.fromEntries(names.map((p) => [p, row[`param_${p}`]])) : undefined;
}

/** A study from a store: the space from its definition, values at the step most trials reached (as the report and `rungs importance` take them). */
async function loadFromStore(db, name) {
  const { openStorage } = await import('../../dist/index.js');
  const { importanceSample, loadCurves } = await import('../../dist/study/importance-sample.js');
  const store = openStorage(db);
  try {
    const row = await store.study(name);
    const trials = await store.storage.getTrials(row.id);
    const { step, sample } = importanceSample(trials, await loadCurves(store.storage, trials));
    console.log(`values at step ${step ?? '–'} (the step most trials have a value at)`);
    return { space: row.definition.space, trials: sample };
  } finally {
    await store.close();
  }
}

function optunaAvailable() {
  const r = spawnSync(PYTHON, ['-c', 'import optuna, sklearn'], { stdio: 'ignore' });
  return r.status === 0;
}

function runOptuna(study) {
  const dir = mkdtempSync(join(tmpdir(), 'rungs-importance-'));
  try {
    const file = join(dir, 'trials.json');
    writeFileSync(file, JSON.stringify(study));
    const r = spawnSync(PYTHON, [join(here, 'optuna_fanova.py'), file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`optuna_fanova.py failed (exit ${r.status}):\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const opts = parseArgs(process.argv.slice(2));
const fromStore = opts.db !== undefined && opts.study !== undefined;
const study = fromStore ? await loadFromStore(opts.db, opts.study) : opts.trials ? loadTrials(opts.trials) : synthetic(opts.n, opts.seed);
const source = fromStore ? `study "${opts.study}" in ${opts.db}` : opts.trials ? opts.trials : `synthetic (n=${opts.n}, seed=${opts.seed}; expected order lr, optimizer, momentum, then batch_size/dropout ≈ 0)`;
console.log(`param importance — ${source}, ${study.trials.length} trials, ${Object.keys(study.space).length} params`);
if (study.trials.length < 2) {
  console.error(`${source}: ${study.trials.length} usable trial(s) (complete, with a finite value, and params): importance needs at least 2`);
  process.exit(2);
}

const ours = paramImportance(study.trials, study.space);

if (!optunaAvailable()) {
  console.log(`optuna not found for ${PYTHON}: skipping the fANOVA comparison (apt-get install -y python3-optuna python3-sklearn)`);
  console.log('param'.padEnd(20) + 'rungs');
  for (const o of ours) console.log(o.param.padEnd(20) + o.importance.toFixed(4));
  process.exit(0);
}

const theirs = runOptuna(study);
const pad = Math.max(5, ...ours.map((o) => o.param.length)) + 2;
const truthTotal = Object.values(TRUTH).reduce((a, b) => a + b, 0);
const truth = opts.trials || fromStore ? undefined : (p) => (TRUTH[p] ?? 0) / truthTotal;
console.log(
  'param'.padEnd(pad) + 'rungs'.padStart(8) + 'optuna'.padStart(10) + (truth ? 'true'.padStart(8) : '') +
    '   rank (rungs/optuna)',
);
const optunaRank = Object.entries(theirs)
  .sort((a, b) => b[1] - a[1])
  .map(([p]) => p);
ours.forEach((o, i) => {
  const t = theirs[o.param] ?? 0;
  console.log(
    o.param.padEnd(pad) + o.importance.toFixed(4).padStart(8) + t.toFixed(4).padStart(10) +
      (truth ? truth(o.param).toFixed(3).padStart(8) : '') +
      `   ${i + 1}/${optunaRank.indexOf(o.param) + 1}`,
  );
});
const rho =
  ours.length < 2 ? Number.NaN : sampleRankCorrelation(ours.map((o) => o.importance), ours.map((o) => theirs[o.param] ?? 0));
console.log(`RESULT importance.spearman ${Number.isFinite(rho) ? rho.toFixed(4) : 'NaN'}`);
