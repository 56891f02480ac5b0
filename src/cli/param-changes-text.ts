/** Params that changed from one set to another, as `rungs run` and `rungs show` print a PBT fork's: `lr 0.00838 → 0.01006, batchSize 32 → 16`. */
import type { Params } from '../search/space.js';
import { fmtParam } from './render-table.js';

/** `names`: the params that changed (changedParams), in the order to print them. */
export function paramChangesText(before: Params, after: Params, names: readonly string[]): string {
  return names.map((k) => `${k} ${valueText(before[k])} → ${valueText(after[k])}`).join(', ');
}

/** A param a trial does not have (its `when` does not hold there) reads as "absent". */
function valueText(v: unknown): string {
  return v === undefined ? 'absent' : fmtParam(v);
}
