import type { ReportTrial } from './report-data.js';

/**
 * The param names of a study, in order of first appearance over the trials
 * (trials in number order, keys in insertion order).
 *
 * @example paramNames([{ params: { lr: 0.1, opt: 'adam' } }, { params: { lr: 0.2, wd: 0 } }]) // ['lr', 'opt', 'wd']
 */
export function paramNames(trials: ReadonlyArray<Pick<ReportTrial, 'params'>>): string[] {
  const names = new Set<string>();
  for (const trial of trials) for (const name of Object.keys(trial.params)) names.add(name);
  return [...names];
}
