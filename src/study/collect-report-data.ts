/**
 * Gathers what the HTML report draws from a study in storage: trials,
 * learning curves, the rung plan, the ranking with intervals, and parameter
 * importance.
 */
import type { ReportData } from '../report/report-data.js';
import { rankConfigs } from '../stats/rank-configs.js';
import { paramImportance } from '../stats/param-importance.js';
import type { TrialRow } from '../storage/storage.js';
import type { StudyStore } from './study-store.js';
import type { NormalizedStudy } from './study-spec.js';
import { describeStrategy } from '../search/describe-strategy.js';
import { strategyFor } from './strategy-for.js';

export async function collectReportData(store: StudyStore, name: string, top = 10): Promise<ReportData> {
  const row = await store.study(name);
  const def = row.definition as NormalizedStudy;
  const trials = await store.storage.getTrials(row.id);
  const curves: ReportData['curves'] = {};
  for (const t of trials) curves[t.number] = await store.storage.getCurve(t.id);
  return {
    study: { name: row.name, direction: def.direction, metric: def.metric, strategy: describeStrategy(def.strategy), seed: def.seed, createdAt: row.createdAt, updatedAt: row.updatedAt },
    trials: trials.map((t) => ({
      number: t.number,
      state: t.state,
      params: t.params,
      value: t.value,
      budget: t.budget,
      bracket: t.bracket,
      metrics: t.metrics,
      epochsTrained: t.epochsTrained,
      durationMs: t.durationMs,
      error: t.error,
      rungValues: [...t.rungValues],
    })),
    curves,
    plan: strategyFor(def).plan(),
    ranking: rankConfigs(trials, def.direction).slice(0, top),
    importance: paramImportance(importanceSample(trials, curves), def.space),
    space: def.space,
    generatedAt: Date.now(),
  };
}

/**
 * Values are only comparable at one budget: take every trial's value at the
 * step most trials have a value at (the later one on a tie), from the
 * learning curves — the first rung for halving strategies, the last epoch for
 * grid, random and TPE, and for a study with a pruner the first
 * epoch, which the trials it stopped early share with the others (their
 * budgets alone would leave only the stopped ones, or only the survivors).
 */
export function importanceSample(trials: readonly TrialRow[], curves: ReportData['curves']): { params: TrialRow['params']; value: number }[] {
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
  const out: { params: TrialRow['params']; value: number }[] = [];
  trials.forEach((t, i) => {
    const v = values[i]!.get(budget);
    if (v !== undefined && Number.isFinite(v)) out.push({ params: t.params, value: v });
  });
  return out;
}
