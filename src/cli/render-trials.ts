/** Trials as a terminal table (one column per param) or as flat records for CSV. */
import type { TrialRow } from '../storage/storage.js';
import { fmtNum, fmtParam, renderTable, type Column } from './render-table.js';
import { paramNames } from '../search/param-names.js';
import { isDiverged } from './state-filter.js';

/**
 * `metrics`: the study's objectives' metrics, one column each (the first is the trials' value);
 * `ranked` adds a rank column.
 */
export function renderTrials(trials: TrialRow[], metrics: readonly string[], ranked: boolean): string {
  const names = paramNames(trials);
  // Why a trial failed is what `trials --state failed` is for; the last column, so it is the one shortened to fit.
  const withError = trials.some((t) => failure(t) !== '');
  // PBT's forks: `4@3` is a copy of trial 4 at epoch 3 (its checkpoint and params, some explored).
  const withFork = trials.some((t) => t.forkOf !== undefined);
  const columns: Column[] = [
    ...(ranked ? [{ header: 'rank', align: 'right' as const, keep: true }] : []),
    { header: '#', align: 'right', keep: true },
    { header: 'state', keep: true },
    ...metrics.map((m) => ({ header: m, align: 'right' as const, keep: true })),
    { header: 'budget', align: 'right', keep: true },
    ...(withFork ? [{ header: 'fork', align: 'right' as const, keep: true }] : []),
    ...names.map((p) => ({ header: p, align: 'right' as const })),
    ...(withError ? [{ header: 'error' }] : []),
  ];
  const rows = trials.map((t, i) => [
    ...(ranked ? [String(i + 1)] : []),
    String(t.number),
    isDiverged(t) ? 'diverged' : t.state,
    ...metrics.map((m, i) => fmtNum(i === 0 ? t.value : (t.metrics[m] ?? null))),
    String(t.budget),
    ...(withFork ? [t.forkOf ? `${t.forkOf.from}@${t.forkOf.budget}` : ''] : []),
    ...names.map((p) => (t.params[p] === undefined ? '' : fmtParam(t.params[p]))),
    ...(withError ? [failure(t)] : []),
  ]);
  return renderTable(columns, rows);
}

/** A failed trial's error on one line; '' for the others and for "diverged", which the state column already says. */
function failure(t: TrialRow): string {
  return t.state === 'failed' && t.error !== null && !isDiverged(t) ? t.error.replace(/\s+/g, ' ').trim() : '';
}

/** What a flat record needs of a trial (a TrialRow or an export row). */
export type RecordSource = Pick<TrialRow, 'number' | 'state' | 'value' | 'budget' | 'epochsTrained' | 'params' | 'metrics' | 'seed' | 'durationMs' | 'startedAt' | 'finishedAt' | 'error' | 'forkOf' | 'attrs'>;

/**
 * One flat record per trial: params and metrics as their own columns. With
 * `paramNames` (the study's space), every one of those params has its column,
 * null in a trial that does not have it (a conditional param), so an export's
 * columns do not depend on which branches the trials happened to take.
 * With `forks` (a PBT study), every record ends with `fork_of` and
 * `fork_budget` (null in a trial that is no copy), after the columns every
 * study has, for the same reason.
 */
export function trialRecords(trials: readonly RecordSource[], paramNames: readonly string[] = [], forks = false): Record<string, unknown>[] {
  const absent = Object.fromEntries(paramNames.map((name) => [name, null]));
  return trials.map((t) => {
    const r: Record<string, unknown> = { number: t.number, state: t.state, value: t.value, budget: t.budget, epochs_trained: t.epochsTrained };
    Object.assign(r, prefixed('param_', { ...absent, ...t.params }), prefixed('metric_', t.metrics));
    r.seed = t.seed;
    r.duration_ms = t.durationMs;
    r.started_at = t.startedAt === null ? null : new Date(t.startedAt).toISOString();
    r.finished_at = t.finishedAt === null ? null : new Date(t.finishedAt).toISOString();
    r.error = t.error;
    if (forks) {
      r.fork_of = t.forkOf?.from ?? null;
      r.fork_budget = t.forkOf?.budget ?? null;
    }
    // Last, so that the columns of studies without attributes stay where they were (a value that is not text is JSON in CSV).
    Object.assign(r, prefixed('attr_', t.attrs ?? {}));
    return r;
  });
}

/** `{lr: 0.1}` → `{param_lr: 0.1}`: params and metrics as flat CSV columns, in sorted order. */
export function prefixed(prefix: string, o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [prefix + k, o[k]]),
  );
}
