/**
 * Hand-built ReportData for the report tests: a successive-halving study of
 * 30 trials over lr (log scale), optimizer (categorical) and batch_size,
 * three rungs (budgets 3, 9, 27), learning curves, and one diverged trial.
 * Deterministic (its own tiny PRNG), no storage involved.
 */
import type { ReportData, ReportTrial } from '../../src/report/report-data.js';
import type { StepValue } from '../../src/pool/protocol.js';
import type { ParamValue } from '../../src/search/space.js';
import type { Objective } from '../../src/search/strategy.js';
import { paretoFront } from '../../src/stats/pareto-front.js';

const T0 = Date.UTC(2025, 0, 15, 9, 30, 0);

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
const BATCH = [16, 32, 64, 128] as const;

export function sampleReportData(): ReportData {
  const rand = prng(42);
  const budgets = [3, 9, 27];
  const trials: ReportTrial[] = [];
  const curves: Record<number, StepValue[]> = {};
  const full = new Map<number, StepValue[]>();

  for (let n = 0; n < 30; n++) {
    const lr = 10 ** (-4 + 3 * rand());
    const optimizer = OPTIMIZERS[Math.floor(rand() * 3)] ?? 'adam';
    const batchSize = BATCH[Math.floor(rand() * 4)] ?? 32;
    const quality = Math.abs(Math.log10(lr) - (optimizer === 'adam' ? -2.5 : -1.6)) + (optimizer === 'sgd' ? 0.25 : 0) + batchSize / 512;
    const floor = 0.08 + 0.12 * quality + 0.02 * rand();
    const rate = 0.05 + 0.25 * rand();
    const curve: StepValue[] = [];
    for (let step = 1; step <= 27; step++) {
      curve.push({ step, value: floor + (0.95 - floor) * Math.exp(-rate * step) + 0.006 * (rand() - 0.5) });
    }
    full.set(n, curve);
    trials.push({
      number: n,
      state: 'pruned',
      params: { lr, optimizer, batch_size: batchSize },
      value: null,
      budget: 0,
      bracket: 0,
      metrics: {},
      epochsTrained: 0,
      durationMs: 0,
      error: null,
      rungValues: [],
    });
  }

  // Trial 7 diverges in its first job.
  const diverged = trials[7]!;
  diverged.params = { lr: 0.0871, optimizer: 'sgd', batch_size: 16 };
  full.set(7, [
    { step: 1, value: 1.4 },
    { step: 2, value: 3.9 },
  ]);

  // Successive halving: all to 3, top 10 to 9, top 3 to 27.
  let alive = trials.filter((t) => t.number !== 7);
  for (const [rung, budget] of budgets.entries()) {
    for (const t of alive) {
      const v = full.get(t.number)![budget - 1]!.value;
      t.budget = budget;
      t.value = v;
      t.rungValues.push([budget, v]);
      t.epochsTrained = budget;
      t.durationMs = budget * (40 + 10 * (t.params.batch_size as number) / 16);
      t.metrics = { val_loss: v, train_loss: v * 0.9, val_accuracy: 1 - v / 2 };
      t.state = rung === budgets.length - 1 ? 'complete' : 'pruned';
    }
    const keep = rung === 0 ? 10 : 3;
    alive = [...alive].sort((a, b) => (a.value ?? 0) - (b.value ?? 0)).slice(0, keep);
  }
  diverged.state = 'failed';
  diverged.error = 'diverged';
  diverged.budget = 1;
  diverged.epochsTrained = 2;
  diverged.durationMs = 55;

  for (const t of trials) curves[t.number] = full.get(t.number)!.slice(0, t.state === 'failed' ? 2 : t.budget);

  const ranked = trials
    .filter((t) => t.state === 'complete' || (t.state === 'pruned' && t.budget === 9))
    .sort((a, b) => b.budget - a.budget || (a.value ?? 0) - (b.value ?? 0));
  const ranking = ranked.map((t, i) => {
    const n = i < 3 ? 3 : 1;
    const std = n > 1 ? 0.004 + 0.003 * i : null;
    const mean = t.value ?? 0;
    const half = std === null ? 0 : (4.303 * std) / Math.sqrt(n);
    return {
      rank: i + 1,
      params: t.params,
      trials: [t.number],
      n,
      budget: t.budget,
      mean,
      std,
      ci95: std === null ? null : ([mean - half, mean + half] as [number, number]),
      tiedWithBest: i < 2,
    };
  });

  return {
    study: { name: 'mnist-sha-demo', direction: 'minimize', metric: 'val_loss', strategy: 'successive-halving (eta 3)', seed: 42, createdAt: T0, updatedAt: T0 + 3_600_000 },
    trials,
    curves,
    plan: [
      {
        bracket: 0,
        rungs: [
          { rung: 0, trials: 30, budget: 3 },
          { rung: 1, trials: 10, budget: 9 },
          { rung: 2, trials: 3, budget: 27 },
        ],
      },
    ],
    ranking,
    importance: [
      { param: 'lr', importance: 0.62 },
      { param: 'optimizer', importance: 0.27 },
      { param: 'batch_size', importance: 0.11 },
    ],
    generatedAt: T0 + 3_700_000,
  };
}

