/** Which params a trial changed from another's: a PBT fork's from its donor's (the run's start line, lineage). */
import type { Params } from './space.js';

/** The names, sorted, whose value differs between `before` and `after` (a param only one of them has counts: a `when` that started or stopped holding). */
export function changedParams(before: Params, after: Params): string[] {
  const names = [...new Set([...Object.keys(after), ...Object.keys(before)])].sort();
  return names.filter((k) => !Object.is(after[k], before[k]));
}
