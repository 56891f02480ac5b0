/** Which params CMA-ES searches (cmaes.ts); the others are drawn at random. */
import type { Space } from './space.js';

/** The numeric params without a condition whose range has more than one value, sorted by name. */
export function cmaParams(space: Space): string[] {
  return Object.keys(space)
    .sort()
    .filter((name) => {
      const spec = space[name]!;
      return spec.type !== 'categorical' && spec.when === undefined && spec.high > spec.low;
    });
}
