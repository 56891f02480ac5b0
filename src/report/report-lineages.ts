/**
 * The lineages a PBT study's report draws (stats/lineage.ts over the report's trials): which
 * trials can be picked in the PBT schedule, and each one's chain of segments. A study is drawn as
 * PBT when some trial has a fork (the first generation of a PBT study is drawn as any study).
 */
import type { ReportData, ReportTrial } from './report-data.js';
import { lineage, type LineageSegment, type LineageTrial } from '../stats/lineage.js';
import { paramNames } from '../search/param-names.js';

/** Whether some trial started as a copy of another's checkpoint (a PBT study past its first generation). */
export function hasForks(trials: readonly ReportTrial[]): boolean {
  return trials.some((t) => t.forkOf !== undefined);
}

/** The report's trials indexed by number, as lineage() reads them. */
function lineageTrials(trials: readonly ReportTrial[]): (LineageTrial | undefined)[] {
  const out: (LineageTrial | undefined)[] = [];
  for (const t of trials) out[t.number] = { ...t, rungValues: new Map(t.rungValues) };
  return out;
}

/**
 * The trials whose lineage the report offers, the default first: the complete trials, best
 * first (ties by number); with none complete yet, the members still training (running or queued
 * with a budget reached), by number.
 */
export function lineageChoices(data: Pick<ReportData, 'trials' | 'study'>): number[] {
  const sign = data.study.direction === 'maximize' ? -1 : 1;
  const complete = data.trials
    .filter((t): t is ReportTrial & { value: number } => t.state === 'complete' && t.value !== null && Number.isFinite(t.value))
    .sort((a, b) => sign * (a.value - b.value) || a.number - b.number);
  if (complete.length > 0) return complete.map((t) => t.number);
  return data.trials
    .filter((t) => (t.state === 'running' || t.state === 'queued') && t.budget > 0)
    .map((t) => t.number)
    .sort((a, b) => a - b);
}

/** Each offered trial's lineage, in lineageChoices' order (a chain that cannot be followed is left out). */
export function reportLineages(data: Pick<ReportData, 'trials' | 'study'>): Array<{ number: number; segments: LineageSegment[] }> {
  const indexed = lineageTrials(data.trials);
  return lineageChoices(data).flatMap((number) => {
    try {
      return [{ number, segments: lineage(indexed, number) }];
    } catch {
      return [];
    }
  });
}

/**
 * The trials whose weights live on: those still in the population (complete, running, queued)
 * and every trial of their lineages.
 */
export function survivingTrials(trials: readonly ReportTrial[]): Set<number> {
  const byNumber = new Map(trials.map((t) => [t.number, t]));
  const out = new Set<number>();
  for (const t of trials) {
    if (t.state === 'pruned' || t.state === 'failed') continue;
    for (let at: ReportTrial | undefined = t; at !== undefined && !out.has(at.number); at = at.forkOf ? byNumber.get(at.forkOf.from) : undefined) {
      out.add(at.number);
    }
  }
  return out;
}

/** The params the PBT schedule draws: the strategy's `mutate` when the report has it, else every param. */
export function scheduleParams(data: Pick<ReportData, 'trials' | 'pbt'>): string[] {
  return data.pbt ? [...data.pbt.mutate] : paramNames(data.trials);
}

/** The last epoch of the schedule: PBT's maxBudget, else the highest budget planned or reached. */
export function scheduleEnd(data: Pick<ReportData, 'trials' | 'pbt' | 'plan'>): number {
  if (data.pbt) return data.pbt.maxBudget;
  const budgets = [...data.plan.flatMap((b) => b.rungs.map((r) => r.budget)), ...data.trials.map((t) => t.budget)];
  return Math.max(0, ...budgets);
}