/** A study with no trials at all. */
export function emptyReportData(): ReportData {
  const data = sampleReportData();
  return { ...data, study: { ...data.study, name: 'empty-study' }, trials: [], curves: {}, ranking: [], importance: [] };
}

/** Trials that have no value yet: queued, running and failed ones. */
export function noValueReportData(): ReportData {
  const data = sampleReportData();
  const trials = data.trials.slice(0, 4).map((t, i): ReportTrial => ({
    ...t,
    state: i === 0 ? 'failed' : i === 1 ? 'running' : 'queued',
    value: null,
    budget: 0,
    rungValues: [],
    error: i === 0 ? 'objective threw: out of memory' : null,
  }));
  return { ...data, study: { ...data.study, name: 'no-values' }, trials, curves: {}, ranking: [], importance: [] };
}

/** One param only (a random search over lr). */
export function singleParamReportData(): ReportData {
  const data = sampleReportData();
  const trials = data.trials.map((t) => ({ ...t, params: { lr: t.params.lr as number } }));
  return { ...data, study: { ...data.study, name: 'single-param', strategy: 'random' }, trials, importance: [{ param: 'lr', importance: 1 }], ranking: data.ranking.map((r) => ({ ...r, params: { lr: r.params.lr as number } })) };
}

/** 24 params: the slice plots must wrap in a grid. */
export function manyParamsReportData(): ReportData {
  const data = sampleReportData();
  const rand = prng(7);
  const extra = Array.from({ length: 21 }, (_, i) => `feature_${String(i + 1).padStart(2, '0')}_weight`);
  const trials = data.trials.map((t) => {
    const params: Record<string, ParamValue> = { ...t.params };
    for (const [i, name] of extra.entries()) params[name] = i % 5 === 0 ? rand() < 0.5 : i % 3 === 0 ? 10 ** (-3 + 4 * rand()) : Math.round(rand() * 100) / 100;
    return { ...t, params };
  });
  const importance = [...Object.keys(trials[0]!.params)].map((param, i) => ({ param, importance: 1 / (i + 2) }));
  return { ...data, study: { ...data.study, name: 'many-params' }, trials, importance };
}

/** Breaks out of a script element, opens a comment, and tries markup in tooltips (all must stay text). */
export const EVIL = '</script><script>window.__pwned = 1</script><!-- x <img src=x onerror="window.__pwned = 2">';

/** Data that tries to break out of the page: `</script>`, `<!--` and markup in names and params. */
export function hostileReportData(): ReportData {
  const data = sampleReportData();
  const trials = data.trials.map((t, i) => (i === 0 ? { ...t, params: { ...t.params, optimizer: EVIL } } : t));
  const ranking = data.ranking.map((r, i) => (i === 0 ? { ...r, params: { ...r.params, optimizer: EVIL } } : r));
  return {
    ...data,
    study: { ...data.study, name: `<b>${EVIL}</b>`, metric: 'val<loss>' },
    trials,
    ranking,
    importance: [...data.importance, { param: EVIL, importance: 0.01 }],
  };
}

