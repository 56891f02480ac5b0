/**
 * The path of a worker entry of this folder as built JavaScript: next to this
 * module in dist/pool, or dist/pool itself when this module runs from the
 * TypeScript sources (vitest), which `npm test` builds first.
 */
import { fileURLToPath } from 'node:url';

export function builtWorkerFile(name: string): string {
  const here = import.meta.url;
  return fileURLToPath(here.endsWith('.ts') ? new URL(`../../dist/pool/${name}`, here) : new URL(`./${name}`, here));
}
