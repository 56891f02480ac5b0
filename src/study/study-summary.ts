/** Everything `rungs show` (and the API) says about a study, computed from storage. */
import type { NormalizedStudy } from './study-spec.js';
import type { Exhausted } from './exhaust-count.js';
import type { Objective, TrialState } from '../search/strategy.js';
import { paretoFront } from '../stats/pareto-front.js';
import type { TrialRow } from '../storage/storage.js';
import { strategyFor } from './strategy-for.js';
import { describeStrategy } from '../search/describe-strategy.js';
import { fillPlan, type FilledRung } from '../search/fill-plan.js';
import { meanMetricsOf } from '../stats/mean-metrics.js';
import { rankConfigs, type ConfigStats } from '../stats/rank-configs.js';
import { configGroupBy } from './config-group-by.js';
import { bestSoFar } from '../stats/best-so-far.js';
import { sparkline } from '../stats/sparkline.js';
import type { StudyStore } from './study-store.js';
import { tallyTrials } from './tally-trials.js';
import { studyGenerations } from './study-generations.js';
import type { PbtGeneration } from '../search/pbt-history.js';
import { lineage, type LineageSegment } from '../stats/lineage.js';

export interface StudyReport {
  name: string;
  strategy: string;
  /** The strategy as `rungs show` names it (e.g. "asha with 3 brackets (asynchronous Hyperband)"). */
  strategyLabel: string;
  direction: 'minimize' | 'maximize';
  metric: string;
  /** A multi-objective study's objectives (the first is `metric` and `direction`). */
  objectives?: Objective[];
  seed: number;
  repeats: number;
  counts: Record<TrialState, number>;
  epochsTrained: number;
  /** The study file's epoch budget (maxEpochs), when it has one. */
  maxEpochs?: number;
  /** What "exhaust" came to, when the study said it (SHA's candidates or minBudget, Hyperband's iterations). */
  exhausted?: Exhausted;
  /** Time spent in jobs, summed. */
  trialSeconds: number;
  /** First job start to last job end (the time between runs included). */
  wallSeconds: number;
  /** The time some trial was under way: first job start to last job end, without the time between runs (tally-trials.ts). */
  activeSeconds: number;
  /** The best trial; null with several objectives (as `history`, `sparkline` and `ranking` are empty): see `paretoFront`. */
  best: TrialRow | null;
  /** A multi-objective study's Pareto front, by the first objective (stats/pareto-front.ts). */
  paretoFront?: TrialRow[];
  /** Best value so far over the complete trials, in number order. */
  history: number[];
  sparkline: string;
  /**
   * The rung plan filled in with what happened (who was promoted from each rung); absent for a PBT study, whose
   * `generations` tell it: a generation promotes nobody, it continues its survivors and replaces its bottom members.
   */
  rungs?: FilledRung[];
  ranking: ConfigStats[];
  /** With repeats: the mean of each metric over the best configuration's trials (ranking[0]). */
  bestConfigMetrics?: Record<string, number>;
  /**
   * Why trials failed, most frequent first: errors that differ only in their numbers (the value an objective
   * returned, the epoch a training diverged at) count as one, `error` being the first trial's message and
   * `variants` how many different messages there were, when more than one.
   */
  failures: { error: string; trials: number; variants?: number }[];
  /** A PBT study's generations: members, best, and who was replaced by which fork (search/pbt-history.ts). */
  generations?: PbtGeneration[];
  /**
   * A PBT study's best trial's lineage (with repeats, the best configuration's first trial's): the trials whose
   * params trained its weights, oldest first; absent before any trial has a value.
   */
  lineage?: LineageSegment[];
}

export async function studySummary(store: StudyStore, name: string, top = 5): Promise<StudyReport> {
  const row = await store.study(name);
  const def = row.definition as NormalizedStudy;
  const trials = await store.storage.getTrials(row.id);
  const tally = tallyTrials(trials);
  // Several objectives have no one best, best-so-far line or ranking: their Pareto front stands for all three.
  const multi = def.objectives !== undefined;
  const [best] = multi ? [] : await store.storage.best(row.id, 1);
  // Complete trials only, as the report's history line: a pruned trial's value is at a lower budget
  // and may beat every finished one (a curve that later overfits), which `best` rightly does not rank first.
  const history = multi
    ? []
    : bestSoFar(
        trials.filter((t) => t.value !== null && t.state === 'complete').map((t) => t.value),
        def.direction,
      );
  const ranking = multi ? [] : rankConfigs(trials, def.direction, { groupBy: configGroupBy(def) }).slice(0, top);
  const generations = studyGenerations(def, trials);
  // With repeats the best is a configuration (as renderBest says): its first trial's lineage is its schedule of params.
  const bestNumber = (def.repeats ?? 1) > 1 ? ranking[0]?.trials[0] : best?.number;
  const bestConfig = (def.repeats ?? 1) > 1 ? ranking[0] : undefined;
  return {
    name: row.name,
    strategy: def.strategy.type,
    strategyLabel: describeStrategy(def.strategy, def.space),
    direction: def.direction,
    metric: def.metric,
    ...(def.objectives ? { objectives: def.objectives, paretoFront: paretoFront(trials, def.objectives) } : {}),
    seed: def.seed,
    repeats: def.repeats ?? 1,
    counts: tally.counts,
    epochsTrained: tally.epochsTrained,
    ...(def.maxEpochs !== undefined ? { maxEpochs: def.maxEpochs } : {}),
    ...(def.exhausted !== undefined ? { exhausted: def.exhausted } : {}),
    trialSeconds: tally.durationMs / 1000,
    activeSeconds: tally.activeMs / 1000,
    wallSeconds: tally.firstStart !== null && tally.lastEnd !== null && tally.lastEnd > tally.firstStart ? (tally.lastEnd - tally.firstStart) / 1000 : 0,
    best: best ?? null,
    history,
    sparkline: history.length ? sparkline(history, Math.min(40, history.length)) : '',
    ...(generations ? {} : { rungs: fillPlan(strategyFor(def).plan(), trials, def.direction) }),
    ranking,
    ...(bestConfig ? { bestConfigMetrics: meanMetricsOf(bestConfig.trials, trials) } : {}),
    failures: failureCounts(trials),
    ...(generations ? { generations, ...(bestNumber !== undefined ? { lineage: lineage(trials, bestNumber) } : {}) } : {}),
  };
}

/** Numbers in a message (0.31, -2, 1e+20, Infinity): what tells one trial's failure from another's of the same cause. */
const NUMBERS = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|-?Infinity|NaN/gi;

/** The failed trials' causes with their counts, most frequent first (ties by the first message's text). */
function failureCounts(trials: readonly { state: string; error: string | null }[]): StudyReport['failures'] {
  const groups = new Map<string, { error: string; trials: number; messages: Set<string> }>();
  for (const t of trials) {
    if (t.state !== 'failed') continue;
    const error = t.error ?? 'unknown';
    const shape = error.replace(NUMBERS, '#');
    const g = groups.get(shape) ?? groups.set(shape, { error, trials: 0, messages: new Set() }).get(shape)!;
    g.trials++;
    g.messages.add(error);
  }
  return [...groups.values()]
    .map(({ error, trials: n, messages }) => ({ error, trials: n, ...(messages.size > 1 ? { variants: messages.size } : {}) }))
    .sort((a, b) => b.trials - a.trials || (a.error < b.error ? -1 : 1));
}
