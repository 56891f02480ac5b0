/**
 * Validation of a strategy's `pruner` (PrunerSpec: median, percentile, patience), every problem at
 * once, as validateStrategy reports a strategy's: the path, the rule, the value. Settings under which
 * the pruner could never stop a trial (too few trials for its history, a warmup or patience the
 * budget leaves no room for) are refused: they are a mistake, not a choice.
 */
import { formatValue, isRecord, unknownKeyIssues } from '../format-value.js';
import { DEFAULT_PRUNER_STARTUP_TRIALS } from './percentile-stop.js';
import { PRUNER_TYPES, type PrunerType } from './strategy-spec.js';

const HISTORY_PRUNER_KEYS = ['type', 'startupTrials', 'warmupSteps', 'minTrials'];
const PRUNER_KEYS: Record<PrunerType, readonly string[]> = {
  median: HISTORY_PRUNER_KEYS,
  percentile: [...HISTORY_PRUNER_KEYS, 'percentile'],
  patience: ['type', 'patience', 'minDelta', 'wrapped'],
};
const PRUNER_TYPE_LIST = PRUNER_TYPES.map((t) => `"${t}"`).join(', ');

/**
 * Problems of a `pruner` (PrunerSpec); `trials` and `budget`, when known, for settings under which
 * it could never stop a trial, which are a mistake, not a choice.
 */
export function prunerIssues(spec: unknown, path: string, trials: PrunedTrials | undefined, budget: unknown, wrapped = false): string[] {
  const types = wrapped ? PRUNER_TYPES.filter((x) => x !== 'patience') : PRUNER_TYPES;
  const typeList = wrapped ? '"median", "percentile"' : PRUNER_TYPE_LIST;
  if (!isRecord(spec)) return [`${path} must be an object with a "type" (one of ${typeList}) (got ${formatValue(spec)})`];
  const type = spec['type'];
  if (type === undefined) return [`${path}.type is required: one of ${typeList}`];
  if (!(types as readonly unknown[]).includes(type)) {
    const why = wrapped && type === 'patience' ? ' (a patience pruner wraps one that compares trials)' : '';
    return [`${path}.type must be one of ${typeList} (got ${formatValue(type)})${why}`];
  }
  const t = type as PrunerType;
  const issues = unknownKeyIssues(spec, PRUNER_KEYS[t], path);
  const int = (key: string, min: number, required = false): number | undefined => {
    const v = spec[key];
    if (v === undefined) {
      if (required) issues.push(`${path}.${key} is required (an integer >= ${min})`);
      return undefined;
    }
    if (typeof v === 'number' && Number.isInteger(v) && v >= min) return v;
    issues.push(`${path}.${key} must be an integer >= ${min} (got ${formatValue(v)})`);
    return undefined;
  };
  if (t === 'patience') {
    const patience = int('patience', 0, true);
    const delta = spec['minDelta'];
    if (delta !== undefined && (typeof delta !== 'number' || !Number.isFinite(delta) || delta < 0)) issues.push(`${path}.minDelta must be a number >= 0 (got ${formatValue(delta)})`);
    // It compares the last patience + 1 values with at least one before them, and the last epoch is never pruned.
    const tooShort = typeof budget === 'number' && budget < 3;
    if (tooShort) {
      issues.push(`${path} (patience) can never stop a trial within a budget of ${epochs(budget)}: it needs patience + 2 values before the last epoch, which is never pruned, so a budget of at least 3 (task.epochs, or budget for an objective)`);
    } else if (patience !== undefined && typeof budget === 'number' && patience + 2 >= budget) {
      issues.push(`${path}.patience must be at most ${budget - 3} (the budget, ${budget} epochs, minus 3) for the pruner to stop any trial (got ${patience})`);
    }
    // A budget too short for the patience pruner is said once, above.
    if (spec['wrapped'] !== undefined) issues.push(...prunerIssues(spec['wrapped'], `${path}.wrapped`, trials, tooShort ? undefined : budget, true));
    return issues;
  }
  if (t === 'percentile') {
    const p = spec['percentile'];
    if (p === undefined) issues.push(`${path}.percentile is required (a number from 0 to 100; 50 is the median pruner)`);
    else if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) issues.push(`${path}.percentile must be a number from 0 to 100 (got ${formatValue(p)})`);
  }
  const startup = int('startupTrials', 0);
  const warmup = int('warmupSteps', 0);
  int('minTrials', 1);
  const startupGiven = spec['startupTrials'] === undefined ? DEFAULT_PRUNER_STARTUP_TRIALS : startup;
  if (startupGiven !== undefined && trials) {
    const startup = startupGiven;
    const got = spec['startupTrials'] === undefined ? `its default ${startup}` : `got ${startup}`;
    // Trial n compares itself with trials 0 … n − maxConcurrent: the last trial's history holds count − maxConcurrent.
    const room = trials.count - trials.maxConcurrent;
    if (startup >= trials.count) {
      issues.push(`${path}.startupTrials must be below ${trials.what} (${trials.count}) for the pruner to stop any trial (${got})`);
    } else if (room < 1) {
      issues.push(
        `${path} can never stop a trial: trial n compares itself with trials 0 … n − ${trials.lagName}, and with ${trials.concurrentWhat} ${trials.maxConcurrent} none of ${trials.what} (${trials.count}) has any; lower ${trials.lagName} below ${trials.count}`,
      );
    } else if (startup > room) {
      issues.push(
        `${path}.startupTrials must be at most ${room} (${trials.what}, ${trials.count}, minus ${trials.concurrentWhat}, ${trials.maxConcurrent}) for the pruner to stop any trial: trial n compares itself with the complete trials among 0 … n − ${trials.maxConcurrent} (${got})`,
      );
    }
  }
  if (typeof budget === 'number' && budget < 2) {
    issues.push(`${path} can never stop a trial within a budget of ${epochs(budget)}: the last epoch is never pruned, so it needs a budget of at least 2 (task.epochs, or budget for an objective)`);
  } else if (warmup !== undefined && typeof budget === 'number' && warmup >= budget) {
    issues.push(`${path}.warmupSteps must be below the budget (${budget} epochs) for the pruner to stop any trial (got ${warmup})`);
  }
  return issues;
}

/** The trials a pruner may stop, when known: their count and the maxConcurrent that sets each one's history. */
export interface PrunedTrials {
  count: number;
  /** What the count is, for messages: "strategy.trials", "the grid's cells". */
  what: string;
  maxConcurrent: number;
  /** What sets that lag: maxConcurrent, or CMA-ES's popsize (a generation). */
  lagName: 'maxConcurrent' | 'popsize';
  /** "strategy.maxConcurrent", with ", by default," when left out. */
  concurrentWhat: string;
}

function epochs(budget: number): string {
  return `${budget} epoch${budget === 1 ? '' : 's'}`;
}

