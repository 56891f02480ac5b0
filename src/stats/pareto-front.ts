/**
 * The best trials of a multi-objective study: its Pareto front (Optuna's `study.best_trials`),
 * the complete trials that no other complete trial beats on every objective.
 */
import { dominates, firstFront, objectiveVector, toMinimize } from '../search/pareto.js';

export { objectiveVector };
import type { Objective } from '../search/strategy.js';
import type { TrialRow } from '../storage/storage.js';

/**
 * The complete trials on the Pareto front, by the first objective (best first), then the second, …,
 * then by number. Trials with equal values on every objective are all on it (as Optuna keeps them).
 *
 * @example paretoFront(trials, [{ metric: 'val_loss', direction: 'minimize' }, { metric: 'model_size', direction: 'minimize' }])
 */
export function paretoFront<T extends Pick<TrialRow, 'number' | 'state' | 'metrics'>>(trials: readonly T[], objectives: readonly Objective[]): T[] {
  const ranked = trials.filter((t) => t.state === 'complete' && objectiveVector(t, objectives) !== undefined);
  const directions = objectives.map((o) => o.direction);
  const points = ranked.map((t) => toMinimize(objectiveVector(t, objectives)!, directions));
  return firstFront(points)
    .sort((a, b) => {
      for (let k = 0; k < objectives.length; k++) if (points[a]![k] !== points[b]![k]) return points[a]![k]! - points[b]![k]!;
      return ranked[a]!.number - ranked[b]!.number;
    })
    .map((i) => ranked[i]!);
}

/**
 * The front after trial `t` finished, from the front before it (paretoFront's trials, in any order):
 * unchanged when `t` is not complete or something on it beats `t`, else `t` joins and what it beats
 * leaves. O(front) per trial, for a live count; paretoFront sorts.
 */
export function updateFront(front: readonly TrialRow[], t: TrialRow, objectives: readonly Objective[]): TrialRow[] {
  const directions = objectives.map((o) => o.direction);
  const v = t.state === 'complete' ? objectiveVector(t, objectives) : undefined;
  const rest = front.filter((f) => f.number !== t.number);
  if (!v) return rest;
  const p = toMinimize(v, directions);
  const points = rest.map((f) => toMinimize(objectiveVector(f, objectives)!, directions));
  if (points.some((q) => dominates(q, p))) return rest;
  return [...rest.filter((_, i) => !dominates(p, points[i]!)), t];
}
