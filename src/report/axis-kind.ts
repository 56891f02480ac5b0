import type { ParamSpec } from '../search/space.js';

/**
 * How an axis should show a set of values:
 * - `category` when any value is not a finite number (strings, booleans, …),
 * - `log` when all are positive and span at least two decades (max/min ≥ 100),
 * - `value` otherwise (including no values at all).
 *
 * @example axisKind([1e-4, 3e-3, 0.1]) // 'log'
 * @example axisKind(['adam', 'sgd'])   // 'category'
 * @example axisKind([16, 32, 64])      // 'value'
 */
export type AxisKind = 'category' | 'log' | 'value';

export function axisKind(values: readonly unknown[]): AxisKind {
  if (values.length === 0) return 'value';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'category';
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min > 0 && max / min >= LOG_RATIO ? 'log' : 'value';
}

/**
 * The axis of a search-space param: what the space declares (categorical →
 * category, log → log) when the report knows the space, else guessed from
 * the values as axisKind() does.
 */
export function paramAxisKind(spec: ParamSpec | undefined, values: readonly unknown[]): AxisKind {
  if (!spec) return axisKind(values);
  if (spec.type === 'categorical') return 'category';
  if (spec.log && values.every((v) => typeof v === 'number' && v > 0)) return 'log';
  return 'value';
}

/** Smallest max/min ratio drawn on a log axis (two decades). */
export const LOG_RATIO = 100;
