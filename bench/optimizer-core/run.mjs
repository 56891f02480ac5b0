// Optimizer-core throughput: rungs' real training path (createTrainer + trainEpoch on
// PreparedData, from the built dist/) side by side with an idiomatic vectorised numpy
// reference (reference.py in this folder), on the same seeded data.
//
//   npm run bench:core                      # = npm run build && node bench/optimizer-core/run.mjs
//   node bench/optimizer-core/run.mjs --quick   # fewer repetitions (smoke run)
//   RUNGS_BENCH_PYTHON=/path/to/python3 ...     # another interpreter (default: python3 on PATH)
//
// Kernels (samples/s = training rows processed in one epoch / seconds per epoch; median of
// several epochs after warm-up epochs, same protocol and counts in both languages; 3 rounds,
// rungs and numpy alternating per kernel so both see the same machine load, median over rounds):
//   gd_full       linear regression (MSE), 100,000 × 50, full-batch GD (one step per epoch)
//   sgd_b32       same data, minibatch SGD, batch 32, reshuffled every epoch
//   adam_b32      same data, Adam (bias-corrected), batch 32
//   softmax_adam_b32  softmax regression (10 classes, cross-entropy) on data/digits.csv
//                 (1797 × 64, standardised), Adam, batch 32 (no target: not one of issue 3's kernels)
//   mlp_adam_b32  MLP 64-128-10 (ReLU, softmax + cross-entropy) on the same digits, Adam, batch 32
// Each runs on the models' WebAssembly SIMD kernels (the MLP's layers and Adam's update; the
// linear model's scores and weight gradient), and is timed again on rungs' TypeScript loops,
// which they reproduce bit for bit (the last two columns, and `RESULT core.<kernel>.simd_vs_loops`;
// RUNGS_KERNELS=js makes both the loops).
//
// The data is generated (and standardised) here, written to a temp folder as
// little-endian Float64 .bin files plus meta.json, and read by numpy with np.fromfile.
// Before timing, one epoch of every kernel is run on both sides from the same initial
// params (and, for minibatches, the same row order) and the results are compared.
//
// Validation: trainEpoch evaluates the validation split after every epoch. The Node side
// uses a 1-row validation split (a copy of training row 0), so that evaluation costs one
// row per epoch; numpy does no evaluation.
//
// The python child runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its
// environment (they pin an old code path and slow down a current OpenBLAS); nothing else
// is changed, and numpy keeps its default thread count, which is reported.
//
// Last lines: `RESULT core.<kernel> <rungs/numpy ratio>`, one per kernel, when numpy ran.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createTrainer } from '../../dist/tasks/trainer.js';
import { DEFAULT_TRAIN_PARAMS } from '../../dist/tasks/task-spec.js';
import { makeSynthetic } from '../../dist/tasks/synthetic.js';
import { loadCsv } from '../../dist/tasks/load-csv.js';
import { wasmKernelsAvailable } from '../../dist/tasks/model-wasm.js';
import { featureStats, standardize } from '../../dist/tasks/standardize.js';
import { Rng, deriveSeed } from '../../dist/rng.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const PYTHON = process.env.RUNGS_BENCH_PYTHON ?? 'python3';
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : 3;
for (const a of process.argv.slice(2)) {
  if (a !== '--quick') {
    console.error(`unknown argument: ${a} (use --quick)`);
    process.exit(2);
  }
}

const DATA_SEED = 20240;
const TRIAL_SEED = 7;
/** The trainer's shuffle stream (trainer.ts SHUFFLE_STREAM): the order of epoch 1 is reproduced for the check. */
const SHUFFLE_STREAM = 2;

