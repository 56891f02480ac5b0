import { RungsError, StorageError } from '../errors.js';

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


export function exitCodeFor(e: unknown): number {
  if (e instanceof RungsError) {
    if (e.code === 'E_INTERRUPTED') return EXIT.interrupted;
    if (e instanceof StorageError) return EXIT.storage;
    return EXIT.usage;
  }
  return EXIT.storage;
}
