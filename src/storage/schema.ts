/**
 * The SQLite schema, version 1 (see migrations.ts for how it is applied).
 *
 * Normalised like Optuna's RDB schema: one row per study, per trial, per
 * param, per learning-curve point and per final metric, so SQL can filter,
 * group and rank by any of them. Reals that may be NaN/±Inf have a
 * `*_special` column (real-codec.ts). Budgets and steps are NUMERIC so that
 * whole epochs are stored as integers and fractional resources still fit.
 *
 * Every `CREATE` uses IF NOT EXISTS as a belt: migrations already run under
 * the write lock with user_version re-read, so they never race.
 */

/** Tables that belong to a rungs store (a fresh file may only contain these). */
export const RUNGS_TABLES: readonly string[] = [
  'studies',
  'trials',
  'trial_params',
  'trial_values',
  'trial_metrics',
  'trial_metric_curves',
  'trial_attrs',
  'checkpoints',
  'param_names',
  'id_sequence',
];

/** `PRAGMA application_id` of a rungs store: "rung" in ASCII. */
export const APPLICATION_ID = 0x72756e67;

export const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS studies (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  direction   TEXT    NOT NULL CHECK (direction IN ('minimize', 'maximize')),
  metric      TEXT    NOT NULL,
  seed        INTEGER NOT NULL,
  definition  TEXT    NOT NULL,              -- JSON: the normalised study definition
  attrs       TEXT    NOT NULL DEFAULT '{}', -- JSON object
  rev         INTEGER NOT NULL DEFAULT 0,    -- study-wide revision, bumped by every trial write
  created_at  INTEGER NOT NULL,              -- ms since epoch
  updated_at  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS trials (
  id             INTEGER PRIMARY KEY,
  study_id       INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
  number         INTEGER NOT NULL,
  state          TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'complete', 'pruned', 'failed')),
  seed           INTEGER NOT NULL,
  budget         NUMERIC NOT NULL DEFAULT 0,   -- budget completed
  target         NUMERIC NOT NULL,             -- budget of the current or last job
  bracket        INTEGER NOT NULL DEFAULT 0,
  value          REAL,                         -- study metric at budget
  value_special  TEXT CHECK (value_special IN ('nan', 'inf', '-inf')),
  score          REAL,                         -- value signed so that lower is better (value, or -value when
                                               -- maximizing); NULL without a value or for NaN: the best() key
  epochs_trained NUMERIC NOT NULL DEFAULT 0,
  duration_ms    REAL    NOT NULL DEFAULT 0,
  error          TEXT,
  started_at     INTEGER,
  finished_at    INTEGER,
  owner          TEXT,                         -- "host:pid:nonce" while held
  heartbeat_at   INTEGER,
  rev            INTEGER NOT NULL,             -- studies.rev at the trial's last change
  UNIQUE (study_id, number)
);
-- Indexes are few on purpose: every index is one more page written per
-- commit, and claim + finishJob must stay cheap (thousands per second).
-- Scans by study use the UNIQUE (study_id, number) index.
CREATE INDEX IF NOT EXISTS trials_study_rev ON trials (study_id, rev);
-- Trials held by an owner (running ones): heartbeat, releaseOwner, requeueOrphans.
CREATE INDEX IF NOT EXISTS trials_held ON trials (owner, study_id) WHERE owner IS NOT NULL;
-- best(): ORDER BY budget DESC, score, number LIMIT k walks this index.
CREATE INDEX IF NOT EXISTS trials_best ON trials (study_id, budget DESC, score ASC, number ASC)
  WHERE state IN ('complete', 'pruned') AND score IS NOT NULL;

CREATE TABLE IF NOT EXISTS trial_params (
  trial_id   INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL,
  value_num  REAL,                 -- float, int and bool (0/1) params
  value_text TEXT,                 -- text params
  kind       TEXT    NOT NULL CHECK (kind IN ('float', 'int', 'text', 'bool')),
  PRIMARY KEY (trial_id, name)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS trial_values (
  trial_id      INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  step          NUMERIC NOT NULL,
  value         REAL,
  value_special TEXT CHECK (value_special IN ('nan', 'inf', '-inf')),
  is_rung       INTEGER NOT NULL DEFAULT 0 CHECK (is_rung IN (0, 1)), -- 1: value at the end of a job
  PRIMARY KEY (trial_id, step)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS trial_values_rungs ON trial_values (trial_id, step) WHERE is_rung = 1;

CREATE TABLE IF NOT EXISTS trial_metrics (
  trial_id      INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  name          TEXT    NOT NULL,
  value         REAL,
  value_special TEXT CHECK (value_special IN ('nan', 'inf', '-inf')),
  PRIMARY KEY (trial_id, name)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS checkpoints (
  trial_id INTEGER PRIMARY KEY REFERENCES trials (id) ON DELETE CASCADE,
  bytes    BLOB NOT NULL
);

-- Every param name used by some trial: the columns of the ranked_trials view.
CREATE TABLE IF NOT EXISTS param_names (
  name TEXT PRIMARY KEY
) WITHOUT ROWID;
`;
