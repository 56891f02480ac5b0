/**
 * The `ranked_trials` SQL view, for people who query the store with SQL:
 *
 *   SELECT * FROM ranked_trials WHERE study = 'quickstart' LIMIT 5;
 *
 * One row per trial: `study` (name), `rank`, `number`, `state`, `value`,
 * `budget`, then one column per param name used by any trial in the
 * database (NULL where a trial has no such param). Bool params read as 0/1.
 *
 * `rank` follows Storage.best(): completed or pruned trials with a value
 * rank first — highest budget, then value in the study's direction, then
 * number — and every other trial (queued, running, failed, or with no value
 * or a NaN value) has rank NULL. Rows are ordered by study, rank (NULLs
 * last), number.
 *
 * SQLite views cannot pivot dynamically, so the view is regenerated
 * (DROP + CREATE, inside the writing transaction) whenever a param name
 * appears that the `param_names` table did not hold, or a study is deleted.
 * A param column whose name collides with a fixed column (case-insensitive,
 * as SQLite compares identifiers) is named `param_<name>`.
 */
import type { Database } from 'better-sqlite3';

export const RANKED_TRIALS_VIEW = 'ranked_trials';

const FIXED_COLUMNS = ['study', 'rank', 'number', 'state', 'value', 'budget'];

/** Quotes an SQL identifier: "a""b". */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes an SQL string literal: 'it''s'. */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The view's column name for each param name (unique, case-insensitively, against the fixed columns). */
export function paramColumns(paramNames: readonly string[]): Array<{ param: string; column: string }> {
  const used = new Set(FIXED_COLUMNS);
  const out: Array<{ param: string; column: string }> = [];
  for (const param of paramNames) {
    // SQL text cannot carry NUL; such a name (never valid in a space) gets no column.
    if (param.includes('\0')) continue;
    let column = param;
    if (used.has(column.toLowerCase())) column = `param_${param}`;
    for (let i = 2; used.has(column.toLowerCase()); i++) column = `param_${param}_${i}`;
    used.add(column.toLowerCase());
    out.push({ param, column });
  }
  return out;
}

export function rankedTrialsViewSql(paramNames: readonly string[]): string {
  const cols = paramColumns(paramNames);
  const inner = cols.map(
    ({ param }, i) =>
      `(SELECT CASE p.kind WHEN 'float' THEN p.value_num WHEN 'text' THEN p.value_text ELSE CAST(p.value_num AS INTEGER) END FROM trial_params p WHERE p.trial_id = t.id AND p.name = ${quoteLiteral(param)}) AS _p${i}`,
  );
  const outer = cols.map(({ column }, i) => `_p${i} AS ${quoteIdent(column)}`);
  return `CREATE VIEW ${RANKED_TRIALS_VIEW} AS
SELECT
  study,
  CASE WHEN _ranked THEN ROW_NUMBER() OVER (
    PARTITION BY study
    ORDER BY _ranked DESC, budget DESC, _score, number
  ) END AS "rank",
  number, state, value, budget${outer.map((c) => `,\n  ${c}`).join('')}
FROM (
  SELECT
    s.name AS study, t.score AS _score,
    t.number AS number, t.state AS state, t.value AS value, t.budget AS budget,
    (t.state IN ('complete', 'pruned') AND t.score IS NOT NULL) AS _ranked${inner.map((c) => `,\n    ${c}`).join('')}
  FROM trials t JOIN studies s ON s.id = t.study_id
)
ORDER BY study, "rank" NULLS LAST, number`;
}

/** Drops and re-creates the view from `param_names`. Call inside a write transaction. */
export function refreshRankedTrialsView(db: Database): void {
  const names = (db.prepare('SELECT name FROM param_names ORDER BY name').pluck().all() as string[]);
  db.exec(`DROP VIEW IF EXISTS ${RANKED_TRIALS_VIEW}`);
  db.exec(rankedTrialsViewSql(names));
}
