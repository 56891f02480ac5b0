import { describe, expect, it } from 'vitest';
import { changedParams } from '../../src/search/changed-params.js';

describe('changedParams', () => {
  it('names the params whose value differs, sorted, a param only one side has included', () => {
    expect(changedParams({ lr: 0.1, batchSize: 32, opt: 'sgd' }, { lr: 0.12, batchSize: 32, opt: 'sgd' })).toEqual(['lr']);
    expect(changedParams({ opt: 'sgd', lr: 0.1 }, { opt: 'momentum', lr: 0.1, momentum: 0.9 })).toEqual(['momentum', 'opt']);
    expect(changedParams({ a: null, b: NaN }, { a: null, b: NaN })).toEqual([]);
    expect(changedParams({ a: 0 }, { a: -0 })).toEqual(['a']);
  });
});
