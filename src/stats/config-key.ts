/**
 * The identity of a configuration: its params as JSON with the names sorted
 * (JS default string order), so that the same params give the same key
 * whatever order they were written in.
 */
import type { Params } from '../search/space.js';

/**
 * A stable key for `params` (sorted names, JSON values).
 *
 * @example
 * configKey({ lr: 0.1, batch: 32 }); // '{"batch":32,"lr":0.1}'
 * configKey({ batch: 32, lr: 0.1 }); // the same
 */
export function configKey(params: Params): string {
  const names = Object.keys(params).sort();
  return `{${names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(params[name])}`).join(',')}}`;
}
