/**
 * What an objective gave, read as the study's value(s). One objective: a number, or an object with
 * the study's metric (Ray Tune's report dict). Several: an array in the order of the objectives
 * (Optuna's tuple), or an object naming each objective's metric. Other numbers in an object are kept
 * as extra metrics (Optuna's user attrs, for numbers), as the built-in tasks keep val_accuracy.
 */
import { formatValue, isRecord } from '../format-value.js';
import type { JobResult, MetricCurves, StepValue } from './protocol.js';

/** What one objective gave: its value and other metrics, or what it should have been (`must return ${expected}`). */
export type ObjectiveValue = { value: number; extra: Record<string, number> } | { expected: string };

/**
 * @example objectiveValue(0.1, 'loss')                       // { value: 0.1, extra: {} }
 * @example objectiveValue({ loss: 0.1, accuracy: 0.9 }, 'loss') // { value: 0.1, extra: { accuracy: 0.9 } }
 */
export function objectiveValue(raw: unknown, metric: string): ObjectiveValue {
  if (typeof raw === 'number') return { value: raw, extra: {} };
  if (Array.isArray(raw)) return { expected: `a number (got an array: a study that returns several values declares them as "objectives")` };
  if (isRecord(raw)) {
    if (typeof raw[metric] !== 'number') {
      return {
        expected: `a number, or an object with the study's metric "${metric}" as a number and any other metrics beside it (got ${formatValue(raw)}: no "${metric}"; several values to optimise are declared as "objectives")`,
      };
    }
    return { value: raw[metric] as number, extra: extraNumbers(raw, [metric]) };
  }
  return { expected: `a number (got ${raw === null ? 'null' : typeof raw})` };
}

/** What several objectives gave: one value each and other metrics, or what is wrong with it (`must give …`). */
export type ObjectiveValues = { values: number[]; extra: Record<string, number> } | { problem: string };

/**
 * @example objectiveValues([0.1, 300], ['loss', 'size'])           // { values: [0.1, 300], extra: {} }
 * @example objectiveValues({ size: 300, loss: 0.1 }, ['loss', 'size']) // { values: [0.1, 300], extra: {} }
 */
export function objectiveValues(raw: unknown, metrics: readonly string[]): ObjectiveValues {
  const wanted = `${metrics.length} numbers, [${metrics.join(', ')}] in that order, or an object { ${metrics.map((m) => `${m}: number`).join(', ')} }`;
  if (Array.isArray(raw)) {
    if (raw.length === metrics.length && raw.every((v) => typeof v === 'number')) return { values: [...raw], extra: {} };
    return { problem: `must give ${wanted} (got ${formatValue(raw)})` };
  }
  if (isRecord(raw)) {
    const missing = metrics.filter((m) => typeof raw[m] !== 'number');
    if (missing.length > 0) return { problem: `must give ${wanted}: ${missing.map((m) => `"${m}"`).join(', ')} missing or not a number (got ${formatValue(raw)})` };
    return { values: metrics.map((m) => raw[m] as number), extra: extraNumbers(raw, metrics) };
  }
  return { problem: `must give ${wanted} (got ${formatValue(raw)})` };
}

/** The numbers of `raw` other than the objectives' (anything else in it is not a metric, and is not kept). */
function extraNumbers(raw: Record<string, unknown>, metrics: readonly string[]): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) if (!metrics.includes(k) && typeof v === 'number') extra[k] = v;
  return extra;
}

/** The metrics a trial stores for objective values: each objective's, and the extra ones. */
export function objectiveMetrics(values: readonly number[], extra: Record<string, number>, metrics: readonly string[]): Record<string, number> {
  const out: Record<string, number> = { ...extra };
  metrics.forEach((m, i) => (out[m] = values[i]!));
  return out;
}

/** Objective values for a message: `loss 0.25, size Infinity` (JSON would print null for a non-finite number). */
export function formatObjectiveValues(values: readonly number[], metrics: readonly string[]): string {
  return metrics.map((m, i) => `${m} ${String(values[i])}`).join(', ');
}

/**
 * The end of a job whose objective gave `read` (objectiveValues): complete with each objective's value among its
 * metrics (`told`: metrics given beside them), or, with a value that is not finite, failed as diverged, its values
 * kept as metrics so which one it was can be read back. `what` starts the message: "the objective returned".
 */
export function resultOfValues(
  read: { values: number[]; extra: Record<string, number> },
  metrics: readonly string[],
  base: { curve: StepValue[]; metricCurves?: MetricCurves; budget: number; epochsTrained: number; durationMs: number },
  more: { told?: Record<string, number>; checkpoint?: Uint8Array; what: string },
): JobResult {
  const all = { ...more.told, ...objectiveMetrics(read.values, read.extra, metrics) };
  if (!read.values.every(Number.isFinite)) return { ...base, state: 'failed', reason: 'diverged', message: `${more.what} ${formatObjectiveValues(read.values, metrics)}`, metrics: all };
  return { ...base, state: 'complete', value: read.values[0]!, metrics: all, ...(more.checkpoint ? { checkpoint: more.checkpoint } : {}) };
}
