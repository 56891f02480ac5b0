/**
 * Turns better-sqlite3 errors into StorageErrors with stable codes and a
 * message that names the file. Errors that are not SQLite's (a RungsError,
 * or whatever a `decide` callback throws) pass through unchanged.
 */
import Database from 'better-sqlite3';
import { RungsError, StorageError } from '../errors.js';

export function isSqliteError(err: unknown): err is Error & { code: string } {
  return err instanceof Database.SqliteError;
}

export function sqliteErrorCode(err: unknown): string | undefined {
  return isSqliteError(err) ? err.code : undefined;
}

export interface ErrorContext {
  /** The database path, for messages. */
  location: string;
  /** What was being done ("open", "claim a trial", …). */
  action: string;
  busyTimeoutMs: number;
}

export function toStorageError(err: unknown, ctx: ErrorContext): unknown {
  if (err instanceof RungsError) return err;
  if (!isSqliteError(err)) return err;
  const code = err.code;
  const where = `${ctx.location}`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StorageError(
      `cannot ${ctx.action}: database ${where} is locked by another connection ` +
        `(waited ${ctx.busyTimeoutMs} ms). Another process or SQL tool holds a write lock on it; ` +
        `finish or close that (an open transaction in a SQL shell, say) and run the command again` +
        ` (API: openSqliteStorage's busyTimeoutMs waits longer)`,
      'E_LOCKED',
    );
  }
  if (code === 'SQLITE_NOTADB') {
    return new StorageError(`${where} is not a SQLite database (left unchanged)`, 'E_NOT_A_DATABASE');
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new StorageError(
      `cannot ${ctx.action}: database ${where} is read-only (file or directory permissions, ` +
        `or opened read-only); nothing was written`,
      'E_READONLY',
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StorageError(
      `cannot open database ${where}: the file or its directory does not exist or is not accessible ` +
        `(${err.message})`,
      'E_CANNOT_OPEN',
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new StorageError(`database ${where} is corrupt: ${err.message}`, 'E_CORRUPT');
  }
  if (code === 'SQLITE_FULL') {
    return new StorageError(`cannot ${ctx.action}: the disk holding ${where} is full`, 'E_DISK_FULL');
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StorageError(`cannot ${ctx.action}: I/O error on ${where}: ${err.message}`, 'E_IO');
  }
  return new StorageError(`cannot ${ctx.action} in ${where}: ${err.message} (${code})`);
}