const KERNELS = [
  {
    name: 'gd_full',
    data: 'lin',
    model: 'linear',
    hp: { optimizer: 'sgd', lr: 0.1, batchSize: 0 },
    warmup: quick ? 2 : 5,
    reps: quick ? 5 : 20,
    target: 0.7,
  },
  {
    name: 'sgd_b32',
    data: 'lin',
    model: 'linear',
    hp: { optimizer: 'sgd', lr: 0.01, batchSize: 32 },
    warmup: quick ? 1 : 2,
    reps: quick ? 3 : 7,
    target: 3,
  },
  {
    name: 'adam_b32',
    data: 'lin',
    model: 'linear',
    hp: { optimizer: 'adam', lr: 0.01, batchSize: 32 },
    warmup: quick ? 1 : 2,
    reps: quick ? 3 : 7,
    target: 3,
  },
  {
    // Not one of issue 3's kernels (no target): the softmax model's path through the SIMD kernels, k = 10 scores a row.
    name: 'softmax_adam_b32',
    data: 'dig',
    model: 'softmax',
    hp: { optimizer: 'adam', lr: 0.01, batchSize: 32 },
    warmup: quick ? 3 : 10,
    reps: quick ? 5 : 30,
    target: null,
  },
  {
    name: 'mlp_adam_b32',
    data: 'dig',
    model: { type: 'mlp', hidden: [128], activation: 'relu', output: 'softmax' },
    hp: { optimizer: 'adam', lr: 0.001, batchSize: 32 },
    warmup: quick ? 3 : 10,
    reps: quick ? 5 : 30,
    target: 2,
  },
];

/** The longest kernel name, for the check lines' column. */
const NAME_WIDTH = Math.max(...KERNELS.map((k) => k.name.length));

// ---------------------------------------------------------------- data

/** PreparedData training on every row, with a 1-row validation split (a copy of row 0). */
function prepared(x, y, n, d, kind, classes) {
  return {
    xTrain: x,
    yTrain: y,
    nTrain: n,
    xVal: x.slice(0, d),
    yVal: y.slice(0, 1),
    nVal: 1,
    d,
    kind,
    classes,
  };
}

function linearData() {
  const ds = makeSynthetic({ synthetic: 'regression', samples: 100_000, features: 50, noise: 0.1 }, DATA_SEED);
  return prepared(ds.x, ds.y, ds.n, ds.d, ds.kind, ds.classes);
}

function digitsData() {
  const ds = loadCsv(join(root, 'data', 'digits.csv'));
  const x = new Float64Array(ds.x);
  standardize(x, ds.n, ds.d, featureStats(x, ds.n, ds.d));
  return prepared(x, new Float64Array(ds.y), ds.n, ds.d, ds.kind, ds.classes);
}

