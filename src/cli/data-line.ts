/** The line `plan` and `run` print about a built-in task's rows: how many train, validate and test every trial. */
import type { DataShape } from '../study/preflight-study.js';

/**
 * @example dataLine({ rows: 569, train: 341, validation: 114, test: 114 })
 * // 'data: 569 rows: 341 train, 114 validation, 114 test (held out, task.test)'
 */
export function dataLine(d: DataShape): string {
  const test = d.test > 0 ? `, ${d.test} test (held out, task.test)` : '';
  const parts = d.folds !== undefined ? `${d.folds} folds of about ${d.train} train / ${d.validation} validation` : `${d.train} train, ${d.validation} validation`;
  return `data: ${d.rows} rows: ${parts}${test}`;
}
