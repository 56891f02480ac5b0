/**
 * A Sobol sequence in up to 64 dimensions, as scipy.stats.qmc.Sobol draws it
 * (30 bits, Joe & Kuo's direction numbers, Gray-code order): point n is
 * shift XOR the direction integers of the bits set in n ^ (n >> 1), so any
 * point is computed from n alone, with no state to carry between trials.
 *
 * Unscrambled (no rng), the points are scipy's scramble=False points exactly;
 * point 0 is the origin. Scrambled, as scipy's (and Optuna's QMCSampler's)
 * default: Matoušek's linear matrix scramble (a random lower-triangular binary
 * matrix per dimension, ones on the diagonal, applied to the direction
 * integers most significant digit first: digit k of the output is digit k of
 * the input plus a random combination of the digits above it) and a random
 * digital shift. Both keep the net property: the first 2^k points put one
 * point in each interval [i/2^k, (i+1)/2^k) of every coordinate, and the
 * first 16 one in each cell of a 4×4 grid on the first two coordinates.
 */
import type { Rng } from '../rng.js';
import { SOBOL_DIRECTION_NUMBERS } from './sobol-direction-numbers.js';

/** The dimensions with direction numbers here (scipy has 21201; rungs' spaces are far smaller). */
export const SOBOL_MAX_DIMS = SOBOL_DIRECTION_NUMBERS.length;

/** Bits of each coordinate: points are multiples of 2^−30, as scipy's default. */
const BITS = 30;
const SCALE = 2 ** -BITS;

export interface SobolSequence {
  /** Per dimension, its BITS direction integers (bit j of n's Gray code XORs in directions[d][j]). */
  readonly directions: readonly Uint32Array[];
  /** Per dimension, the digital shift (0 unscrambled). */
  readonly shift: Uint32Array;
}

/**
 * The Sobol sequence in `dims` dimensions; scrambled from `rng` when given.
 * The rng is read dimension by dimension, so dimension d's scramble does not
 * depend on how many dimensions follow it.
 */
export function sobolSequence(dims: number, rng?: Rng): SobolSequence {
  if (!Number.isInteger(dims) || dims < 0 || dims > SOBOL_MAX_DIMS) {
    throw new RangeError(`sobolSequence: dims must be an integer from 0 to ${SOBOL_MAX_DIMS} (got ${dims})`);
  }
  const directions: Uint32Array[] = [];
  const shift = new Uint32Array(dims);
  for (let d = 0; d < dims; d++) {
    const v = directionIntegers(d);
    if (rng) {
      shift[d] = rng.nextUint32() >>> (32 - BITS);
      scramble(v, lowerTriangular(rng));
    }
    directions.push(v);
  }
  return { directions, shift };
}

/** Point `n` (0, 1, 2, …, below 2^30) of `sequence`: one coordinate in [0, 1) per dimension. */
export function sobolPoint(sequence: SobolSequence, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** BITS) throw new RangeError(`sobolPoint: n must be an integer from 0 to 2^${BITS} − 1 (got ${n})`);
  const gray = n ^ (n >>> 1);
  const point = new Float64Array(sequence.shift.length);
  for (let d = 0; d < point.length; d++) {
    const v = sequence.directions[d]!;
    let x = sequence.shift[d]!;
    for (let j = 0, g = gray; g !== 0; j++, g >>>= 1) if (g & 1) x ^= v[j]!;
    point[d] = (x >>> 0) * SCALE;
  }
  return point;
}

/**
 * Dimension d's direction integers, as scipy's _initialize_v builds them: m_1 … m_m from the table,
 * the rest by the recurrence of the primitive polynomial (Bratley & Fox 1988), then m_j shifted
 * to bit BITS − j. Dimension 0's are all ones (the van der Corput sequence).
 */
function directionIntegers(d: number): Uint32Array {
  const [poly, vinit] = SOBOL_DIRECTION_NUMBERS[d]!;
  const m = vinit.length;
  const v = new Uint32Array(BITS);
  for (let j = 0; j < BITS; j++) {
    if (d === 0) v[j] = 1;
    else if (j < m) v[j] = vinit[j]!;
    else {
      let next = v[j - m]!;
      for (let k = 1; k <= m; k++) if ((poly >>> (m - k)) & 1) next ^= v[j - k]! << k;
      v[j] = next;
    }
  }
  for (let j = 0; j < BITS; j++) v[j] = (v[j]! << (BITS - 1 - j)) >>> 0;
  return v;
}

/**
 * A random lower-triangular binary matrix with ones on the diagonal, as its rows: row b (the
 * output's bit b) has bit b set and random bits above it (the more significant input digits).
 */
function lowerTriangular(rng: Rng): Uint32Array {
  const rows = new Uint32Array(BITS);
  const all = 2 ** BITS - 1;
  for (let b = 0; b < BITS; b++) {
    const above = (all & ~((2 << b) - 1)) >>> 0;
    rows[b] = ((rng.nextUint32() & above) | (1 << b)) >>> 0;
  }
  return rows;
}

/** Applies the matrix to each direction integer in place: output bit b is the parity of row b AND the input. */
function scramble(v: Uint32Array, rows: Uint32Array): void {
  for (let j = 0; j < v.length; j++) {
    let out = 0;
    for (let b = 0; b < BITS; b++) out |= parity(rows[b]! & v[j]!) << b;
    v[j] = out >>> 0;
  }
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}
