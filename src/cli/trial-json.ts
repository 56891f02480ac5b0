/** The JSON shape of a trial in CLI output (`best --json`, `trials --json`, export). */
import type { Fork, Objective } from '../search/strategy.js';
import type { TrialRow } from '../storage/storage.js';

export interface TrialJson {
  number: number;
  state: TrialRow['state'];
  params: TrialRow['params'];
  value: number | null;
  metrics: Record<string, number>;
  /** A study of several objectives: each objective's value, in their order (Optuna's trial.values); null where missing. */
  values?: (number | null)[];
  budget: number;
  epochsTrained: number;
  seed: number;
  bracket: number;
  durationMs: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** A forked trial (PBT): the trial and budget it started as a copy of; absent otherwise. */
  forkOf?: Fork;
  /** Its attributes (values that are not metrics); absent: none. */
  attrs?: Record<string, unknown>;
}

/** `objectives`: a study of several objectives' (adds `values`). */
export function trialJson(t: TrialRow, objectives?: readonly Objective[]): TrialJson {
  return {
    number: t.number,
    state: t.state,
    params: t.params,
    value: t.value,
    metrics: t.metrics,
    ...(objectives ? { values: objectives.map((o) => t.metrics[o.metric] ?? null) } : {}),
    budget: t.budget,
    epochsTrained: t.epochsTrained,
    seed: t.seed,
    bracket: t.bracket,
    durationMs: t.durationMs,
    startedAt: t.startedAt === null ? null : new Date(t.startedAt).toISOString(),
    finishedAt: t.finishedAt === null ? null : new Date(t.finishedAt).toISOString(),
    error: t.error,
    ...(t.forkOf ? { forkOf: t.forkOf } : {}),
    ...(t.attrs && Object.keys(t.attrs).length > 0 ? { attrs: t.attrs } : {}),
  };
}

/** JSON.stringify that keeps NaN and ±Infinity readable (as strings) instead of turning them into null. */
export function stringifyJson(v: unknown, indent?: number): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), indent);
}
