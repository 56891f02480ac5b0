/**
 * Checks a study file's `task` object and returns every problem at once,
 * each naming the exact path, the rule and the value, e.g.
 * `task.model.hidden[1] must be a positive integer (got 0)`.
 */
import { BUNDLED_DATASETS } from './bundled-datasets.js';
import { SYNTHETIC_KINDS } from './synthetic.js';
import { ACTIVATIONS, isTrainParamName } from './train-param-names.js';
import { validateTrainParams } from './validate-train-params.js';
import { didYouMean, formatValue, isRecord } from '../format-value.js';

export { TRAIN_PARAM_NAMES } from './train-param-names.js';

const TASK_KEYS = ['dataset', 'model', 'optimizer', 'epochs', 'validation', 'folds', 'test', 'testSeed'];
const MODEL_TYPES = ['linear', 'logistic', 'softmax', 'mlp'];

export function validateTask(task: unknown, path: string): string[] {
  if (!isRecord(task)) return [`${path} must be an object with a dataset and a model (got ${formatValue(task)})`];
  const out: string[] = [];
  for (const k of Object.keys(task)) {
    if (!TASK_KEYS.includes(k)) out.push(`${path}.${k} is not a task field (${didYouMean(k, TASK_KEYS)}allowed: ${TASK_KEYS.join(', ')})${hyperparameterHint(k, path)}`);
  }
  if (task.dataset === undefined) out.push(`${path}.dataset is required (a bundled name: ${BUNDLED_DATASETS.join(', ')}; or {"csv": path}; or {"synthetic": kind})`);
  else out.push(...validateDataset(task.dataset, `${path}.dataset`));
  if (task.model === undefined) out.push(`${path}.model is required (one of ${MODEL_TYPES.join(', ')})`);
  else out.push(...validateModel(task.model, `${path}.model`));
  if (task.optimizer !== undefined) out.push(...validateTrainParams(task.optimizer, `${path}.optimizer`));
  if (task.epochs !== undefined && !isInt(task.epochs, 1)) {
    out.push(`${path}.epochs must be an integer ≥ 1 (got ${formatValue(task.epochs)})`);
  }
  if (task.validation !== undefined && !(typeof task.validation === 'number' && task.validation > 0 && task.validation < 1)) {
    out.push(`${path}.validation must be a fraction in (0, 1) (got ${formatValue(task.validation)})`);
  }
  if (task.test !== undefined && !(typeof task.test === 'number' && task.test > 0 && task.test < 1)) {
    out.push(`${path}.test must be a fraction in (0, 1) of the rows, held out before the validation split or folds (got ${formatValue(task.test)})`);
  }
  if (task.testSeed !== undefined) {
    if (!(isInt(task.testSeed, 0) && (task.testSeed as number) <= 0xffffffff)) out.push(`${path}.testSeed must be an integer in [0, 4294967295] (got ${formatValue(task.testSeed)})`);
    else if (task.test === undefined) out.push(`${path}.testSeed picks the rows ${path}.test holds out, and there is no ${path}.test: give both or neither`);
  }
  if (task.folds !== undefined && !isInt(task.folds, 2)) {
    out.push(`${path}.folds must be an integer ≥ 2 (got ${formatValue(task.folds)})`);
  }
  if (task.folds !== undefined && task.validation !== undefined) {
    out.push(`${path}.validation and ${path}.folds cannot both be given: folds replace the single validation split`);
  }
  return out;
}

