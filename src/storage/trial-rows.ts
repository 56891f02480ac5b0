/**
 * Raw row shapes of the SQLite tables and their decoding into contract
 * types. Details (params, rung values, metrics) of many trials are fetched
 * with one query each and grouped here by trial id.
 */
import type { ParamValue, Params } from '../search/space.js';
import type { TrialState } from '../search/strategy.js';
import type { StudyRow, TrialRow } from './storage.js';
import { decodeReal, decodeRealStrict } from './real-codec.js';

export interface StudyRecord {
  id: number;
  name: string;
  direction: 'minimize' | 'maximize';
  metric: string;
  seed: number;
  definition: string;
  attrs: string;
  rev: number;
  created_at: number;
  updated_at: number;
}

export interface TrialRecord {
  id: number;
  study_id: number;
  number: number;
  state: TrialState;
  seed: number;
  budget: number;
  target: number;
  bracket: number;
  value: number | null;
  value_special: string | null;
  epochs_trained: number;
  duration_ms: number;
  error: string | null;
  started_at: number | null;
  finished_at: number | null;
  owner: string | null;
  heartbeat_at: number | null;
  rev: number;
  fork_of: number | null;
  fork_budget: number | null;
}

export interface ParamRecord {
  trial_id: number;
  name: string;
  value_num: number | null;
  value_text: string | null;
  kind: 'float' | 'int' | 'text' | 'bool' | 'null';
}

/** A trial's attribute: (trial, name, JSON text). */
export interface AttrRecord {
  trial_id: number;
  name: string;
  value: string;
}

/** A rung value or a metric: (trial, key, encoded real). */
export interface KeyedRealRecord {
  trial_id: number;
  key: number | string;
  value: number | null;
  value_special: string | null;
}

export const TRIAL_COLUMNS =
  't.id, t.study_id, t.number, t.state, t.seed, t.budget, t.target, t.bracket, t.value, t.value_special, ' +
  't.epochs_trained, t.duration_ms, t.error, t.started_at, t.finished_at, t.owner, t.heartbeat_at, t.rev, t.fork_of, t.fork_budget';

export function decodeStudy(r: StudyRecord): StudyRow {
  return {
    id: r.id,
    name: r.name,
    direction: r.direction,
    metric: r.metric,
    seed: r.seed,
    definition: JSON.parse(r.definition) as unknown,
    attrs: JSON.parse(r.attrs) as Record<string, unknown>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface EncodedParam {
  value_num: number | null;
  value_text: string | null;
  kind: ParamRecord['kind'];
}

export function encodeParam(v: ParamValue): EncodedParam {
  if (v === null) return { value_num: null, value_text: null, kind: 'null' };
  if (typeof v === 'boolean') return { value_num: v ? 1 : 0, value_text: null, kind: 'bool' };
  if (typeof v === 'string') return { value_num: null, value_text: v, kind: 'text' };
  return { value_num: v, value_text: null, kind: Number.isInteger(v) ? 'int' : 'float' };
}

export function decodeParam(r: Pick<ParamRecord, 'value_num' | 'value_text' | 'kind'>): ParamValue {
  switch (r.kind) {
    case 'bool':
      return r.value_num === 1;
    case 'text':
      return r.value_text ?? '';
    case 'null':
      return null;
    default:
      // A numeric param only reads NULL when it was NaN (SQLite stores NaN as NULL).
      return r.value_num ?? NaN;
  }
}

export interface TrialDetails {
  params: ParamRecord[];
  rungs: KeyedRealRecord[];
  metrics: KeyedRealRecord[];
  attrs: AttrRecord[];
}

export function decodeTrial(
  r: TrialRecord,
  params: Params = {},
  rungValues: Map<number, number> = new Map(),
  metrics: Record<string, number> = {},
): TrialRow {
  return {
    id: r.id,
    studyId: r.study_id,
    number: r.number,
    state: r.state,
    params,
    seed: r.seed,
    budget: r.budget,
    target: r.target,
    bracket: r.bracket,
    value: decodeReal(r.value, r.value_special),
    metrics,
    rungValues,
    epochsTrained: r.epochs_trained,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
    owner: r.owner,
    heartbeatAt: r.heartbeat_at,
    rev: r.rev,
    ...(r.fork_of !== null && r.fork_of !== undefined ? { forkOf: { from: r.fork_of, budget: r.fork_budget ?? 0 } } : {}),
  };
}

/** Builds TrialRows from trial records and their details (any order), keeping the records' order. */
export function assembleTrials(records: readonly TrialRecord[], details: TrialDetails): TrialRow[] {
  const byId = new Map<number, TrialRow>();
  const rows = records.map((r) => {
    const row = decodeTrial(r);
    byId.set(r.id, row);
    return row;
  });
  for (const p of details.params) {
    const row = byId.get(p.trial_id);
    if (row) row.params[p.name] = decodeParam(p);
  }
  for (const v of details.rungs) {
    const row = byId.get(v.trial_id);
    if (row) row.rungValues.set(Number(v.key), decodeRealStrict(v.value, v.value_special));
  }
  for (const m of details.metrics) {
    const row = byId.get(m.trial_id);
    if (row) row.metrics[String(m.key)] = decodeRealStrict(m.value, m.value_special);
  }
  for (const a of details.attrs) {
    const row = byId.get(a.trial_id);
    if (row) (row.attrs ??= {})[a.name] = JSON.parse(a.value) as unknown;
  }
  return rows;
}
