/**
 * Loads TrialRows in bulk: one query for the trial records, then one query
 * each for params, rung values and metrics of all of them (grouped in JS),
 * never one query per trial. Trial queries whose text depends on the filter
 * are prepared once per shape and cached.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { TrialState } from '../search/strategy.js';
import type { TrialFilter, TrialRow } from './storage.js';
import type { Statements } from './sqlite-statements.js';
import {
  assembleTrials,
  type AttrRecord,
  TRIAL_COLUMNS,
  type KeyedRealRecord,
  type ParamRecord,
  type TrialRecord,
} from './trial-rows.js';

export class TrialLoader {
  private readonly cache = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly stmts: Statements,
  ) {}

  /** TrialRows for trial records (keeps their order). */
  withDetails(records: readonly TrialRecord[]): TrialRow[] {
    if (records.length === 0) return [];
    const ids = JSON.stringify(records.map((r) => r.id));
    return assembleTrials(records, {
      params: this.stmts.paramsOfIds.all(ids) as ParamRecord[],
      rungs: this.stmts.rungsOfIds.all(ids) as KeyedRealRecord[],
      metrics: this.stmts.metricsOfIds.all(ids) as KeyedRealRecord[],
      attrs: this.stmts.attrsOfIds.all(ids) as AttrRecord[],
    });
  }

  /** Trials of a study matching `filter`, by number. */
  byFilter(studyId: number, filter: TrialFilter = {}): TrialRow[] {
    const where = ['t.study_id = ?'];
    const args: Array<number | string> = [studyId];
    if (filter.sinceRev !== undefined) {
      where.push('t.rev > ?');
      args.push(filter.sinceRev);
    }
    if (filter.states !== undefined) {
      const states: readonly TrialState[] = filter.states;
      if (states.length === 0) return [];
      where.push(`t.state IN (${states.map(() => '?').join(', ')})`);
      args.push(...states);
    }
    const sql = `SELECT ${TRIAL_COLUMNS} FROM trials t WHERE ${where.join(' AND ')} ORDER BY t.number`;
    return this.withDetails(this.statement(sql).all(...args) as TrialRecord[]);
  }

  /** Trials changed after `sinceRev`, less those the caller already holds at that revision. */
  changedSince(studyId: number, sinceRev: number, known?: (number: number, rev: number) => boolean): TrialRow[] {
    const sql = `SELECT ${TRIAL_COLUMNS} FROM trials t WHERE t.study_id = ? AND t.rev > ? ORDER BY t.number`;
    let records = this.statement(sql).all(studyId, sinceRev) as TrialRecord[];
    if (known) records = records.filter((r) => !known(r.number, r.rev));
    return this.withDetails(records);
  }

  one(studyId: number, number: number): TrialRow | undefined {
    const rec = this.stmts.trialByNumber.get(studyId, number) as TrialRecord | undefined;
    return rec ? this.withDetails([rec])[0] : undefined;
  }

  private statement(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
