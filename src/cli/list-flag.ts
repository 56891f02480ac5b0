/** A flag that takes a list (`--metrics a b`, `--trials 0,3`): its values space- or comma-separated, as typed. */
import { UsageError } from '../errors.js';

/** The items of `--flag`, in order; a UsageError when it names none (`--metrics ,`): `what` and `example` say what it takes. */
export function listFlagValues(flag: string, raw: readonly unknown[], what: string, example: string): string[] {
  const items = raw.flatMap((r) => String(r).split(',')).map((n) => n.trim()).filter((n) => n !== '');
  if (items.length === 0) throw new UsageError(`--${flag} needs ${what} (e.g. --${flag} ${example})`);
  return items;
}
