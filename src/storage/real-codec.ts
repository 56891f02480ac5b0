/**
 * Encodes a JS number for a REAL column plus a `*_special` TEXT column, so
 * that NaN, Infinity and -Infinity read back as what they were. SQLite stores
 * ±Infinity natively (and orders them correctly) but turns NaN into NULL, so
 * the special column is what tells a NaN from a missing value. ±Infinity keep
 * the value in the REAL column (for ORDER BY) and are flagged as well, so a
 * driver or store without infinities (PostgreSQL NUMERIC, JSON) still decodes.
 *
 * @example
 * encodeReal(NaN)       // { value: null, special: 'nan' }
 * encodeReal(-Infinity) // { value: -Infinity, special: '-inf' }
 * decodeReal(null, 'nan') // NaN
 * decodeReal(null, null)  // null
 */
export type RealSpecial = 'nan' | 'inf' | '-inf';

export interface EncodedReal {
  value: number | null;
  special: RealSpecial | null;
}

export function encodeReal(x: number | null): EncodedReal {
  if (x === null) return { value: null, special: null };
  if (Number.isNaN(x)) return { value: null, special: 'nan' };
  if (x === Infinity) return { value: Infinity, special: 'inf' };
  if (x === -Infinity) return { value: -Infinity, special: '-inf' };
  return { value: x, special: null };
}

export function decodeReal(value: number | null, special: string | null): number | null {
  switch (special) {
    case 'nan':
      return NaN;
    case 'inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    default:
      return value;
  }
}

/** decodeReal for columns that cannot be null (metrics, curve points): a missing value reads as NaN. */
export function decodeRealStrict(value: number | null, special: string | null): number {
  return decodeReal(value, special) ?? NaN;
}

/**
 * The ranking key of a value: lower is better in either direction (the value
 * when minimizing, its negation when maximizing); null for no value or NaN.
 */
export function scoreOf(value: number | null, direction: 'minimize' | 'maximize'): number | null {
  if (value === null || Number.isNaN(value)) return null;
  return direction === 'maximize' ? -value : value;
}
