import { describe, expect, it } from 'vitest';
import { decodeReal, decodeRealStrict, encodeReal, scoreOf } from '../../src/storage/real-codec.js';

describe('real codec', () => {
  it('round-trips NaN, ±Infinity, null and ordinary numbers', () => {
    for (const x of [NaN, Infinity, -Infinity, 0, -1.5, 1e-300, Number.MAX_VALUE, null]) {
      const e = encodeReal(x);
      expect(decodeReal(e.value, e.special)).toBe(x);
    }
  });

  it('keeps ±Infinity in the REAL column so SQL orders them, and flags NaN', () => {
    expect(encodeReal(Infinity)).toEqual({ value: Infinity, special: 'inf' });
    expect(encodeReal(-Infinity)).toEqual({ value: -Infinity, special: '-inf' });
    expect(encodeReal(NaN)).toEqual({ value: null, special: 'nan' });
    expect(encodeReal(2)).toEqual({ value: 2, special: null });
  });

  it('decodes a special flag even when the column lost the value', () => {
    expect(decodeReal(null, 'inf')).toBe(Infinity);
    expect(decodeRealStrict(null, null)).toBeNaN();
  });

  it('scores so that lower is better in both directions', () => {
    expect(scoreOf(0.3, 'minimize')).toBe(0.3);
    expect(scoreOf(0.3, 'maximize')).toBe(-0.3);
    expect(scoreOf(NaN, 'minimize')).toBeNull();
    expect(scoreOf(null, 'maximize')).toBeNull();
    expect(scoreOf(-Infinity, 'maximize')).toBe(Infinity);
  });
});
