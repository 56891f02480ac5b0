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
import { strategyFor } from './strategy-for.js';

export async function collectReportData(store: StudyStore, name: string, top = 10): Promise<ReportData> {
  const row = await store.study(name);
  const def = row.definition as NormalizedStudy;
  const trials = await store.storage.getTrials(row.id);
  const curves: ReportData['curves'] = {};
  for (const t of trials) curves[t.number] = await store.storage.getCurve(t.id);
  return {
    study: { name: row.name, direction: def.direction, metric: def.metric, strategy: def.strategy.type, seed: def.seed, createdAt: row.createdAt, updatedAt: row.updatedAt },
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
    importance: paramImportance(importanceSample(trials), def.space),
    space: def.space,
    generatedAt: Date.now(),
  };
}

/**
 * Values are only comparable at one budget: take every trial's value at the
 * budget most trials reached (the first rung for halving strategies, the
 * only one for grid and random).
 */
export function importanceSample(trials: readonly TrialRow[]): { params: TrialRow['params']; value: number }[] {
  const counts = new Map<number, number>();
  for (const t of trials) for (const b of t.rungValues.keys()) counts.set(b, (counts.get(b) ?? 0) + 1);
  let budget = -1;
  let most = 0;
  for (const [b, n] of counts) if (n > most || (n === most && b > budget)) [budget, most] = [b, n];
  const out: { params: TrialRow['params']; value: number }[] = [];
  for (const t of trials) {
    const v = t.rungValues.get(budget);
    if (v !== undefined && Number.isFinite(v)) out.push({ params: t.params, value: v });
  }
  return out;
}
