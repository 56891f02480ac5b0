/** Opens the database named by --db (default $RUNGS_DB or ./rungs.db) for a command. */
import fs from 'node:fs';
import { StorageError, UsageError } from '../errors.js';
import { openSqliteStorage } from '../storage/sqlite-storage.js';
import type { Storage } from '../storage/storage.js';
import { StudyStore } from '../study/study-store.js';

export function defaultDbPath(): string {
  return process.env.RUNGS_DB || 'rungs.db';
}

/** Read commands never create a database: a missing file is an error, not an empty store. */
export function openStore(file: string, { create }: { create: boolean }): Storage {
  // SQLite takes "" for a temporary database: a run would store its trials nowhere.
  if (file === '') throw new UsageError('--db must be the path of a database file (got "")');
  // SQLite's own word for a directory is "cannot open": say what it is.
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--db ${file} is a directory: give the path of a database file in it (e.g. ${file.replace(/\/+$/, '')}/rungs.db)`);
  }
  if (!create && !fs.existsSync(file)) {
    throw new StorageError(`no database at ${file} (run a study first, or pass --db / set RUNGS_DB)`, 'E_STORAGE_MISSING');
  }
  return openSqliteStorage(file);
}

/** An existing store, for the commands that query studies by name. */
export function openStudyStore(file: string): StudyStore {
  return new StudyStore(openStore(file, { create: false }));
}
