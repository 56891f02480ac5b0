/** Which params CMA-ES searches (cmaes.ts); the others are drawn at random. */
import { defaultPopulation } from './cma-es.js';
import { valueCount } from './lattice.js';
import type { Space } from './space.js';

/** The numeric params without a condition that can take more than one value, sorted by name (int 1..3 step 5 cannot). */
export function cmaParams(space: Space): string[] {
  return Object.keys(space)
    .sort()
    .filter((name) => {
      const spec = space[name]!;
      return spec.type !== 'categorical' && spec.when === undefined && valueCount(spec) > 1;
    });
}

/** λ, a generation's trials: `popsize` when given, else 4 + ⌊3 ln d⌋ for the d params CMA-ES searches in `space`. */
export function cmaPopsize(popsize: number | undefined, space: Space): number {
  return popsize ?? defaultPopulation(cmaParams(space).length);
}
