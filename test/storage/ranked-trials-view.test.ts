import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { paramColumns, quoteIdent, quoteLiteral, rankedTrialsViewSql } from '../../src/storage/ranked-trials-view.js';

describe('ranked_trials view SQL', () => {
  it('quotes identifiers and literals', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });

  it('names param columns uniquely, case-insensitively, away from the fixed columns', () => {
    expect(paramColumns(['lr', 'Value', 'rank', 'param_rank', 'LR', 'bad\0name'])).toEqual([
      { param: 'lr', column: 'lr' },
      { param: 'Value', column: 'param_Value' },
      { param: 'rank', column: 'param_rank' },
      { param: 'param_rank', column: 'param_param_rank' },
      { param: 'LR', column: 'param_LR' },
    ]);
  });

  it('produces SQL that SQLite accepts for awkward names', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE studies (id INTEGER PRIMARY KEY, name TEXT, direction TEXT);
      CREATE TABLE trials (id INTEGER PRIMARY KEY, study_id INT, number INT, state TEXT, value REAL, score REAL, budget REAL);
      CREATE TABLE trial_params (trial_id INT, name TEXT, value_num REAL, value_text TEXT, kind TEXT)`);
    db.exec(rankedTrialsViewSql(['x', "it's", 'a"b', 'SELECT', '; DROP TABLE trials; --']));
    const cols = (db.prepare('SELECT * FROM ranked_trials').columns() as Array<{ name: string }>).map((c) => c.name);
    expect(cols).toEqual(['study', 'rank', 'number', 'state', 'value', 'budget', 'x', "it's", 'a"b', 'SELECT', '; DROP TABLE trials; --']);
    db.close();
  });
});
