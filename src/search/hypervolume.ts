/**
 * The hypervolume of a set of points (minimised on every axis) with respect
 * to a reference point: the volume of the region they dominate, bounded by
 * the reference — the usual single number for the quality of a Pareto front
 * (larger is better). Exact, for any number of objectives, by WFG's recursion
 * (While, Bradstreet & Barone 2012) with its slicing: the points sorted by
 * their last objective, worst first, each adds the volume only it dominates,
 * which is a slab of the (m − 1)-dimensional hypervolume the points after it
 * leave it. Two objectives are a sweep. Meant for fronts of a few hundred
 * points in 2 to 4 objectives (a few milliseconds; the cost grows quickly
 * with the number of objectives).
 */
import { UsageError } from '../errors.js';
import { formatValue } from '../format-value.js';
import { dominates } from './pareto.js';

/**
 * The hypervolume `points` dominate up to `reference` (all minimised). Points not strictly better than the reference on
 * every axis add nothing and are ignored; so are dominated and repeated points. A point whose length is not the
 * reference's, or a NaN, is a UsageError.
 *
 * @example hypervolume([[1, 3], [2, 2], [3, 1]], [4, 4]) // 6
 */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const m = reference.length;
  // A point of another length, or a NaN anywhere, is a mistake to name, not a point to leave out quietly.
  if (m === 0 || !reference.every((v) => !Number.isNaN(v))) throw new UsageError(`hypervolume: the reference must be a non-empty list of numbers (got ${formatValue(reference)})`);
  points.forEach((p, i) => {
    if (p.length !== m || p.some((v) => Number.isNaN(v))) throw new UsageError(`hypervolume: point ${i} must be ${m} numbers, as the reference (got ${formatValue(p)})`);
  });
  const inside = points.filter((p) => p.length === m && p.every((v, i) => v < reference[i]!));
  return wfg(nonDominated(inside), reference);
}

/** The points no other point dominates, each once. */
function nonDominated(points: readonly (readonly number[])[]): (readonly number[])[] {
  const out: (readonly number[])[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    let keep = true;
    for (let j = 0; j < points.length && keep; j++) {
      if (j === i) continue;
      const q = points[j]!;
      // A repeated point is kept at its first occurrence only.
      if (dominates(q, p) || (j < i && q.every((v, k) => v === p[k]))) keep = false;
    }
    if (keep) out.push(p);
  }
  return out;
}

/** WFG on a set of points strictly inside the reference (dominated ones only cost time). */
function wfg(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const m = reference.length;
  if (points.length === 0) return 0;
  if (m === 1) return reference[0]! - Math.min(...points.map((p) => p[0]!));
  if (m === 2) return sweep2d(points, reference);
  // Worst last objective first: every later point is at least as good there, so the part of point k's box that
  // later points also dominate spans its whole slab [p_k,m, r_m] and is an (m − 1)-dimensional hypervolume times its depth.
  const sorted = [...points].sort((a, b) => b[m - 1]! - a[m - 1]!);
  const base = reference.slice(0, m - 1);
  let total = 0;
  for (let k = 0; k < sorted.length; k++) {
    const p = sorted[k]!;
    const head = p.slice(0, m - 1);
    let box = 1;
    for (let i = 0; i < m - 1; i++) box *= base[i]! - head[i]!;
    const limited = sorted.slice(k + 1).map((q) => head.map((v, i) => Math.max(v, q[i]!)));
    // Dropping dominated points only saves time (the sum telescopes over any set); the 2-d sweep needs no filtering.
    total += (reference[m - 1]! - p[m - 1]!) * (box - wfg(m === 3 ? limited : nonDominated(limited), base));
  }
  return total;
}

/** Two objectives: sorted by the first, each point adds the strip up to the next one's first value. */
function sweep2d(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const sorted = [...points].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let area = 0;
  let best = reference[1]!;
  for (let i = 0; i < sorted.length; i++) {
    best = Math.min(best, sorted[i]![1]!);
    const next = i + 1 < sorted.length ? sorted[i + 1]![0]! : reference[0]!;
    area += (next - sorted[i]![0]!) * (reference[1]! - best);
  }
  return area;
}
