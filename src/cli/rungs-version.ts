/**
 * rungs' own version, from its package.json (two levels up from src/cli and dist/cli alike). yargs'
 * .version() without an argument reads the package.json nearest the current directory: in a
 * user's project, that project's version.
 */
import { readFileSync } from 'node:fs';

export function rungsVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
