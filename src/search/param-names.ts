import type { Params } from './space.js';

/**
 * The param names of a set of trials, sorted: the union over the trials, so a
 * conditional param that only some trials have gets its column too, in the
 * same place whichever trial has it first.
 *
 * @example paramNames([{ params: { lr: 0.1, opt: 'adam' } }, { params: { lr: 0.2, wd: 0 } }]) // ['lr', 'opt', 'wd']
 */
export function paramNames(trials: ReadonlyArray<{ readonly params: Readonly<Params> }>): string[] {
  const names = new Set<string>();
  for (const trial of trials) for (const name of Object.keys(trial.params)) names.add(name);
  return [...names].sort();
}
