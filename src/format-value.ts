/**
 * Helpers shared by every validator (search space, strategy, task, study
 * file): how a value is shown in a message, and the "unknown key" check (with a did-you-mean for typos such as
 * "lgo" for "log").
 */

/**
 * A short, unambiguous rendering of `value` for a validation message:
 * strings quoted, numbers as JS prints them, objects as (truncated) JSON.
 *
 * @example formatValue('adam') // '"adam"'
 * @example formatValue(0.5)    // '0.5'
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** True for a plain (non-null, non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One message per key of `obj` that is not in `allowed`, e.g.
 * `space.lr has unknown key "lgo" (did you mean "log"? allowed: type, low, high, log, step, values, points, when)`.
 */
export function unknownKeyIssues(obj: Record<string, unknown>, allowed: readonly string[], path: string): string[] {
  const issues: string[] = [];
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    issues.push(`${path} has unknown key ${JSON.stringify(key)} (${didYouMean(key, allowed)}allowed: ${allowed.join(', ')})`);
  }
  return issues;
}

/** `did you mean "log"? ` when an allowed name is near `key` (nearestName), else '': the start of a message's parenthesis. */
export function didYouMean(key: string, allowed: readonly string[]): string {
  const guess = nearestName(key, allowed);
  return guess === undefined ? '' : `did you mean "${guess}"? `;
}

/** The allowed name nearest to `key` (case-insensitive edit distance ≤ 2), if any. */
function nearestName(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions: "lgo" → "log" is 1). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j]!;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * cols + j] = v;
    }
  }
  return at(rows - 1, cols - 1);
}
