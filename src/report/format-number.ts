/**
 * A number for a table cell or label: up to `digits` significant digits,
 * exponent notation for very small or very large magnitudes, trailing zeros
 * dropped; '—' for null/undefined and 'NaN'/'∞' for non-finite values.
 *
 * @example formatNumber(0.123456) // '0.1235'
 * @example formatNumber(0.00001234) // '1.234e-5'
 * @example formatNumber(12) // '12'
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) {
    const [mantissa = '', exponent = ''] = value.toExponential(digits - 1).split('e');
    return `${trimZeros(mantissa)}e${exponent.replace('+', '')}`;
  }
  if (Number.isInteger(value)) return String(value);
  return trimZeros(value.toPrecision(digits));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
