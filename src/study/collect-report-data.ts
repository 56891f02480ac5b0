/**
 * Gathers what the HTML report draws from a study in storage: trials,
 * learning curves, the rung plan, the ranking with intervals, and parameter
 * importance; for a multi-objective study, its objectives and Pareto front too; for a PBT
 * study, each trial's fork, the strategy's mutated params and maxBudget, and its generations.
 */
import type { ReportData } from '../report/report-data.js';
import { rankConfigs } from '../stats/rank-configs.js';
import { configGroupBy } from './config-group-by.js';
import { paramImportance } from '../stats/param-importance.js';
import { paretoFront } from '../stats/pareto-front.js';
import { importanceSample, loadCurves } from './importance-sample.js';
import type { TrialRow } from '../storage/storage.js';
import type { MetricCurves } from '../pool/protocol.js';
import type { StudyStore } from './study-store.js';
import type { NormalizedStudy } from './study-spec.js';
import { describeStrategy } from '../search/describe-strategy.js';
import { strategyFor } from './strategy-for.js';
import { studyGenerations } from './study-generations.js';

export async function collectReportData(store: StudyStore, name: string, top = 10): Promise<ReportData> {
  const row = await store.study(name);
  const def = row.definition as NormalizedStudy;
  const trials = await store.storage.getTrials(row.id);
  const curves = await loadCurves(store.storage, trials);
  const metricCurves = metricCurvesByNumber(trials, await store.storage.getMetricCurves(trials.map((t) => t.id)));
  const generations = studyGenerations(def, trials);
  return {
    study: {
      name: row.name,
      direction: def.direction,
      metric: def.metric,
      ...(def.objectives ? { objectives: def.objectives } : {}),
      strategy: describeStrategy(def.strategy, def.space),
      seed: def.seed,
      ...((def.repeats ?? 1) > 1 ? { repeats: def.repeats } : {}),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
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
      ...(t.forkOf ? { forkOf: { from: t.forkOf.from, budget: t.forkOf.budget } } : {}),
    })),
    curves,
    ...(metricCurves ? { metricCurves } : {}),
    plan: strategyFor(def).plan(),
    // A multi-objective report lists its Pareto front instead of a ranking by the first objective.
    ranking: def.objectives ? [] : rankConfigs(trials, def.direction, { groupBy: configGroupBy(def) }).slice(0, top),
    // On the trials' value: with several objectives, the first one (the report's caption says so).
    importance: paramImportance(importanceSample(trials, curves).sample, def.space),
    ...(def.objectives ? { paretoFront: paretoFront(trials, def.objectives).map((t) => t.number) } : {}),
    ...(def.strategy.type === 'pbt' && generations
      ? { pbt: { mutate: [...def.strategy.mutate], maxBudget: def.strategy.maxBudget, generations, repeats: def.repeats ?? 1 } }
      : {}),
    space: def.space,
    generatedAt: Date.now(),
  };
}

/** The trials' other metrics' curves by trial number, those with none left out; undefined when no trial has any. */
function metricCurvesByNumber(trials: readonly TrialRow[], lists: readonly MetricCurves[]): Record<number, MetricCurves> | undefined {
  const out: Record<number, MetricCurves> = {};
  trials.forEach((t, i) => {
    if (Object.keys(lists[i]!).length > 0) out[t.number] = lists[i]!;
  });
  return Object.keys(out).length > 0 ? out : undefined;
}
