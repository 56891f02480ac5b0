/**
 * Every fixed SQL statement of SqliteStorage, prepared once per connection
 * and reused. (Statements whose text depends on a filter are cached by
 * trial-loader.ts.) Statements survive the view being regenerated: SQLite
 * re-prepares them transparently after a schema change.
 */
import type { Database, Statement } from 'better-sqlite3';
import { TRIAL_COLUMNS } from './trial-rows.js';

const RANKED = "t.state IN ('complete', 'pruned') AND t.score IS NOT NULL";

export const SQL = {
  // The next study id: past every id ever given (SQLite alone would give a deleted last study's id again).
  nextStudyId:
    "UPDATE id_sequence SET last = max(last, coalesce((SELECT max(id) FROM studies), 0)) + 1 WHERE name = 'studies' RETURNING last",
  insertStudy:
    'INSERT INTO studies (id, name, direction, metric, seed, definition, attrs, rev, created_at, updated_at) ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING *',
  studyByName: 'SELECT * FROM studies WHERE name = ?',
  studyById: 'SELECT * FROM studies WHERE id = ?',
  studyRev: 'SELECT rev FROM studies WHERE id = ?',
  trialHolder: 'SELECT number, owner FROM trials WHERE id = ?',
  allStudies: 'SELECT * FROM studies ORDER BY id',
  setAttrs: 'UPDATE studies SET attrs = ?, updated_at = ? WHERE id = ?',
  setDefinition: 'UPDATE studies SET definition = ?, updated_at = ? WHERE id = ? AND definition = ?',
  studyExists: 'SELECT 1 FROM studies WHERE id = ?',
  deleteStudy: 'DELETE FROM studies WHERE name = ?',
  bumpRev: 'UPDATE studies SET rev = rev + 1, updated_at = ? WHERE id = ? RETURNING rev',
  bumpRevOfTrial:
    'UPDATE studies SET rev = rev + 1, updated_at = ? WHERE id = (SELECT study_id FROM trials WHERE id = ?) ' +
    'RETURNING rev, direction',
  countsByState: 'SELECT study_id, state, COUNT(*) AS n FROM trials GROUP BY study_id, state',

  insertTrial:
    'INSERT INTO trials (study_id, number, state, seed, budget, target, bracket, started_at, owner, heartbeat_at, rev, fork_of, fork_budget) ' +
    "VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
  // A forked trial starts from a copy of its donor's checkpoint (none when the donor saved none).
  copyCheckpoint: 'INSERT INTO checkpoints (trial_id, bytes) SELECT ?, bytes FROM checkpoints WHERE trial_id = ?',
  importTrial:
    'INSERT INTO trials (study_id, number, state, seed, budget, target, bracket, value, value_special, score, ' +
    'epochs_trained, duration_ms, error, started_at, finished_at, rev, fork_of, fork_budget) ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
  trialByNumber: `SELECT ${TRIAL_COLUMNS} FROM trials t WHERE t.study_id = ? AND t.number = ?`,
  claimExisting:
    "UPDATE trials SET state = 'running', target = ?, owner = ?, heartbeat_at = ?, " +
    'started_at = COALESCE(started_at, ?), error = NULL, rev = ? WHERE id = ?',
  insertParam: 'INSERT INTO trial_params (trial_id, name, value_num, value_text, kind) VALUES (?, ?, ?, ?, ?)',
  registerParamName: 'INSERT OR IGNORE INTO param_names (name) VALUES (?)',
  // All params of a trial in one statement, from a JSON object of finite numbers, strings, booleans and nulls.
  insertParamsJson:
    'INSERT INTO trial_params (trial_id, name, value_num, value_text, kind) ' +
    "SELECT ?, key, CASE type WHEN 'true' THEN 1 WHEN 'false' THEN 0 WHEN 'text' THEN NULL ELSE value END, " +
    "CASE type WHEN 'text' THEN value END, " +
    "CASE type WHEN 'integer' THEN 'int' WHEN 'real' THEN 'float' WHEN 'text' THEN 'text' WHEN 'null' THEN 'null' ELSE 'bool' END " +
    'FROM json_each(?)',
  registerParamNamesJson: 'INSERT OR IGNORE INTO param_names (name) SELECT key FROM json_each(?)',
  pruneParamNames:
    'DELETE FROM param_names WHERE NOT EXISTS (SELECT 1 FROM trial_params p WHERE p.name = param_names.name)',

  // A trial's first job to finish sets started_at to when it started on its thread (when it says so).
  finishTrial:
    'UPDATE trials SET state = ?, budget = ?, value = ?, value_special = ?, score = ?, ' +
    'started_at = CASE WHEN finished_at IS NULL THEN COALESCE(?, started_at) ELSE started_at END, ' +
    'epochs_trained = epochs_trained + ?, duration_ms = duration_ms + ?, error = ?, finished_at = ?, ' +
    'owner = NULL, heartbeat_at = NULL, rev = ? WHERE id = ?',
  deleteMetrics: 'DELETE FROM trial_metrics WHERE trial_id = ?',
  insertMetric: 'INSERT INTO trial_metrics (trial_id, name, value, value_special) VALUES (?, ?, ?, ?)',
  upsertCurve:
    'INSERT INTO trial_values (trial_id, step, value, value_special, is_rung) VALUES (?, ?, ?, ?, 0) ' +
    'ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value, value_special = excluded.value_special',
  upsertRung:
    'INSERT INTO trial_values (trial_id, step, value, value_special, is_rung) VALUES (?, ?, ?, ?, 1) ' +
    'ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value, value_special = excluded.value_special, is_rung = 1',
  upsertMetricCurve:
    'INSERT INTO trial_metric_curves (trial_id, name, step, value, value_special) VALUES (?, ?, ?, ?, ?) ' +
    'ON CONFLICT (trial_id, name, step) DO UPDATE SET value = excluded.value, value_special = excluded.value_special',
  // A job's finite points in one statement: a JSON array of [name, step, value] (what insertParamsJson does for params).
  upsertMetricCurvesJson:
    'INSERT INTO trial_metric_curves (trial_id, name, step, value, value_special) ' +
    "SELECT ?, value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', NULL FROM json_each(?) WHERE true " +
    'ON CONFLICT (trial_id, name, step) DO UPDATE SET value = excluded.value, value_special = NULL',
  metricCurvesOfIds:
    'SELECT trial_id, name, step, value, value_special FROM trial_metric_curves ' +
    'WHERE trial_id IN (SELECT value FROM json_each(?)) ORDER BY trial_id, name, step',
  curve: 'SELECT step, value, value_special FROM trial_values WHERE trial_id = ? ORDER BY step',
  curvesOfIds:
    'SELECT trial_id, step, value, value_special FROM trial_values ' +
    'WHERE trial_id IN (SELECT value FROM json_each(?)) ORDER BY trial_id, step',
  upsertCheckpoint:
    'INSERT INTO checkpoints (trial_id, bytes) VALUES (?, ?) ON CONFLICT (trial_id) DO UPDATE SET bytes = excluded.bytes',
  deleteCheckpoint: 'DELETE FROM checkpoints WHERE trial_id = ?',
  dropCheckpoints: 'DELETE FROM checkpoints WHERE trial_id IN (SELECT id FROM trials WHERE study_id = ?)',
  checkpoint: 'SELECT bytes FROM checkpoints WHERE trial_id = ?',

  heartbeat: "UPDATE trials SET heartbeat_at = ? WHERE owner = ? AND state = 'running'",
  // Running trials always have an owner: scan the small partial index of held trials.
  runningOfStudy:
    'SELECT id, number, owner, heartbeat_at FROM trials INDEXED BY trials_held ' +
    "WHERE owner IS NOT NULL AND study_id = ? AND state = 'running'",
  requeue:
    "UPDATE trials SET state = 'queued', owner = NULL, heartbeat_at = NULL, rev = ? " +
    "WHERE id = ? AND state = 'running' AND owner IS ? AND heartbeat_at IS ?",
  studiesOfOwner: "SELECT DISTINCT study_id FROM trials WHERE owner = ? AND state IN ('queued', 'running')",
  releaseOwner:
    "UPDATE trials SET state = 'queued', owner = NULL, heartbeat_at = NULL, error = ?, rev = ? " +
    "WHERE study_id = ? AND owner = ? AND state IN ('queued', 'running')",

  best:
    `SELECT ${TRIAL_COLUMNS} FROM trials t WHERE t.study_id = ? AND ${RANKED} ` +
    'ORDER BY t.budget DESC, t.score ASC, t.number ASC LIMIT ?',

  paramsOfIds:
    'SELECT trial_id, name, value_num, value_text, kind FROM trial_params ' +
    'WHERE trial_id IN (SELECT value FROM json_each(?))',
  // INDEXED BY: the planner would rather walk every curve point through the primary key.
  rungsOfIds:
    'SELECT trial_id, step AS key, value, value_special FROM trial_values INDEXED BY trial_values_rungs ' +
    'WHERE is_rung = 1 AND trial_id IN (SELECT value FROM json_each(?)) ORDER BY trial_id, step',
  metricsOfIds:
    'SELECT trial_id, name AS key, value, value_special FROM trial_metrics ' +
    'WHERE trial_id IN (SELECT value FROM json_each(?)) ORDER BY trial_id, name',
  attrsOfIds: 'SELECT trial_id, name, value FROM trial_attrs WHERE trial_id IN (SELECT value FROM json_each(?)) ORDER BY trial_id, name',
  // A job's attributes in one statement, from a JSON array of [name, the value's JSON text] pairs.
  upsertAttrsJson:
    "INSERT INTO trial_attrs (trial_id, name, value) SELECT ?, value ->> '$[0]', value ->> '$[1]' FROM json_each(?) WHERE true " +
    'ON CONFLICT (trial_id, name) DO UPDATE SET value = excluded.value',
} as const;

export type Statements = { [K in keyof typeof SQL]: Statement };

/** Statements that return a single column: they return the value itself (better-sqlite3 `pluck`). */
const PLUCKED: ReadonlySet<string> = new Set([
  'studyRev',
  'bumpRev',
  'insertTrial',
  'importTrial',
  'studiesOfOwner',
]);

/** Statements that return many rows: each row is an array of its columns (better-sqlite3 `raw`), cheaper than an object. */
const RAW: ReadonlySet<string> = new Set(['curvesOfIds', 'metricCurvesOfIds']);

export function prepareStatements(db: Database): Statements {
  const out = {} as Record<string, Statement>;
  for (const [key, sql] of Object.entries(SQL)) {
    const stmt = db.prepare(sql);
    out[key] = PLUCKED.has(key) ? stmt.pluck() : RAW.has(key) ? stmt.raw() : stmt;
  }
  return out as Statements;
}
