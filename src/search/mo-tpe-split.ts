/**
 * TPE's split for several objectives, as Optuna 3.1's TPESampler does it on a
 * multi-objective study (MOTPE, Ozaki et al. 2020/2022; optuna/samplers/_tpe/
 * sampler.py): which observed trials form the "below" (good) group, and how
 * much each of them weighs in l(x). All objectives are signed so that lower
 * is better (toMinimize), as 3.1's _get_observation_pairs signs them.
 *
 * The split (_split_observation_pairs, its multi-objective branch): whole
 * non-dominated fronts (_calculate_nondomination_rank; equal points share a
 * front) while they fit in nBelow, then the rest of the places from the next
 * front by greedy hypervolume subset selection (_solve_hssp): repeatedly the
 * point that adds the most hypervolume to those already picked. The
 * reference point of that front: per objective,
 * the worst value w of the front, moved out to max(1.1·w, 0.9·w) (0 becomes
 * 1e-12).
 *
 * The weights (_calculate_weights_below_for_multi_objective): each below
 * point's hypervolume contribution, the hypervolume of the below group less
 * that without it (reference as above, from the below group), plus 1e-12,
 * over the largest; a single point weighs 1. So a point nothing else in the
 * group covers weighs most, and a dominated or repeated one next to nothing.
 *
 * Hypervolumes are rungs' exact ones (hypervolume.ts). The one deviation:
 * when two greedy picks would add the same hypervolume (to within 1e-9 of
 * the front's largest box: two mirror-image points, a repeated point, which
 * adds nothing), the first in trial order is taken; 3.1's np.argmax takes
 * whichever its rounding residue (about 1e-16) happens to favour.
 */
import { hypervolume } from './hypervolume.js';
import { nonDominatedFronts, toMinimize } from './pareto.js';
import type { Direction } from './strategy.js';

/** Optuna's EPS: the reference for a worst value of 0, and the floor of a contribution. */
const EPS = 1e-12;
/** Greedy gains closer than this fraction of the largest box are a tie (rounding leaves ~1e-16). */
const TIE = 1e-9;

/** The below group and its kernel weights, and the rest. Positions in the values given, ascending. */
export interface MoTpeSplit {
  /** The below (good) group. */
  below: number[];
  /** below[i]'s weight in l(x), in (0, 1]. */
  weights: number[];
  /** The above (bad) group. */
  above: number[];
}

/**
 * The split of observed trials' objective `values` (one row per trial, finite, in the order of `directions`) into
 * `nBelow` good ones, weighted, and the rest (Optuna 3.1's _split_observation_pairs and
 * _calculate_weights_below_for_multi_objective).
 */
export function moTpeSplit(values: readonly (readonly number[])[], directions: readonly Direction[], nBelow: number): MoTpeSplit {
  if (!Number.isInteger(nBelow) || nBelow < 0 || nBelow > values.length) throw new RangeError(`moTpeSplit: nBelow ${nBelow} is not in 0 … ${values.length}`);
  const points = values.map((v) => toMinimize(v, directions));
  const chosen = belowOrder(points, nBelow);
  const weights = contributionWeights(chosen.map((i) => points[i]!));
  const order = chosen.map((_, k) => k).sort((a, b) => chosen[a]! - chosen[b]!);
  const inBelow = new Set(chosen);
  return {
    below: order.map((k) => chosen[k]!),
    weights: order.map((k) => weights[k]!),
    above: points.map((_, i) => i).filter((i) => !inBelow.has(i)),
  };
}

/** The below group's positions in the order 3.1 picks them: whole fronts, then greedy hypervolume picks from the next. */
function belowOrder(points: readonly (readonly number[])[], nBelow: number): number[] {
  const below: number[] = [];
  for (const front of nonDominatedFronts(points)) {
    if (below.length + front.length <= nBelow) {
      below.push(...front);
      continue;
    }
    const rest = nBelow - below.length;
    if (rest > 0) {
      const members = front.map((i) => points[i]!);
      below.push(...greedyHypervolumeSubset(members, rest, moTpeReference(members)).map((k) => front[k]!));
    }
    break;
  }
  return below;
}

/**
 * The reference point 3.1's MOTPE measures hypervolumes from: per objective, the worst (largest) value w among
 * `points`, as max(1.1·w, 0.9·w), so every point is strictly inside it; 0 becomes 1e-12.
 */
export function moTpeReference(points: readonly (readonly number[])[]): number[] {
  return points[0]!.map((_, k) => {
    const w = Math.max(...points.map((p) => p[k]!));
    const r = Math.max(1.1 * w, 0.9 * w);
    return r === 0 ? EPS : r;
  });
}

/**
 * `size` of `points` (positions, in the order picked) chosen greedily for hypervolume, as 3.1's _solve_hssp: each
 * step takes the point whose box adds the most to the hypervolume of those taken. A point's gain starts as its own
 * box and, after each pick, loses the part of it the pick covers that was not covered before. Gains within 1e-9 of
 * the largest box of the largest gain are a tie, which goes to the first point (3.1's np.argmax breaks such ties by
 * rounding residue).
 */
export function greedyHypervolumeSubset(points: readonly (readonly number[])[], size: number, reference: readonly number[]): number[] {
  const gain = points.map((p) => hypervolume([p], reference));
  const tie = TIE * Math.max(...gain);
  const isTaken = points.map(() => false);
  const taken: number[] = [];
  const takenPoints: (readonly number[])[] = [];
  let covered = 0;
  while (taken.length < size) {
    let most = -Infinity;
    for (let j = 0; j < points.length; j++) if (!isTaken[j]) most = Math.max(most, gain[j]!);
    const best = gain.findIndex((g, j) => !isTaken[j] && g >= most - tie);
    isTaken[best] = true;
    const pick = points[best]!;
    for (let j = 0; j < points.length; j++) {
      if (isTaken[j]) continue;
      const corner = pick.map((v, k) => Math.max(v, points[j]![k]!));
      gain[j]! -= hypervolume([...takenPoints, corner], reference) - covered;
    }
    taken.push(best);
    takenPoints.push(pick);
    covered = hypervolume(takenPoints, reference);
  }
  return taken;
}

/**
 * The below points' weights (3.1's _calculate_weights_below_for_multi_objective): each one's hypervolume
 * contribution plus 1e-12, over the largest (clipped to [0, 1]); a single point weighs 1.
 */
export function contributionWeights(points: readonly (readonly number[])[]): number[] {
  if (points.length <= 1) return points.map(() => 1);
  const reference = moTpeReference(points);
  const total = hypervolume(points, reference);
  const contributions = points.map((_, i) => total - hypervolume([...points.slice(0, i), ...points.slice(i + 1)], reference) + EPS);
  const most = Math.max(...contributions);
  return contributions.map((c) => Math.min(1, Math.max(0, c / most)));
}
