import { describe, expect, it } from 'vitest';
import { encodeLabelTarget, encodeNumericTarget } from '../../src/tasks/encode-target.js';

describe('encodeNumericTarget', () => {
  it('0/1 is binary without labels; non-integers are regression', () => {
    const b = encodeNumericTarget([1, 0, 1]);
    expect(b).toMatchObject({ kind: 'binary', classes: 2 });
    expect(b.classLabels).toBeUndefined();
    expect(encodeNumericTarget([0.5, 1, 2]).kind).toBe('regression');
  });

  it('a single distinct value is regression unless forced', () => {
    expect(encodeNumericTarget([3, 3, 3]).kind).toBe('regression');
    const forced = encodeNumericTarget([1, 1], 'binary');
    expect(forced.classes).toBe(2);
    expect([...forced.y]).toEqual([0, 0]);
  });

  it('maps sorted values to 0..k-1', () => {
    const e = encodeNumericTarget([10, 30, 20, 10]);
    expect(e.kind).toBe('multiclass');
    expect([...e.y]).toEqual([0, 2, 1, 0]);
    expect(e.classLabels).toEqual(['10', '20', '30']);
  });
});

describe('encodeLabelTarget', () => {
  it('two labels are binary, sorted', () => {
    const e = encodeLabelTarget(['yes', 'no', 'yes']);
    expect(e).toMatchObject({ kind: 'binary', classes: 2, classLabels: ['no', 'yes'] });
    expect([...e.y]).toEqual([1, 0, 1]);
  });
});
