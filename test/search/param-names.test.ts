import { describe, expect, it } from 'vitest';
import { paramNames } from '../../src/search/param-names.js';

describe('paramNames', () => {
  it('is the sorted union over the trials, so a conditional param keeps one place', () => {
    expect(paramNames([{ params: { opt: 'a', lr: 1 } }, { params: { lr: 2, wd: 0 } }])).toEqual(['lr', 'opt', 'wd']);
    expect(paramNames([{ params: { wd: 0, lr: 2 } }, { params: { opt: 'a', lr: 1 } }])).toEqual(['lr', 'opt', 'wd']);
    expect(paramNames([])).toEqual([]);
  });
});
