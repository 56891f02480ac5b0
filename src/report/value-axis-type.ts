import { axisKind } from './axis-kind.js';

/**
 * The ECharts type of a numeric axis showing `values`: `log` when they are all
 * positive and span two decades or more, else `value`.
 */
export function valueAxisType(values: readonly number[]): 'log' | 'value' {
  return axisKind(values.filter((v) => Number.isFinite(v))) === 'log' ? 'log' : 'value';
}
