/** Which params CMA-ES searches (cmaes.ts); the others are drawn at random. */
import { defaultPopulation } from './cma-es.js';
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

/** λ, a generation's trials: `popsize` when given, else 4 + ⌊3 ln d⌋ for the d params CMA-ES searches in `space`. */
export function cmaPopsize(popsize: number | undefined, space: Space): number {
  return popsize ?? defaultPopulation(cmaParams(space).length);
}
