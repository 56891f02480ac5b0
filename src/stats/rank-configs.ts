/**
 * Ranking of configurations, for studies that run each configuration several
 * times (`repeats: k`: k trials, one seed each, identical params).
 *
 * - A configuration is the group of trials with identical params
 *   (configKey: sorted-key JSON), or by `groupBy` (PBT: by trial).
 * - Only trials `complete` or `pruned` with a finite value count.
 * - Its budget is the highest budget its counted trials reached; only the
 *   trials at that budget are aggregated (a seed pruned at a lower rung does
 *   not drag the mean of its promoted siblings).
 * - Order: budget, highest first (for halving strategies: the highest rung
 *   reached); then the mean in the study direction; then the lowest trial
 *   number. The same order as Storage.best(), applied to configurations.
 * - Per configuration: mean, sample standard deviation (n − 1) and the 95%
 *   Student-t confidence interval mean ± t_{0.975, n−1}·s/√n (null for n < 2).
 * - tiedWithBest: the best (rank 1) is tied with itself (pValue null). Every
 *   other configuration at the best's budget is compared with the best by
 *   Welch's t-test (welch-t-test.ts); tied when the two-sided p ≥ alpha, i.e.
 *   the data cannot tell it apart from the best. A configuration with n = 1,
 *   or a best with n = 1, has no test: pValue null, tiedWithBest false. A
 *   configuration below the best's budget is not comparable: pValue null,
 *   tiedWithBest false.
 *
 * "Cannot tell apart" is not "equal": with few seeds the test has little
 * power, and no correction is made for comparing many configurations with the
 * best (which, being picked as the best, is optimistically biased).
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Params } from '../search/space.js';
import type { Direction } from '../search/strategy.js';
import type { TrialRow } from '../storage/storage.js';
import { configKey } from './config-key.js';
import { studentTQuantile } from './student-t.js';
import { welchTTest } from './welch-t-test.js';

export type RankInput = Pick<TrialRow, 'number' | 'params' | 'state' | 'value' | 'budget'>;

export interface ConfigStats {
  /** 1-based position in the ranking. */
  rank: number;
  /** configKey(params), or the options' groupBy key. */
  key: string;
  params: Params;
  /** Numbers of the trials aggregated (those at `budget`), ascending. */
  trials: number[];
  /** trials.length. */
  n: number;
  /** The highest budget the configuration's counted trials reached. */
  budget: number;
  mean: number;
  /** Sample standard deviation (n − 1); null for n = 1. */
  std: number | null;
  /** 95% Student-t confidence interval of the mean; null for n = 1. */
  ci95: [number, number] | null;
  /** Welch two-sided p-value against the best; null for the best and where there is no test. */
  pValue: number | null;
  /** The best, or at its budget and not distinguishable from it (p ≥ alpha). */
  tiedWithBest: boolean;
}

export interface RankConfigsOptions {
  /** Significance level of the tie test, in (0, 1). Default 0.05. */
  alpha?: number;
  /**
   * Which trials are one configuration, as a key (default: identical params, configKey). PBT gives each trial's
   * configuration number instead: two members with the same params have different weights (configGroupBy).
   */
  groupBy?: (trial: RankInput) => string;
}

interface Group {
  key: string;
  /** The params of the lowest-numbered counted trial (all equal by key; this fixes the name order). */
  params: Params;
  firstNumber: number;
  budget: number;
  trials: { number: number; value: number }[];
}

/**
 * Groups trials into configurations and ranks them (see the file comment).
 *
 * @example
 * rankConfigs([
 *   { number: 0, params: { lr: 0.1 }, state: 'complete', value: 0.30, budget: 10 },
 *   { number: 1, params: { lr: 0.1 }, state: 'complete', value: 0.32, budget: 10 },
 *   { number: 2, params: { lr: 0.01 }, state: 'complete', value: 0.50, budget: 10 },
 *   { number: 3, params: { lr: 0.01 }, state: 'complete', value: 0.52, budget: 10 },
 * ], 'minimize');
 * // [{ rank: 1, key: '{"lr":0.1}', mean: 0.31, n: 2, tiedWithBest: true, pValue: null, … },
 * //  { rank: 2, key: '{"lr":0.01}', mean: 0.51, pValue: 0.00496…, tiedWithBest: false, … }]
 */
export function rankConfigs(
  trials: readonly RankInput[],
  direction: Direction,
  opts: RankConfigsOptions = {},
): ConfigStats[] {
  const alpha = opts.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`rankConfigs: alpha must lie in (0, 1) (got ${alpha})`);

  const groups = new Map<string, Group>();
  for (const trial of trials) {
    if (trial.state !== 'complete' && trial.state !== 'pruned') continue;
    const value = trial.value;
    if (value === null || !Number.isFinite(value)) continue;
    const key = opts.groupBy ? opts.groupBy(trial) : configKey(trial.params);
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, params: trial.params, firstNumber: trial.number, budget: trial.budget, trials: [] };
      groups.set(key, group);
    }
    if (trial.budget > group.budget) {
      group.budget = trial.budget;
      group.trials = [];
    }
    if (trial.budget === group.budget) group.trials.push({ number: trial.number, value });
    if (trial.number < group.firstNumber) {
      group.firstNumber = trial.number;
      group.params = trial.params;
    }
  }

  const sign = direction === 'minimize' ? 1 : -1;
  const stats = [...groups.values()].map((group) => describe(group));
  stats.sort((a, b) => b.stats.budget - a.stats.budget || sign * (a.stats.mean - b.stats.mean) || a.first - b.first);

  const best = stats[0];
  return stats.map(({ stats: s, values }, i) => {
    s.rank = i + 1;
    if (i === 0) {
      s.tiedWithBest = true;
    } else if (best !== undefined && s.budget === best.stats.budget && s.n >= 2 && best.stats.n >= 2) {
      s.pValue = welchTTest(values, best.values).pValue;
      s.tiedWithBest = s.pValue >= alpha;
    }
    return s;
  });
}

function describe(group: Group): { stats: ConfigStats; values: number[]; first: number } {
  const sorted = [...group.trials].sort((a, b) => a.number - b.number);
  const values = sorted.map((t) => t.value);
  const numbers = sorted.map((t) => t.number);
  const n = values.length;
  const m = mean(values);
  let std: number | null = null;
  let ci95: [number, number] | null = null;
  if (n >= 2) {
    std = sampleStandardDeviation(values);
    const half = (studentTQuantile(0.975, n - 1) * std) / Math.sqrt(n);
    ci95 = [m - half, m + half];
  }
  const first = numbers[0] ?? 0;
  const stats: ConfigStats = {
    rank: 0,
    key: group.key,
    params: group.params,
    trials: numbers,
    n,
    budget: group.budget,
    mean: m,
    std,
    ci95,
    pValue: null,
    tiedWithBest: false,
  };
  return { stats, values, first };
}
