import { describe, expect, it } from 'vitest';
import { configKey } from '../../src/stats/config-key.js';

describe('configKey', () => {
  it('sorts the names so that the order params were written in does not matter', () => {
    expect(configKey({ lr: 0.1, batch: 32, opt: 'adam' })).toBe('{"batch":32,"lr":0.1,"opt":"adam"}');
    expect(configKey({ opt: 'adam', lr: 0.1, batch: 32 })).toBe(configKey({ lr: 0.1, batch: 32, opt: 'adam' }));
  });

  it('keeps types apart and sorts integer-like names as strings', () => {
    expect(configKey({ a: 1 })).not.toBe(configKey({ a: '1' }));
    expect(configKey({ a: true })).not.toBe(configKey({ a: 'true' }));
    expect(configKey({ b: 1, '10': 2, '9': 3 })).toBe('{"10":2,"9":3,"b":1}');
    expect(configKey({})).toBe('{}');
  });
});