function validateDataset(ds: unknown, path: string): string[] {
  if (typeof ds === 'string') {
    return (BUNDLED_DATASETS as readonly string[]).includes(ds)
      ? []
      : [`${path} must be a bundled dataset (${BUNDLED_DATASETS.join(', ')}), {"csv": path} or {"synthetic": kind} (got ${formatValue(ds)})`];
  }
  if (!isRecord(ds)) {
    return [`${path} must be a bundled dataset name (${BUNDLED_DATASETS.join(', ')}), {"csv": path} or {"synthetic": kind} (got ${formatValue(ds)})`];
  }
  const out: string[] = [];
  if ('csv' in ds) {
    unknownKeys(ds, ['csv', 'target'], path, out);
    if (typeof ds.csv !== 'string' || ds.csv === '') out.push(`${path}.csv must be a non-empty file path (got ${formatValue(ds.csv)})`);
    if (ds.target !== undefined && (typeof ds.target !== 'string' || ds.target === '')) {
      out.push(`${path}.target must be a column name (got ${formatValue(ds.target)})`);
    }
    return out;
  }
  if ('synthetic' in ds) {
    unknownKeys(ds, ['synthetic', 'samples', 'features', 'classes', 'noise', 'seed'], path, out);
    const kind = ds.synthetic;
    if (typeof kind !== 'string' || !(SYNTHETIC_KINDS as readonly string[]).includes(kind)) {
      out.push(`${path}.synthetic must be one of ${SYNTHETIC_KINDS.join(', ')} (got ${formatValue(kind)})`);
    }
    if (ds.samples !== undefined && !isInt(ds.samples, 2)) out.push(`${path}.samples must be an integer ≥ 2 (got ${formatValue(ds.samples)})`);
    if (ds.features !== undefined) {
      if (!isInt(ds.features, 1)) out.push(`${path}.features must be a positive integer (got ${formatValue(ds.features)})`);
      else if ((kind === 'moons' || kind === 'spirals') && ds.features !== 2) {
        out.push(`${path}.features must be 2 for ${kind} data (got ${formatValue(ds.features)})`);
      }
    }
    if (ds.classes !== undefined) {
      if (!isInt(ds.classes, 2)) out.push(`${path}.classes must be an integer ≥ 2 (got ${formatValue(ds.classes)})`);
      else if (kind === 'regression') out.push(`${path}.classes does not apply to regression data (got ${formatValue(ds.classes)})`);
      else if ((kind === 'classification' || kind === 'moons') && ds.classes !== 2) {
        out.push(`${path}.classes must be 2 for ${kind} data (got ${formatValue(ds.classes)})`);
      }
    }
    if (ds.noise !== undefined && !(typeof ds.noise === 'number' && Number.isFinite(ds.noise) && ds.noise >= 0)) {
      out.push(`${path}.noise must be a finite number ≥ 0 (got ${formatValue(ds.noise)})`);
    }
    if (ds.seed !== undefined && !(isInt(ds.seed, 0) && (ds.seed as number) <= 0xffffffff)) {
      out.push(`${path}.seed must be an integer in [0, 4294967295] (got ${formatValue(ds.seed)})`);
    }
    return out;
  }
  return [`${path} must have a "csv" or a "synthetic" field (got ${formatValue(ds)})`];
}

function validateModel(model: unknown, path: string): string[] {
  if (typeof model === 'string') {
    if (model === 'mlp') return [`${path} must be {"type": "mlp", "hidden": [widths…]} for an MLP, e.g. {"type": "mlp", "hidden": [64]} (got "mlp")`];
    return MODEL_TYPES.includes(model) ? [] : [`${path} must be one of ${MODEL_TYPES.join(', ')} (got ${formatValue(model)})`];
  }
  if (!isRecord(model)) return [`${path} must be a model name or {"type": ...} (got ${formatValue(model)})`];
  const out: string[] = [];
  const type = model.type;
  if (typeof type !== 'string' || !MODEL_TYPES.includes(type)) {
    out.push(`${path}.type must be one of ${MODEL_TYPES.join(', ')} (got ${formatValue(type)})`);
    return out;
  }
  if (type !== 'mlp') {
    unknownKeys(model, ['type'], path, out);
    return out;
  }
  unknownKeys(model, ['type', 'hidden', 'activation', 'output'], path, out);
  if (!Array.isArray(model.hidden) || model.hidden.length === 0) {
    out.push(`${path}.hidden must be a non-empty array of layer widths, e.g. [64, 32] (got ${formatValue(model.hidden)})`);
  } else {
    model.hidden.forEach((w: unknown, i: number) => {
      if (!isInt(w, 1)) out.push(`${path}.hidden[${i}] must be a positive integer (got ${formatValue(w)})`);
    });
  }
  if (model.activation !== undefined && !(ACTIVATIONS as readonly unknown[]).includes(model.activation)) {
    out.push(`${path}.activation must be one of ${ACTIVATIONS.join(', ')} (got ${formatValue(model.activation)})`);
  }
  if (model.output !== undefined && model.output !== 'softmax' && model.output !== 'linear') {
    out.push(`${path}.output must be "softmax" or "linear" (got ${formatValue(model.output)})`);
  }
  return out;
}

/** Unknown keys of the task's dataset or model, whose `path` is the task's path and one field more. */
function unknownKeys(obj: Record<string, unknown>, allowed: string[], path: string, out: string[]): void {
  const task = path.slice(0, path.lastIndexOf('.'));
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) out.push(`${path}.${k} is not a field here (${didYouMean(k, allowed)}allowed: ${allowed.join(', ')})${hyperparameterHint(k, task)}`);
  }
}

/**
 * Where a hyperparameter written in the wrong place goes: `task.lr` or `task.model.hiddenUnits` are trained with, not
 * part of the task or the model (`task`: the task's path).
 */
function hyperparameterHint(key: string, task: string): string {
  if (!isTrainParamName(key)) return '';
  const shape = key === 'hiddenUnits' || key === 'hiddenLayers' ? `; an MLP's own layer widths are ${task}.model.hidden, e.g. [64, 32]` : '';
  return `: ${key} is a hyperparameter, fixed in ${task}.optimizer (${task}.optimizer.${key}) or searched in space (space.${key})${shape}`;
}

function isInt(v: unknown, min: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}
