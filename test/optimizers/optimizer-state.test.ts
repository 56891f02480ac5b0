import { describe, expect, it } from 'vitest';
import { checkSizes, restoreState, snapshotState } from '../../src/optimizers/optimizer-state.js';
import { ValidationError } from '../../src/errors.js';

describe('snapshotState', () => {
  it('copies t and every buffer', () => {
    const a = new Float64Array([1, 2]);
    const b = new Float64Array([3]);
    const s = snapshotState(7, [a, b]);
    expect(s.t).toBe(7);
    expect(s.buffers.map((x) => Array.from(x))).toEqual([[1, 2], [3]]);
    expect(s.buffers[0]).not.toBe(a);
    a[0] = 99;
    expect(s.buffers[0]![0]).toBe(1);
  });
});

describe('restoreState', () => {
  it('copies the buffers into the targets and returns t', () => {
    const target = new Float64Array(2);
    const src = new Float64Array([4, 5]);
    expect(restoreState('momentum', [target], { t: 3, buffers: [src] })).toBe(3);
    expect(Array.from(target)).toEqual([4, 5]);
    src[0] = 0;
    expect(target[0]).toBe(4);
  });

  it('accepts plain arrays (a decoded checkpoint)', () => {
    const target = new Float64Array(2);
    const state = { t: 1, buffers: [[0.25, -0.5]] as unknown as Float64Array[] };
    restoreState('adagrad', [target], state);
    expect(Array.from(target)).toEqual([0.25, -0.5]);
  });

  it('lists every problem, naming the optimizer, and changes nothing', () => {
    const target = new Float64Array([1, 1]);
    let caught: unknown;
    try {
      restoreState('adam', [target, new Float64Array(2)], { t: 1.5, buffers: [new Float64Array(2), new Float64Array(3)] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.issues).toEqual([
      'adam optimizer state: t must be an integer ≥ 0, got 1.5',
      'adam optimizer state: buffer 1 must have length 2, got 3',
    ]);
    expect(Array.from(target)).toEqual([1, 1]);
  });

  it('rejects a wrong number of buffers and a missing buffers field', () => {
    expect(() => restoreState('sgd', [], { t: 0, buffers: [new Float64Array(1)] })).toThrow(
      /expected 0 buffer\(s\), got 1/,
    );
    expect(() => restoreState('sgd', [], { t: 0 } as never)).toThrow(/buffers is missing/);
  });
});

describe('checkSizes', () => {
  it('passes matching sizes and throws a RangeError otherwise', () => {
    expect(() => checkSizes('sgd', 2, new Float64Array(2), new Float64Array(2))).not.toThrow();
    expect(() => checkSizes('sgd', 2, new Float64Array(3), new Float64Array(2))).toThrow(RangeError);
    expect(() => checkSizes('sgd', 2, new Float64Array(2), new Float64Array(1))).toThrow(/size 2/);
  });
});
