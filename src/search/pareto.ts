/**
 * Pareto dominance for multi-objective studies (Deb et al. 2002, NSGA-II):
 * which points no other point beats on every objective, the fronts they fall
 * into, and how crowded each point is on its front. Points are value vectors
 * signed so that lower is better on every axis (`toMinimize`).
 */
import type { Direction, Objective } from './strategy.js';

/**
 * A trial's objective values, in the objectives' order, from its metrics (unsigned); undefined when one is missing or
 * not finite (such a trial is not ranked). The one reading of a trial's objectives for the front, NSGA-II and TPE.
 */
export function objectiveVector(t: { readonly metrics?: Readonly<Record<string, number>> }, objectives: readonly Objective[]): number[] | undefined {
  const values = objectives.map((o) => t.metrics?.[o.metric]);
  return values.every((v): v is number => v !== undefined && Number.isFinite(v)) ? values : undefined;
}

/** `values` signed so that lower is better on every axis: maximized objectives are negated. */
export function toMinimize(values: readonly number[], directions: readonly Direction[]): number[] {
  return values.map((v, i) => (directions[i] === 'maximize' ? -v : v));
}

/**
 * Whether `a` dominates `b` (both signed by toMinimize): no worse on any objective and better on one.
 *
 * @example dominates([1, 2], [1, 3]) // true
 * @example dominates([1, 3], [2, 1]) // false: neither beats the other
 */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! > b[i]!) return false;
    if (a[i]! < b[i]!) better = true;
  }
  return better;
}

/**
 * The fronts of `points` (indices, each front ascending): front 0 is the points nothing dominates,
 * front k those dominated only by points of fronts before it. Deb's fast non-dominated sort, O(m·n²).
 * Equal points share a front.
 *
 * @example nonDominatedFronts([[1, 4], [2, 2], [3, 3], [4, 1]]) // [[0, 1, 3], [2]]
 */
export function nonDominatedFronts(points: readonly (readonly number[])[]): number[][] {
  const n = points.length;
  const dominatedBy = new Array<number>(n).fill(0);
  const beats: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (dominates(points[i]!, points[j]!)) {
        beats[i]!.push(j);
        dominatedBy[j]!++;
      } else if (dominates(points[j]!, points[i]!)) {
        beats[j]!.push(i);
        dominatedBy[i]!++;
      }
    }
  }
  const fronts: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (dominatedBy[i] === 0) current.push(i);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) {
      for (const j of beats[i]!) if (--dominatedBy[j]! === 0) next.push(j);
    }
    current = next.sort((a, b) => a - b);
  }
  return fronts;
}

/**
 * The indices of the points nothing dominates (nonDominatedFronts' front 0), ascending, in O(n log n + n·f·m) for a
 * front of f points instead of the full sort's O(m·n²): in lexicographic order a point can only be dominated by
 * one before it, and then by one already on the front (domination is transitive), so each point is checked against
 * the front so far. Equal points are all on it.
 *
 * @example firstFront([[1, 4], [2, 2], [3, 3], [4, 1]]) // [0, 1, 3]
 */
export function firstFront(points: readonly (readonly number[])[]): number[] {
  const order = Array.from({ length: points.length }, (_, i) => i).sort((a, b) => {
    const p = points[a]!;
    const q = points[b]!;
    for (let k = 0; k < p.length; k++) if (p[k] !== q[k]) return p[k]! - q[k]!;
    return a - b;
  });
  const front: number[] = [];
  for (const i of order) if (!front.some((j) => dominates(points[j]!, points[i]!))) front.push(i);
  return front.sort((a, b) => a - b);
}

/**
 * The crowding distance of each point of one front (NSGA-II): per objective, the points sorted by
 * it, each interior one gets the gap between its neighbours over that objective's range; the two
 * ends get Infinity. Larger means less crowded. An objective on which all points are equal adds 0.
 * Ties in the sort go to the lower index, so the result does not depend on the platform's sort.
 *
 * @example crowdingDistances([[1, 4], [2, 2], [4, 1]]) // [Infinity, 3/3 + 3/3 = 2, Infinity]
 */
export function crowdingDistances(points: readonly (readonly number[])[]): number[] {
  const n = points.length;
  const distance = new Array<number>(n).fill(0);
  if (n === 0) return distance;
  const m = points[0]!.length;
  for (let k = 0; k < m; k++) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => points[a]![k]! - points[b]![k]! || a - b);
    const lo = points[order[0]!]![k]!;
    const hi = points[order[n - 1]!]![k]!;
    distance[order[0]!] = Infinity;
    distance[order[n - 1]!] = Infinity;
    if (hi === lo) continue;
    for (let r = 1; r < n - 1; r++) {
      distance[order[r]!]! += (points[order[r + 1]!]![k]! - points[order[r - 1]!]![k]!) / (hi - lo);
    }
  }
  return distance;
}
