/**
 * The <study> argument of the commands that look a study up. An empty name
 * is refused up front: it can name no valid study, and report would have
 * made `-report.html` of it.
 */
import { UsageError } from '../errors.js';

export function studyNameArg(name: string): string {
  if (name === '') throw new UsageError('<study> must be the name of a study, not empty (got "")');
  return name;
}
