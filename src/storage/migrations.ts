/**
 * Ordered schema migrations, applied on open. `PRAGMA user_version` is the
 * schema version. The write lock is taken first (BEGIN IMMEDIATE), then
 * user_version is re-read and only the missing migrations run, all in that
 * one transaction, so several processes opening a fresh file at once never
 * fail on schema creation (one creates, the others find it done).
 *
 * A database newer than this code (user_version > LATEST_SCHEMA_VERSION) is
 * refused with E_SCHEMA_NEWER and never altered.
 */
import type { Database } from 'better-sqlite3';
import { StorageError } from '../errors.js';
import { APPLICATION_ID, RUNGS_TABLES, SCHEMA_V1 } from './schema.js';
import { RANKED_TRIALS_VIEW, refreshRankedTrialsView } from './ranked-trials-view.js';
import { PARETO_FRONT_VIEW_SQL } from './pareto-front-view.js';

export interface Migration {
  /** The user_version after this migration. */
  version: number;
  description: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'studies, trials, params, curves, metrics, checkpoints; ranked_trials view',
    up(db) {
      db.exec(SCHEMA_V1);
      db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
      refreshRankedTrialsView(db);
    },
  },
  {
    version: 2,
    description: 'indexes for the queries people run: trials by (study, state) and (study, value)',
    up(db) {
      db.exec(`
        CREATE INDEX IF NOT EXISTS trials_study_state ON trials (study_id, state);
        CREATE INDEX IF NOT EXISTS trials_study_value ON trials (study_id, value);
      `);
    },
  },
  {
    version: 3,
    description: 'study ids are never reused: a study made again under a deleted one\'s id was taken for it by a run still holding that id',
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS id_sequence (name TEXT PRIMARY KEY, last INTEGER NOT NULL);
        INSERT OR IGNORE INTO id_sequence (name, last) SELECT 'studies', coalesce(max(id), 0) FROM studies;
      `);
    },
  },
  {
    version: 4,
    description: 'a categorical param may take null: trial_params.kind allows "null"',
    up(db) {
      // SQLite cannot alter a CHECK: the table is built again and its rows copied. The view reads
      // trial_params, and a rename fails while a view names a missing table, so it goes first.
      db.exec(`
        DROP VIEW IF EXISTS ${RANKED_TRIALS_VIEW};
        CREATE TABLE trial_params_v4 (
          trial_id   INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
          name       TEXT    NOT NULL,
          value_num  REAL,
          value_text TEXT,
          kind       TEXT    NOT NULL CHECK (kind IN ('float', 'int', 'text', 'bool', 'null')),
          PRIMARY KEY (trial_id, name)
        ) WITHOUT ROWID;
        INSERT INTO trial_params_v4 (trial_id, name, value_num, value_text, kind)
          SELECT trial_id, name, value_num, value_text, kind FROM trial_params;
        DROP TABLE trial_params;
        ALTER TABLE trial_params_v4 RENAME TO trial_params;
      `);
      refreshRankedTrialsView(db);
    },
  },
  {
    version: 5,
    description: 'pareto_front view: the Pareto front of every multi-objective study',
    up(db) {
      // A fresh file gets it here too (as ranked_trials, in migration 1): both ways end in one schema.
      db.exec(PARETO_FRONT_VIEW_SQL);
    },
  },
  {
    version: 6,
    description: 'forked trials (PBT): trials.fork_of and fork_budget, the trial and budget a trial started as a copy of',
    up(db) {
      db.exec(`
        ALTER TABLE trials ADD COLUMN fork_of INTEGER;
        ALTER TABLE trials ADD COLUMN fork_budget NUMERIC;
      `);
    },
  },
  {
    version: 7,
    description: "trial_metric_curves: every step of a trial's other metrics (train_loss, val_accuracy, an objective's reported extras)",
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS trial_metric_curves (
          trial_id      INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
          name          TEXT    NOT NULL,
          step          NUMERIC NOT NULL,
          value         REAL,
          value_special TEXT CHECK (value_special IN ('nan', 'inf', '-inf')),
          PRIMARY KEY (trial_id, name, step)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 8,
    description: "trial_attrs: a trial's attributes, values that are not metrics (Optuna's user attrs: a model's path, a config), as JSON",
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS trial_attrs (
          trial_id INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
          name     TEXT    NOT NULL,
          value    TEXT    NOT NULL, -- JSON
          PRIMARY KEY (trial_id, name)
        ) WITHOUT ROWID;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function schemaNewerError(location: string, version: number): StorageError {
  return new StorageError(
    `database ${location} has schema version ${version}, newer than this version of rungs understands ` +
      `(${LATEST_SCHEMA_VERSION}); upgrade rungs to open it (the file was not changed)`,
    'E_SCHEMA_NEWER',
  );
}

/**
 * Throws E_FOREIGN_DATABASE when a version-0 database has tables that are not
 * ours: a SQLite file of some other program, which we must not touch.
 */
export function assertNoForeignTables(db: Database, location: string): void {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  const foreign = names.filter((n) => !RUNGS_TABLES.includes(n));
  if (foreign.length > 0) {
    throw new StorageError(
      `${location} is a SQLite database but not a rungs store (it has tables ${foreign.join(', ')}); ` +
        `choose another file (this one was not changed)`,
      'E_FOREIGN_DATABASE',
    );
  }
}

/**
 * Brings the schema to LATEST_SCHEMA_VERSION. Returns the version found
 * before migrating. Throws E_SCHEMA_NEWER / E_FOREIGN_DATABASE without
 * writing anything.
 */
export function migrate(db: Database, location: string): number {
  const run = db.transaction((): number => {
    const found = readUserVersion(db);
    if (found > LATEST_SCHEMA_VERSION) throw schemaNewerError(location, found);
    if (found === LATEST_SCHEMA_VERSION) return found;
    if (found === 0) assertNoForeignTables(db, location);
    for (const m of MIGRATIONS) {
      if (m.version <= found) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    return found;
  });
  return run.immediate();
}
