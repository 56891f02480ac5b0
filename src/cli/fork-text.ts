/** How `rungs run` says what a forked trial (PBT's exploit) copied: its donor, and the params it changed from the donor's. */
import { changedParams } from '../search/changed-params.js';
import type { Params } from '../search/space.js';
import { paramChangesText } from './param-changes-text.js';

/** `(copy of trial 8: lr 0.00698 → 0.00837, batchSize 32 → 16)`, or `(copy of trial 8, params unchanged)`. */
export function forkText(from: number, donorParams: Params, params: Params): string {
  const changed = changedParams(donorParams, params);
  return changed.length > 0 ? `(copy of trial ${from}: ${paramChangesText(donorParams, params, changed)})` : `(copy of trial ${from}, params unchanged)`;
}
