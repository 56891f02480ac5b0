/**
 * The command that continues a run that stopped before its strategy was done (timeout, Ctrl-C, a trial cap
 * or an epoch budget): the same file, database, and the --name and --seed it was run with (they define the
 * study: a resume without them would be refused as a different one).
 */
import type { RunSummary } from '../study/execute-study.js';

export interface RunFlags {
  file: string;
  db: string;
  name?: string | undefined;
  seed?: number | undefined;
}

/** The line to print after the summary, or undefined when the run finished. */
export function resumeHint(stopped: RunSummary['stopped'], flags: RunFlags): string | undefined {
  if (stopped === 'done') return undefined;
  const args = ['rungs', 'run', flags.file, '--db', flags.db, '--resume'];
  if (flags.name !== undefined) args.push('--name', flags.name);
  if (flags.seed !== undefined) args.push('--seed', String(flags.seed));
  // A cap or a budget that stopped the run stops a resume under it at once.
  const larger = stopped === 'cap' ? ' with a larger --max-trials' : stopped === 'budget' ? ' with a larger --max-epochs' : '';
  return `to continue${larger}: ${args.map(shellWord).join(' ')}`;
}

/** A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes. */
function shellWord(s: string): string {
  return /^[\w./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
