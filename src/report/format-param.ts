import { formatNumber } from './format-number.js';

/**
 * A param value for a label or table cell: numbers via formatNumber, strings
 * as they are, anything else as JSON (null as 'null', a choice); '—' when absent.
 *
 * @example formatParam(0.001) // '0.001'
 * @example formatParam('adam') // 'adam'
 */
export function formatParam(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value, 4);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}
