/**
 * The trials parameter importance is computed over (the report's chart, `rungs importance`,
 * StudyStore.importance): values are only comparable at one budget, so every trial is taken at
 * the step most trials have a value at.
 */
import type { StepValue } from '../pool/protocol.js';
import type { Storage, TrialRow } from '../storage/storage.js';

/** Learning curves by trial number. */
export type Curves = Record<number, StepValue[]>;

export interface ImportanceSample {
  /** The step (epoch, budget) the values are taken at: the one asked, else undefined when no trial has a value. */
  step: number | undefined;
  sample: { params: TrialRow['params']; value: number }[];
  /** How many trials have a value at each step, by step (to say which steps another choice could take). */
  counts: Map<number, number>;
}

/** Every trial's learning curve, by number (one read for all of them). */
export async function loadCurves(storage: Storage, trials: readonly TrialRow[]): Promise<Curves> {
  const lists = await storage.getCurves(trials.map((t) => t.id));
  const curves: Curves = {};
  trials.forEach((t, i) => (curves[t.number] = lists[i]!));
  return curves;
}

/**
 * Values are only comparable at one budget: take every trial's value at the
 * step most trials have a value at (the later one on a tie), from the
 * learning curves — the first rung for halving strategies, the last epoch for
 * grid, random and TPE, and for a study with a pruner the first
 * epoch, which the trials it stopped early share with the others (their
 * budgets alone would leave only the stopped ones, or only the survivors).
 * Failed trials are left out, as Optuna leaves them out: a training that
 * diverged has a curve up to where it blew up, and its huge values, at
 * steps the others also reached, would decide both the step and the
 * ranking.
 */
export function importanceSample(all: readonly TrialRow[], curves: Curves, step?: number): ImportanceSample {
  const trials = all.filter((t) => t.state !== 'failed');
  const at = (t: TrialRow): Map<number, number> => {
    const m = new Map(t.rungValues);
    for (const p of curves[t.number] ?? []) if (Number.isFinite(p.value)) m.set(p.step, p.value);
    return m;
  };
  const values = trials.map(at);
  const counts = new Map<number, number>();
  for (const m of values) for (const [b, v] of m) if (Number.isFinite(v)) counts.set(b, (counts.get(b) ?? 0) + 1);
  let budget = -1;
  let most = 0;
  for (const [b, n] of counts) if (n > most || (n === most && b > budget)) [budget, most] = [b, n];
  // A step asked for (a halving study's top rung, say) replaces the one most trials reached.
  if (step !== undefined) budget = step;
  const sample: ImportanceSample['sample'] = [];
  trials.forEach((t, i) => {
    const v = values[i]!.get(budget);
    if (v !== undefined && Number.isFinite(v)) sample.push({ params: t.params, value: v });
  });
  return { step: budget >= 0 ? budget : undefined, sample, counts };
}
