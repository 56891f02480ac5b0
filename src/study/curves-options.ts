/**
 * The options of StudyStore.curves, checked before the store is read: a wrong one must be an error, not a
 * quietly different answer (a misspelt key would return every trial's curves).
 */
import { UsageError } from '../errors.js';
import { formatValue, isRecord, unknownKeyIssues } from '../format-value.js';

export interface CurvesOptions {
  /** Only these trials, by number (each must exist). */
  trials?: readonly number[];
  /** Only the best k trials, as best(name, k) ranks them (a study of one objective; not with `trials`). */
  top?: number;
  /** Only these metrics (each must have a curve in some selected trial). */
  metrics?: readonly string[];
}

const KEYS = ['trials', 'top', 'metrics'];

export function checkCurvesOptions(opts: unknown): CurvesOptions {
  if (!isRecord(opts)) throw new UsageError(`curves(): opts must be an object, e.g. { trials: [0, 3], metrics: ['val_loss'] } (got ${formatValue(opts)})`);
  const [unknown] = unknownKeyIssues(opts, KEYS, 'curves(): opts');
  if (unknown !== undefined) throw new UsageError(unknown);
  const { trials, top, metrics } = opts;
  if (trials !== undefined) {
    if (!Array.isArray(trials) || trials.length === 0) throw new UsageError(`curves(): trials must be a non-empty array of trial numbers (got ${formatValue(trials)})`);
    // findIndex, not find: an undefined in the array is as wrong as any other non-number.
    const bad = trials.findIndex((n) => !(Number.isInteger(n) && (n as number) >= 0));
    if (bad >= 0) throw new UsageError(`curves(): trials must be trial numbers, integers ≥ 0 (got ${formatValue(trials[bad])})`);
  }
  if (top !== undefined && !(Number.isInteger(top) && (top as number) >= 1)) throw new UsageError(`curves(): top must be an integer ≥ 1 (got ${formatValue(top)})`);
  if (trials !== undefined && top !== undefined) throw new UsageError(`curves(): give trials or top, not both (got trials ${formatValue(trials)} and top ${formatValue(top)})`);
  if (metrics !== undefined) {
    if (!Array.isArray(metrics) || metrics.length === 0) throw new UsageError(`curves(): metrics must be a non-empty array of metric names (got ${formatValue(metrics)})`);
    const bad = metrics.findIndex((m) => typeof m !== 'string' || m === '');
    if (bad >= 0) throw new UsageError(`curves(): metrics must be metric names, non-empty strings (got ${formatValue(metrics[bad])})`);
  }
  return opts as CurvesOptions;
}
