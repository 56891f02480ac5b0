/**
 * openStorage: query a store by study name — the API twin of `rungs studies`,
 * `rungs trials` and `rungs best`.
 *
 * @example
 * const store = openStorage('rungs.db');
 * const [top] = await store.best('quickstart', 1);
 * await store.close();
 */
import { StudyNotFoundError } from '../errors.js';
import type { Storage, StudyRow, StudySummary, TrialFilter, TrialRow } from '../storage/storage.js';
import { openSqliteStorage } from '../storage/sqlite-storage.js';

export class StudyStore {
  constructor(readonly storage: Storage) {}

  studies(): Promise<StudySummary[]> {
    return this.storage.listStudies();
  }

  async study(name: string): Promise<StudyRow> {
    const row = await this.storage.getStudy(name);
    if (!row) throw new StudyNotFoundError(name, (await this.storage.listStudies()).map((s) => s.name));
    return row;
  }

  async trials(name: string, filter: Omit<TrialFilter, 'sinceRev'> = {}): Promise<TrialRow[]> {
    return this.storage.getTrials((await this.study(name)).id, filter);
  }

  /** The best k trials, best first: highest budget reached, then value in the study's direction. */
  async best(name: string, k = 1): Promise<TrialRow[]> {
    return this.storage.best((await this.study(name)).id, k);
  }

  close(): Promise<void> {
    return this.storage.close();
  }
}

export function openStorage(path: string): StudyStore {
  return new StudyStore(openSqliteStorage(path));
}
