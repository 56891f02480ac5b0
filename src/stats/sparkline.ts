/**
 * A one-line chart of a series with the eight block characters ▁▂▃▄▅▆▇█, for
 * learning curves and best-so-far curves in a terminal.
 */

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * The series drawn as blocks scaled from its min (▁) to its max (█). A series
 * longer than `width` is resampled to `width` characters, each the mean of an
 * equal share of the values (shorter series are not stretched). Non-finite
 * values (NaN, e.g. best-so-far before the first result) draw as a space; a
 * constant series draws at mid height (▄). Throws RangeError for a width that
 * is not a positive integer.
 *
 * @example
 * sparkline([1, 2, 3, 4, 5, 6, 7, 8]); // '▁▂▃▄▅▆▇█'
 * sparkline([1, 1, 8, 8], 2); // '▁█'
 * sparkline([]); // ''
 */
export function sparkline(values: readonly number[], width?: number): string {
  if (width !== undefined && !(Number.isInteger(width) && width > 0)) {
    throw new RangeError(`sparkline: width must be a positive integer (got ${width})`);
  }
  const series = width !== undefined && values.length > width ? resample(values, width) : values;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of series) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  return series
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      if (!(range > 0) || !Number.isFinite(range)) return BLOCKS[3];
      const level = Math.round(((v - min) / range) * (BLOCKS.length - 1));
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, level))];
    })
    .join('');
}

/** `width` buckets of consecutive values, each the mean of its finite values (NaN when it has none). */
function resample(values: readonly number[], width: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * values.length) / width);
    const to = Math.floor(((i + 1) * values.length) / width);
    let sum = 0;
    let count = 0;
    for (let j = from; j < to; j++) {
      const v = values[j];
      if (v !== undefined && Number.isFinite(v)) {
        sum += v;
        count += 1;
      }
    }
    out.push(count > 0 ? sum / count : Number.NaN);
  }
  return out;
}
