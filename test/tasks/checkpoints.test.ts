import { describe, expect, it } from 'vitest';
import { CheckpointError, decodeTrainerState, encodeTrainerState, type TrainerState } from '../../src/tasks/trainer-checkpoint.js';
import { decodeFoldCheckpoints, encodeFoldCheckpoints } from '../../src/tasks/fold-checkpoint.js';

const state: TrainerState = {
  epoch: 7,
  steps: 123,
  rng: Uint32Array.of(1, 0xffffffff, 3, 4),
  optimizer: 'adam',
  optimizerT: 123,
  params: Float64Array.of(1.5, -0, NaN, Infinity, 1e-300),
  buffers: [Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(), Float64Array.of(0.1)],
};

describe('trainer checkpoint', () => {
  it('round-trips every field bit for bit, with a header', () => {
    const bytes = encodeTrainerState(state);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RGTC');
    const back = decodeTrainerState(bytes);
    expect(back).toEqual(state);
    expect(Object.is(back.params[1], -0)).toBe(true);
    // Works from a view at an offset too (e.g. a Buffer slice from SQLite).
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeTrainerState(padded.subarray(3))).toEqual(state);
  });

  it('rejects garbage, truncation, trailing bytes and other versions', () => {
    const bytes = encodeTrainerState(state);
    expect(() => decodeTrainerState(new Uint8Array(60))).toThrow(/bad magic/);
    expect(() => decodeTrainerState(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    const long = new Uint8Array(bytes.length + 1);
    long.set(bytes);
    expect(() => decodeTrainerState(long)).toThrow(/trailing/);
    const v2 = Uint8Array.from(bytes);
    v2[4] = 2;
    expect(() => decodeTrainerState(v2)).toThrow(CheckpointError);
    expect(() => decodeTrainerState(v2)).toThrow(/version 2/);
  });
});

describe('fold checkpoint', () => {
  it('packs k trainer checkpoints and checks k', () => {
    const parts = [Uint8Array.of(1, 2, 3), Uint8Array.of(), Uint8Array.of(9)];
    const bytes = encodeFoldCheckpoints(parts);
    expect(decodeFoldCheckpoints(bytes, 3).map((p) => [...p])).toEqual([[1, 2, 3], [], [9]]);
    expect(() => decodeFoldCheckpoints(bytes, 4)).toThrow(/holds 3 folds but the task has 4/);
    expect(() => decodeFoldCheckpoints(encodeTrainerState(state), 3)).toThrow(/not a 3-fold checkpoint/);
  });
});