/** A conditional param: momentum only in the trials whose optimizer is "momentum" (a space with `when`). */
export function conditionalReportData(): ReportData {
  const data = sampleReportData();
  const rand = prng(11);
  const withMomentum = (params: ReportTrial['params']) => (params.optimizer === 'momentum' ? { ...params, momentum: 0.5 + 0.49 * rand() } : params);
  const trials = data.trials.map((t) => ({ ...t, params: withMomentum(t.params) }));
  const byNumber = new Map(trials.map((t) => [t.number, t.params]));
  return {
    ...data,
    study: { ...data.study, name: 'conditional' },
    trials,
    ranking: data.ranking.map((r) => ({ ...r, params: byNumber.get(r.trials[0]!) ?? r.params })),
    space: {
      lr: { type: 'float', low: 1e-4, high: 0.1, log: true },
      optimizer: { type: 'categorical', choices: ['sgd', 'momentum', 'adam'] },
      batch_size: { type: 'categorical', choices: [16, 32, 64, 128] },
      momentum: { type: 'float', low: 0.5, high: 0.99, when: { optimizer: 'momentum' } },
    },
    importance: [...data.importance, { param: 'momentum', importance: 0.05 }],
  };
}

/** The objectives of multiObjectiveReportData: loss and size (minimized), and, as a third, throughput (maximized). */
export const LOSS_SIZE_THROUGHPUT: readonly Objective[] = [
  { metric: 'val_loss', direction: 'minimize' },
  { metric: 'model_size', direction: 'minimize' },
  { metric: 'throughput', direction: 'maximize' },
];

/**
 * A random search of 30 trials with several objectives (`objectives`, default the first two of
 * LOSS_SIZE_THROUGHPUT): loss against model size (which spans three decades: a log axis), and
 * throughput; trials 5 and 17 failed, 29 is running. The front is paretoFront()'s.
 */
export function multiObjectiveReportData(objectives: readonly Objective[] = LOSS_SIZE_THROUGHPUT.slice(0, 2)): ReportData {
  const rand = prng(5);
  const [loss = 'val_loss', size = 'model_size', speed = 'throughput'] = objectives.map((o) => o.metric);
  const trials: ReportTrial[] = [];
  const curves: Record<number, StepValue[]> = {};
  for (let n = 0; n < 30; n++) {
    const lr = 10 ** (-4 + 3 * rand());
    const hidden = Math.round(2 * 200 ** rand());
    const optimizer = OPTIMIZERS[Math.floor(rand() * 3)] ?? 'adam';
    const final = 0.15 + 2 / hidden + 0.3 * Math.abs(Math.log10(lr) + 2) + 0.05 * rand();
    const curve = Array.from({ length: 5 }, (_, i) => ({ step: i + 1, value: final + (1.5 - final) * Math.exp(-(i + 1)) }));
    const state = n === 5 || n === 17 ? 'failed' : n === 29 ? 'running' : 'complete';
    const metrics: Record<string, number> = state === 'complete' ? { [loss]: final, [size]: 40 * hidden + 10, [speed]: 5000 / (1 + hidden / 20) + 400 * rand(), train_loss: final * 0.9 } : {};
    curves[n] = state === 'running' ? curve.slice(0, 2) : state === 'failed' ? curve.slice(0, 1) : curve;
    trials.push({
      number: n,
      state,
      params: { lr, hidden, optimizer },
      value: state === 'complete' ? final : null,
      budget: state === 'complete' ? 5 : 0,
      bracket: 0,
      metrics,
      epochsTrained: curves[n]!.length,
      durationMs: 100 + hidden,
      error: state === 'failed' ? 'diverged' : null,
      rungValues: state === 'complete' ? [[5, final]] : [],
    });
  }
  return {
    study: { name: 'loss-vs-size', direction: objectives[0]!.direction, metric: loss, objectives: [...objectives], strategy: 'random', seed: 5, createdAt: T0, updatedAt: T0 + 60_000 },
    trials,
    curves,
    plan: [{ bracket: 0, rungs: [{ rung: 0, trials: 30, budget: 5 }] }],
    ranking: [],
    importance: [
      { param: 'lr', importance: 0.7 },
      { param: 'hidden', importance: 0.25 },
      { param: 'optimizer', importance: 0.05 },
    ],
    paretoFront: paretoFront(trials, objectives).map((t) => t.number),
    generatedAt: T0 + 70_000,
  };
}
