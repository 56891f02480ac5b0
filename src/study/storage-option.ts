/**
 * The `storage` option of runStudy and createStudy: the path of a SQLite file (opened, and closed when
 * done), a Storage, or the StudyStore openStorage() returns (its Storage is used; the caller closes it).
 */
import { formatValue, isRecord } from '../format-value.js';
import type { Storage } from '../storage/storage.js';
import { StudyStore } from './study-store.js';

export type StorageOption = Storage | StudyStore | string;

/** The path or the Storage `option` stands for; undefined when it is neither. */
export function storageOf(option: unknown): Storage | string | undefined {
  if (typeof option === 'string') return option === '' ? undefined : option;
  if (option instanceof StudyStore) return option.storage;
  return isRecord(option) && typeof option['getStudy'] === 'function' && typeof option['claim'] === 'function' ? (option as unknown as Storage) : undefined;
}

/**
 * Problems of what every entry point is given, before anything else is read: the study and the options are
 * objects (a call from plain JavaScript may pass anything), the storage is one, the signals are AbortSignals
 * and the callbacks functions.
 */
export function entryProblems(study: unknown, opts: unknown, signals: readonly string[] = [], callbacks: readonly string[] = []): string[] {
  if (!isRecord(study)) return [`the study must be what defineStudy() returns or a study object (got ${formatValue(study)})`];
  if (!isRecord(opts)) return [`the options must be an object with at least storage (got ${formatValue(opts)})`];
  const out: string[] = [];
  if (storageOf(opts['storage']) === undefined) {
    out.push(`storage must be the path of a SQLite file, a Storage or the StudyStore of openStorage() (got ${formatValue(opts['storage'])})`);
  }
  for (const k of signals) if (opts[k] !== undefined && !(opts[k] instanceof AbortSignal)) out.push(`${k} must be an AbortSignal (got ${formatValue(opts[k])})`);
  for (const k of callbacks) if (opts[k] !== undefined && typeof opts[k] !== 'function') out.push(`${k} must be a function (got ${formatValue(opts[k])})`);
  return out;
}
