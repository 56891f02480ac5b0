/**
 * The `pareto_front` SQL view: the best trials of every multi-objective study, for people who
 * query the store with SQL:
 *
 *   SELECT number, objective_values, params FROM pareto_front WHERE study = 'loss-vs-size';
 *
 * One row per trial on a study's Pareto front (as paretoFront() in stats/pareto-front.ts): the
 * complete trials with a finite value for each objective that no other such trial of the study
 * dominates (no worse on every objective, better on one). Only studies whose `definition` has
 * `objectives` (two or more: a multi-objective study) have rows; each objective's metric and
 * direction come from that JSON, its values from trial_metrics, so any number of objectives works.
 * Columns: `study` (name), `number`, `trial_id`, `objective_values` (a JSON object, metric → value,
 * in the objectives' order) and `params` (a JSON object,
 * as the trial's params: bools as true/false, a null choice as null). Trials with equal values
 * are all on the front. No ORDER BY: order the rows as the query needs.
 *
 * How it stays quick: dominance is tested pairwise, but a trial `a` can only dominate `b` when it
 * is no worse on the first two objectives, which are carried as columns (`_v0`, `_v1`, signed so
 * that lower is better); the objectives after them are compared through trial_metrics only for
 * the pairs that pass. Both CTEs end in `LIMIT -1 OFFSET 0`, which keeps SQLite from flattening
 * them into the query that reads them (a subquery with an OFFSET is never flattened): they are
 * computed once, instead of once per pair with the metrics read and the JSON parsed again. That is
 * what `AS MATERIALIZED` says, which needs SQLite 3.35, and a view that an older sqlite3 cannot
 * parse would make it refuse the whole file. A 2-objective study of 2,000 trials takes about 10 ms;
 * one whose 2,000 trials are all on the front, about 160 ms.
 *
 * It is static (unlike ranked_trials, it has no per-param columns), created by migration 5. A
 * migration that rebuilds a table it reads (studies, trials, trial_metrics, trial_params) must
 * drop it first and create it again, as migration 4 does with ranked_trials.
 */
export const PARETO_FRONT_VIEW = 'pareto_front';

/** Trial `t`'s value of its study's objective `k`, signed so that lower is better (for the first two, carried as columns). */
const signedValue = (k: number): string => `(
      SELECT o.sign * m.value FROM _objective o JOIN trial_metrics m ON m.trial_id = t.id AND m.name = o.metric
      WHERE o.study_id = t.study_id AND o.k = ${k}
    )`;

/** Pairs (a, b) of the objectives after the first two on which `a` is `op` than `b` (signed: < better, > worse). */
const laterObjectives = (op: '<' | '>'): string => `SELECT 1 FROM _objective o
        JOIN trial_metrics ma ON ma.trial_id = a.trial_id AND ma.name = o.metric
        JOIN trial_metrics mb ON mb.trial_id = b.trial_id AND mb.name = o.metric
        WHERE o.study_id = b.study_id AND o.k >= 2 AND o.sign * ma.value ${op} o.sign * mb.value`;

export const PARETO_FRONT_VIEW_SQL = `CREATE VIEW IF NOT EXISTS ${PARETO_FRONT_VIEW} AS
WITH
  -- Each multi-objective study's objectives: k (0, 1, ...), metric, sign (1 minimize, -1 maximize).
  _objective AS (
    SELECT s.id AS study_id, o.key AS k, json_extract(o.value, '$.metric') AS metric,
      CASE coalesce(json_extract(o.value, '$.direction'), s.direction) WHEN 'maximize' THEN -1.0 ELSE 1.0 END AS sign
    FROM studies s, json_each(s.definition, '$.objectives') o
    WHERE json_type(s.definition, '$.objectives') = 'array'
    LIMIT -1 OFFSET 0
  ),
  -- Their complete trials with a finite value for every objective (NaN is NULL, ±Inf flagged),
  -- and the first two objectives' values, signed (a lone objective's second is 0 for all).
  _ranked AS (
    SELECT t.id AS trial_id, t.study_id, t.number,
      ${signedValue(0)} AS _v0,
      coalesce(${signedValue(1)}, 0) AS _v1
    FROM trials t
    WHERE t.state = 'complete'
      AND t.study_id IN (SELECT study_id FROM _objective)
      AND NOT EXISTS (
        SELECT 1 FROM _objective o WHERE o.study_id = t.study_id AND NOT EXISTS (
          SELECT 1 FROM trial_metrics m
          WHERE m.trial_id = t.id AND m.name = o.metric AND m.value IS NOT NULL AND m.value_special IS NULL
        )
      )
    LIMIT -1 OFFSET 0
  )
SELECT
  s.name AS study,
  b.number AS number,
  b.trial_id AS trial_id,
  (
    SELECT json_group_object(metric, value) FROM (
      SELECT o.metric AS metric, m.value AS value FROM _objective o
      JOIN trial_metrics m ON m.trial_id = b.trial_id AND m.name = o.metric
      WHERE o.study_id = b.study_id ORDER BY o.k
    )
  ) AS objective_values,
  (
    SELECT json_group_object(p.name, CASE p.kind
      WHEN 'text' THEN p.value_text
      WHEN 'int' THEN CAST(p.value_num AS INTEGER)
      WHEN 'bool' THEN json(CASE WHEN p.value_num THEN 'true' ELSE 'false' END)
      ELSE p.value_num END)
    FROM trial_params p WHERE p.trial_id = b.trial_id
  ) AS params
FROM _ranked b JOIN studies s ON s.id = b.study_id
-- On the front: no trial of its study dominates it (no worse on every objective, better on one).
WHERE NOT EXISTS (
  SELECT 1 FROM _ranked a
  WHERE a.study_id = b.study_id AND a._v0 <= b._v0 AND a._v1 <= b._v1
    AND NOT EXISTS (${laterObjectives('>')})
    AND (a._v0 < b._v0 OR a._v1 < b._v1 OR EXISTS (${laterObjectives('<')}))
)`;
