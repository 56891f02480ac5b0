/**
 * Opens (and creates or migrates) the SQLite file behind a SqliteStorage.
 *
 * Order matters so that a file we must refuse is never altered: read
 * user_version first (this is what fails on a file that is not a database,
 * and what tells a newer schema), only then switch to WAL (which rewrites
 * the header), then migrate under the write lock.
 */
import Database from 'better-sqlite3';
import { StorageError } from '../errors.js';
import {
  assertNoForeignTables,
  LATEST_SCHEMA_VERSION,
  migrate,
  readUserVersion,
  schemaNewerError,
} from './migrations.js';
import { sqliteErrorCode, toStorageError } from './sqlite-errors.js';

export interface OpenOptions {
  /** Open without writing anything; writes fail with E_READONLY. The schema must be current. */
  readonly?: boolean;
  /** How long to wait for another connection's lock before E_LOCKED (default 10 000 ms). */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export function openDatabase(path: string, opts: OpenOptions = {}): Database.Database {
  const readonly = opts.readonly ?? false;
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const ctx = { location: path, action: 'open the database', busyTimeoutMs };
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  } catch (err) {
    const mapped = toStorageError(err, ctx);
    if (mapped instanceof StorageError) throw mapped;
    // better-sqlite3 checks the directory itself and throws a TypeError.
    throw new StorageError(
      `cannot open database ${path}: ${err instanceof Error ? err.message : String(err)}`,
      'E_CANNOT_OPEN',
    );
  }
  try {
    // Busy errors while preparing are retried until the busy timeout: some
    // lock upgrades (switching to WAL, a rollback-journal file shared by
    // processes opening it at the same moment) fail at once with SQLITE_BUSY
    // instead of waiting in SQLite's busy handler, to avoid a deadlock.
    const deadline = Date.now() + busyTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        prepareConnection(db, path, readonly);
        break;
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline) throw err;
        sleepSync(Math.min(deadline - Date.now(), Math.min(2 ** attempt, 50) * (0.5 + Math.random())));
      }
    }
    return db;
  } catch (err) {
    db.close();
    throw toStorageError(err, ctx);
  }
}

function prepareConnection(db: Database.Database, path: string, readonly: boolean): void {
  const found = readUserVersion(db);
  if (found > LATEST_SCHEMA_VERSION) throw schemaNewerError(path, found);
  if (readonly) {
    if (found < LATEST_SCHEMA_VERSION) {
      throw new StorageError(
        found === 0
          ? `${path} is not a rungs store yet and was opened read-only; open it writable once to create the schema`
          : `database ${path} has schema version ${found} and needs migrating to ${LATEST_SCHEMA_VERSION}, ` +
              `but was opened read-only`,
        'E_READONLY',
      );
    }
  } else {
    // Refuse another program's database before WAL rewrites its header.
    if (found === 0) {
      assertNoForeignTables(db, path);
      // A new store gives freed pages back to the file system (dropped checkpoints are most of a
      // finished study's bytes). Only possible before the first table exists.
      db.pragma('auto_vacuum = INCREMENTAL');
    }
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    if (mode !== 'wal' && mode !== 'memory') {
      throw new StorageError(`cannot switch ${path} to WAL mode (journal mode is "${mode}")`);
    }
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  if (!readonly && found < LATEST_SCHEMA_VERSION) migrate(db, path);
}

function isBusy(err: unknown): boolean {
  const code = sqliteErrorCode(err);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (opening is synchronous, like better-sqlite3's own busy wait). */
function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
}
