/** The CLI's exit codes (README documents them). */
export const EXIT = {
  ok: 0,
  /** The study finished without a single completed trial. */
  noCompletedTrial: 1,
  /** Bad usage or an invalid study file. */
  usage: 2,
  /** The store could not be opened, read or written. */
  storage: 3,
  interrupted: 130,
} as const;

import { RungsError } from '../errors.js';

export function exitCodeFor(e: unknown): number {
  if (e instanceof RungsError) {
    if (e.code === 'E_INTERRUPTED') return EXIT.interrupted;
    if (e.code.startsWith('E_STORAGE') || ['E_NOT_A_DATABASE', 'E_SCHEMA_NEWER', 'E_READONLY', 'E_LOCKED'].includes(e.code)) return EXIT.storage;
    return EXIT.usage;
  }
  return EXIT.storage;
}
