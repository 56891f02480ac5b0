/**
 * `trials --state`: the stored states and `diverged`, which is not a state of
 * its own: a diverged trial is stored `failed` with the error "diverged".
 */
import { TRIAL_STATE_NAMES, type TrialState } from '../search/strategy.js';
import type { TrialRow } from '../storage/storage.js';

export const STATE_FILTERS = [...TRIAL_STATE_NAMES, 'diverged'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

/** A failed trial whose training (or objective's value) diverged. */
export function isDiverged(t: Pick<TrialRow, 'state' | 'error'>): boolean {
  return t.state === 'failed' && t.error === 'diverged';
}

/** The stored states to load for these filters (`diverged` loads the failed). */
export function storedStates(filters: readonly StateFilter[]): TrialState[] {
  return [...new Set(filters.map((f) => (f === 'diverged' ? 'failed' : f)))];
}

/** Whether a loaded trial passes: `failed` keeps every failed trial, `diverged` only those that diverged. */
export function matchesStates(t: Pick<TrialRow, 'state' | 'error'>, filters: readonly StateFilter[]): boolean {
  return filters.some((f) => (f === 'diverged' ? isDiverged(t) : t.state === f));
}