function writeF64(path, arr) {
  writeFileSync(path, Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
}
function readF64(path) {
  const b = readFileSync(path);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

// ---------------------------------------------------------------- rungs side

function hpOf(k) {
  return { ...DEFAULT_TRAIN_PARAMS, ...k.hp };
}

function makeTrainer(k, data, kernels) {
  return createTrainer(data, k.model, hpOf(k), TRIAL_SEED, 1000, kernels ? { kernels } : {});
}

/** Mean training loss at the current params, in chunks of the model's maxBatch. */
function trainLoss(model, data) {
  const pred = new Float64Array(data.nTrain);
  let sum = 0;
  for (let s = 0; s < data.nTrain; s += model.maxBatch) {
    sum += model.evaluate(data.xTrain, data.yTrain, data.d, s, Math.min(s + model.maxBatch, data.nTrain), pred);
  }
  return sum / data.nTrain;
}

/** The row order of the trainer's first epoch (identity, shuffled by the shuffle stream). */
function firstEpochOrder(n) {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  new Rng(deriveSeed(TRIAL_SEED, SHUFFLE_STREAM)).shuffle(order);
  return order;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timeRungs(k, data, kernels) {
  const t = makeTrainer(k, data, kernels);
  for (let i = 0; i < k.warmup; i++) t.trainEpoch();
  const secs = [];
  for (let i = 0; i < k.reps; i++) {
    const t0 = performance.now();
    const rec = t.trainEpoch();
    secs.push((performance.now() - t0) / 1000);
    if (!Number.isFinite(rec.metrics.train_loss)) throw new Error(`${k.name}: rungs diverged during timing`);
  }
  return median(secs);
}

// ---------------------------------------------------------------- main

const dir = mkdtempSync(join(tmpdir(), 'rungs-bench-core-'));
try {
  const datasets = { lin: linearData(), dig: digitsData() };
  const meta = { dir, kernels: [], datasets: {} };
  for (const [key, d] of Object.entries(datasets)) {
    writeF64(join(dir, `${key}_x.bin`), d.xTrain);
    writeF64(join(dir, `${key}_y.bin`), d.yTrain);
    meta.datasets[key] = { n: d.nTrain, d: d.d, classes: d.classes };
  }

  // One checked epoch per kernel on the Node side; initial params and epoch-1 order go to numpy.
  const node = {};
  for (const k of KERNELS) {
    const data = datasets[k.data];
    const t = makeTrainer(k, data);
    const init = new Float64Array(t.model.params);
    const full = t.batchSize >= data.nTrain;
    writeF64(join(dir, `${k.name}_init.bin`), init);
    if (!full) writeFileSync(join(dir, `${k.name}_order.bin`), Buffer.from(firstEpochOrder(data.nTrain).buffer));
    const rec = t.trainEpoch();
    node[k.name] = {
      epochLoss: rec.metrics.train_loss,
      lossAfter: trainLoss(t.model, data),
      params: new Float64Array(t.model.params),
    };
    const hp = hpOf(k);
    meta.kernels.push({
      name: k.name,
      data: k.data,
      model: typeof k.model === 'string' ? k.model : 'mlp',
      hidden: typeof k.model === 'string' ? [] : k.model.hidden,
      optimizer: hp.optimizer,
      lr: hp.lr,
      beta1: hp.beta1,
      beta2: hp.beta2,
      epsilon: hp.epsilon,
      batch: full ? data.nTrain : hp.batchSize,
      full,
      warmup: k.warmup,
      reps: k.reps,
      seed: TRIAL_SEED,
    });
  }
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2));

  // ---- reference (numpy)
  const env = { ...process.env };
  const unset = [];
  for (const v of ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']) {
    if (v in env) {
      unset.push(`${v}=${env[v]}`);
      delete env[v];
    }
  }
  let ref = null;
  let skip = null;
  const py = (args) => {
    const r = spawnSync(PYTHON, [join(here, 'reference.py'), join(dir, 'meta.json'), ...args], {
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      throw new Error(`reference.py ${args.join(' ')} failed (exit ${r.status})`);
    }
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  const probe = spawnSync(PYTHON, ['-c', 'import numpy; print(numpy.__version__)'], { env, encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    skip = probe.error ? `${PYTHON} not found (${probe.error.code})` : `numpy not importable by ${PYTHON}`;
  } else {
    ref = py(['check']);
  }

  // ---- header
  console.log('rungs optimizer core vs numpy');
  console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), single-threaded JS`);
  if (ref) {
    console.log(`numpy ${ref.numpy} (python ${ref.python}); BLAS: ${ref.blas}; BLAS threads: ${ref.threads}`);
    console.log(
      `python child env: ${unset.length ? `unset ${unset.join(', ')}` : 'OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE were not set'}`,
    );
  } else {
    console.log(`reference: skipped — ${skip}`);
  }
  console.log('validation: rungs evaluates a 1-row validation split after each epoch (negligible); numpy evaluates none');
  console.log(
    `protocol: median seconds/epoch after warm-up epochs, same counts in both languages;` +
      ` ${ROUNDS} round(s), rungs and numpy alternating per kernel, median over rounds${quick ? ' (--quick)' : ''}`,
  );
  console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);

  // ---- agreement check
  let allOk = true;
  if (ref) {
    console.log('');
    console.log('check: one epoch from the same init (and the same row order), rungs vs numpy');
    for (const k of KERNELS) {
      const a = node[k.name];
      const b = ref.check[k.name];
      const pb = readF64(join(dir, `${k.name}_params_ref.bin`));
      let dmax = 0;
      let pmax = 0;
      for (let i = 0; i < a.params.length; i++) {
        dmax = Math.max(dmax, Math.abs(a.params[i] - pb[i]));
        pmax = Math.max(pmax, Math.abs(a.params[i]));
      }
      const relEpoch = Math.abs(a.epochLoss - b.epochLoss) / Math.abs(b.epochLoss);
      const relAfter = Math.abs(a.lossAfter - b.lossAfter) / Math.abs(b.lossAfter);
      const relParams = dmax / pmax;
      const tol = k.hp.batchSize === 0 ? 1e-9 : 1e-7;
      const ok = relEpoch <= tol && relAfter <= tol && relParams <= tol && pb.length === a.params.length;
      allOk &&= ok;
      console.log(
        `  ${k.name.padEnd(NAME_WIDTH)} loss after epoch ${a.lossAfter.toPrecision(12)} vs ${b.lossAfter.toPrecision(12)}` +
          `  rel ${relAfter.toExponential(1)}; epoch mean loss rel ${relEpoch.toExponential(1)};` +
          ` params max rel ${relParams.toExponential(1)}  (tol ${tol.toExponential(0)}) ${ok ? 'ok' : 'MISMATCH'}`,
      );
    }
  }

  // ---- timing: ROUNDS rounds; in each, every kernel is timed in rungs and right after in
  // numpy, so both see the same machine load; the figure is the median over the rounds.
  console.log('');
  const rungsSec = Object.fromEntries(KERNELS.map((k) => [k.name, []]));
  const numpySec = Object.fromEntries(KERNELS.map((k) => [k.name, []]));
  // Every kernel also on rungs' TypeScript loops (the SIMD kernels' reference, same bits), in the same rounds.
  const loopsSec = Object.fromEntries(KERNELS.map((k) => [k.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const k of KERNELS) {
      rungsSec[k.name].push(timeRungs(k, datasets[k.data]));
      loopsSec[k.name].push(timeRungs(k, datasets[k.data], 'js'));
      if (ref) numpySec[k.name].push(py(['time', k.name]).time[k.name]);
    }
  }
  const rows = [];
  for (const k of KERNELS) {
    const n = datasets[k.data].nTrain;
    const rungsSps = n / median(rungsSec[k.name]);
    const loopsSps = n / median(loopsSec[k.name]);
    const numpySps = ref ? n / median(numpySec[k.name]) : null;
    rows.push({ k, rungsSps, loopsSps, numpySps, ratio: numpySps ? rungsSps / numpySps : null });
  }
  const fmt = (v) => (v === null ? '-' : Math.round(v).toLocaleString('en-US'));
  const header = ['kernel', 'rungs samples/s', 'numpy samples/s', 'ratio', 'target', 'status', 'rungs on its loops', 'kernels/loops'];
  const table = rows.map(({ k, rungsSps, loopsSps, numpySps, ratio }) => [
    k.name,
    fmt(rungsSps),
    fmt(numpySps),
    ratio === null ? '-' : ratio.toFixed(2),
    k.target === null ? '-' : `≥ ${k.target}`,
    ratio === null || k.target === null ? '-' : ratio >= k.target ? 'met' : 'missed',
    fmt(loopsSps),
    (rungsSps / loopsSps).toFixed(2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
  const line = (r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));
  console.log(
    wasmKernelsAvailable()
      ? 'rungs samples/s: on the WebAssembly SIMD kernels; on its loops: the TypeScript loops they reproduce bit for bit'
      : 'no WebAssembly SIMD here: both rungs columns are the TypeScript loops',
  );
  console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  if (ref && !allOk) console.log('\nWARNING: rungs and numpy disagree (see check above): the ratios compare different computations');
  if (ref) {
    console.log('');
    for (const { k, ratio } of rows) console.log(`RESULT core.${k.name} ${ratio.toFixed(3)}`);
  }
  for (const { k, rungsSps, loopsSps } of rows) console.log(`RESULT core.${k.name}.simd_vs_loops ${(rungsSps / loopsSps).toFixed(3)}`);
  if (ref && !allOk) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
