/**
 * ExportRows of a study in one query: trials joined with the study name,
 * params and final metrics aggregated per trial as JSON objects. Params keep
 * their JS types (bools are JSON booleans, text params JSON strings); metrics
 * that are NaN/±Inf travel as the strings "NaN"/"Infinity"/"-Infinity" and
 * are decoded here.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Params } from '../search/space.js';
import type { TrialState } from '../search/strategy.js';
import type { ExportRow } from './storage.js';
import { decodeReal } from './real-codec.js';

export const EXPORT_SQL = `
SELECT
  s.name AS study, t.number, t.state, t.value, t.value_special, t.budget, t.target, t.bracket, t.seed,
  t.epochs_trained, t.duration_ms, t.error, t.started_at, t.finished_at, t.fork_of, t.fork_budget,
  (SELECT json_group_object(p.name,
            CASE p.kind
              WHEN 'bool' THEN json(CASE WHEN p.value_num = 1 THEN 'true' ELSE 'false' END)
              WHEN 'text' THEN p.value_text
              ELSE p.value_num
            END)
     FROM trial_params p WHERE p.trial_id = t.id) AS params_json,
  (SELECT json_group_object(m.name,
            CASE m.value_special
              WHEN 'nan' THEN 'NaN' WHEN 'inf' THEN 'Infinity' WHEN '-inf' THEN '-Infinity'
              ELSE m.value
            END)
     FROM trial_metrics m WHERE m.trial_id = t.id) AS metrics_json,
  (SELECT json_group_object(a.name, json(a.value)) FROM trial_attrs a WHERE a.trial_id = t.id) AS attrs_json
FROM trials t JOIN studies s ON s.id = t.study_id
WHERE t.study_id = ?
ORDER BY t.number`;

interface ExportRecord {
  study: string;
  number: number;
  state: TrialState;
  value: number | null;
  value_special: string | null;
  budget: number;
  target: number;
  bracket: number;
  seed: number;
  epochs_trained: number;
  duration_ms: number;
  error: string | null;
  started_at: number | null;
  finished_at: number | null;
  fork_of: number | null;
  fork_budget: number | null;
  params_json: string;
  metrics_json: string;
  attrs_json: string;
}

const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function decodeMetrics(json: string): Record<string, number> {
  const raw = JSON.parse(json) as Record<string, number | string | null>;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) {
    out[k] = typeof v === 'number' ? v : typeof v === 'string' ? (SPECIAL[v] ?? NaN) : NaN;
  }
  return out;
}

/** `attrs` when the trial has any. */
function attrsOf(json: string): { attrs?: Record<string, unknown> } {
  const attrs = JSON.parse(json) as Record<string, unknown>;
  return Object.keys(attrs).length > 0 ? { attrs } : {};
}

export function exportTrials(stmt: Statement, studyId: number): ExportRow[] {
  return (stmt.all(studyId) as ExportRecord[]).map((r) => ({
    study: r.study,
    number: r.number,
    state: r.state,
    value: decodeReal(r.value, r.value_special),
    budget: r.budget,
    target: r.target,
    bracket: r.bracket,
    seed: r.seed,
    params: JSON.parse(r.params_json) as Params,
    metrics: decodeMetrics(r.metrics_json),
    ...attrsOf(r.attrs_json),
    epochsTrained: r.epochs_trained,
    durationMs: r.duration_ms,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ...(r.fork_of !== null ? { forkOf: { from: r.fork_of, budget: r.fork_budget ?? 0 } } : {}),
  }));
}

export function prepareExport(db: Database): Statement {
  return db.prepare(EXPORT_SQL);
}
