// The tasks, space and budgets of bench:search, shared by run.mjs, rung-fidelity.mjs and
// bench:tpe (bench/tpe-quality/run.mjs), and the export of their data for the Optuna reference
// (exportSplit, which bench:conditional uses too).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MULTI_FIDELITY_TYPES } from '../../dist/search/strategy-spec.js';
import { DatasetCache } from '../../dist/tasks/dataset-cache.js';

const here = dirname(fileURLToPath(import.meta.url));
export const MAX_BUDGET = 27;
export const MIN_BUDGET = 1;
export const ETA = 3;
export const VALIDATION = 0.2;
/**
 * Seeds per task unless --seeds is given: 30 on digits (about 40 s a seed in bench:search with Optuna), 100 on
 * spirals (about 5 s). At 10, the medians of two strategies that are level swapped places from one set of seeds
 * to the next: T1 and T2 verdicts read at 10 seeds flipped at 30 and 100 (see README).
 */
export const TASK_SEEDS = { digits: seedRange(30), spirals: seedRange(100) };
function seedRange(n) {
  return Array.from({ length: n }, (_, i) => i + 1);
}

const commonSpace = {
  optimizer: { type: 'categorical', choices: ['adam', 'adamw', 'momentum'] },
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  batchSize: { type: 'categorical', choices: [16, 32, 64, 128, 256] },
  weightDecay: { type: 'float', low: 1e-6, high: 1e-2, log: true },
};

export const TASKS = {
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

/**
 * A study of `taskName` with `strategy` (metric val_loss, minimize). Grid and random train every
 * trial to task.epochs = MAX_BUDGET; a halving strategy trains to its own maxBudget (task.epochs
 * is then left out: rungs refuses one that differs from maxBudget).
 */
export function taskStudy(taskName, name, seed, strategy, extra = {}) {
  const t = TASKS[taskName];
  const halving = MULTI_FIDELITY_TYPES.includes(strategy.type);
  return {
    name,
    seed,
    metric: 'val_loss',
    direction: 'minimize',
    task: { dataset: t.dataset, model: t.model, ...(halving ? {} : { epochs: MAX_BUDGET }), validation: VALIDATION },
    space: t.space,
    strategy,
    ...extra,
  };
}

/**
 * Writes the exact standardised split rungs' workers train on for `seed` (DatasetCache, as in
 * run-task-job) as little-endian float64 .bin files in `dir`, for optuna_reference.py's load().
 * `dataset` defaults to the task's (bench:conditional passes its own tasks' datasets).
 */
export function exportSplit(dir, taskName, seed, dataset = TASKS[taskName].dataset) {
  const cache = new DatasetCache();
  const d = cache.split(dataset, here, seed, VALIDATION);
  const prefix = join(dir, `${taskName}-s${seed}`);
  const write = (suffix, arr) => writeFileSync(`${prefix}-${suffix}.bin`, Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
  write('xtrain', d.xTrain);
  write('ytrain', d.yTrain);
  write('xval', d.xVal);
  write('yval', d.yVal);
  return { prefix, nTrain: d.nTrain, nVal: d.nVal, d: d.d, classes: d.classes };
}
