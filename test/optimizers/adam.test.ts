import { describe, expect, it } from 'vitest';
import { Adam, adamUpdate } from '../../src/optimizers/adam.js';
import { Rng } from '../../src/rng.js';
import { ValidationError } from '../../src/errors.js';
import { describeOptimizerContract, sameBits } from './optimizer-contract.js';

function expectClose(actual: Float64Array, expected: number[], digits = 14): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe('Adam', () => {
  it('is named adam; buffers [m, v], or [m, v, vmax] with amsgrad', () => {
    const a = new Adam(3);
    expect(a.name).toBe('adam');
    expect(a.amsgrad).toBe(false);
    expect(a.getState().buffers).toHaveLength(2);
    const b = new Adam(3, { amsgrad: true });
    expect(b.amsgrad).toBe(true);
    expect(b.getState().buffers).toHaveLength(3);
  });

  it('bias-corrected update, by hand for three steps (lr 0.1, β1 0.9, β2 0.999, ε 1e-8)', () => {
    const opt = new Adam(3, { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    const p = new Float64Array([1, -2, 0.5]);

    // Step 1, g = [0.5, −1, 2]:
    //   m = 0.1·g = [0.05, −0.1, 0.2];  v = 0.001·g² = [0.00025, 0.001, 0.004]
    //   m̂ = m/(1 − 0.9) = g;  v̂ = v/(1 − 0.999) = g²
    //   p −= 0.1·g/(|g| + 1e-8)  ⇒  each coordinate moves by 0.1·|g|/(|g| + 1e-8) ≈ 0.1
    opt.step(p, new Float64Array([0.5, -1, 2]), 0.1);
    let s = opt.getState();
    expectClose(s.buffers[0]!, [0.05, -0.1, 0.2], 15);
    expectClose(s.buffers[1]!, [0.00025, 0.001, 0.004], 16);
    expectClose(p, [1 - (0.1 * 0.5) / (0.5 + 1e-8), -2 + (0.1 * 1) / (1 + 1e-8), 0.5 - (0.1 * 2) / (2 + 1e-8)]);
    expectClose(p, [0.900000002, -1.900000001, 0.4000000005]);

    // Step 2, g = [1, 1, −1]:
    //   m = 0.9·[0.05, −0.1, 0.2] + 0.1·[1, 1, −1] = [0.145, 0.01, 0.08]
    //   v = 0.999·[0.00025, 0.001, 0.004] + 0.001·[1, 1, 1] = [0.00124975, 0.001999, 0.004996]
    //   1 − 0.9² = 0.19;  1 − 0.999² = 0.001999
    //   p −= 0.1·(m/0.19) / (√(v/0.001999) + 1e-8)
    opt.step(p, new Float64Array([1, 1, -1]), 0.1);
    s = opt.getState();
    expectClose(s.buffers[0]!, [0.145, 0.01, 0.08]);
    expectClose(s.buffers[1]!, [0.00124975, 0.001999, 0.004996], 16);
    expectClose(p, [
      0.900000002 - (0.1 * (0.145 / 0.19)) / (Math.sqrt(0.00124975 / 0.001999) + 1e-8),
      -1.900000001 - (0.1 * (0.01 / 0.19)) / (Math.sqrt(0.001999 / 0.001999) + 1e-8),
      0.4000000005 - (0.1 * (0.08 / 0.19)) / (Math.sqrt(0.004996 / 0.001999) + 1e-8),
    ]);
    expectClose(p, [0.8034818006385087, -1.9052631588421052, 0.3733662967024314], 13);

    // Step 3, g = [0, 0, 0] with lr 0.2: moments decay, p still moves by m̂/√v̂.
    //   m = 0.9·[0.145, 0.01, 0.08] = [0.1305, 0.009, 0.072]
    //   v = 0.999·[0.00124975, 0.001999, 0.004996] = [0.00124850025, 0.001997001, 0.004991004]
    //   1 − 0.9³ = 0.271;  1 − 0.999³ = 0.002997001
    opt.step(p, new Float64Array([0, 0, 0]), 0.2);
    expect(opt.getState().t).toBe(3);
    expectClose(p, [
      0.8034818006385087 - (0.2 * (0.1305 / 0.271)) / (Math.sqrt(0.00124850025 / 0.002997001) + 1e-8),
      -1.9052631588421052 - (0.2 * (0.009 / 0.271)) / (Math.sqrt(0.001997001 / 0.002997001) + 1e-8),
      0.3733662967024314 - (0.2 * (0.072 / 0.271)) / (Math.sqrt(0.004991004 / 0.002997001) + 1e-8),
    ], 13);
  });

  it('steps on the gradient, not on the prediction errors (least squares, 2 samples)', () => {
    // ŷ = w·x with x₁ = [1, 2], x₂ = [3, 1], y = [1, 2], w = [0, 0].
    // Errors e = ŷ − y = [−1, −2].  Loss ½·mean(e²) ⇒ gradient Xᵀe/2 = [(1·−1 + 3·−2)/2, (2·−1 + 1·−2)/2] = [−3.5, −2].
    const opt = new Adam(2);
    const w = new Float64Array(2);
    opt.step(w, new Float64Array([-3.5, -2]), 0.01);
    const [m, v] = opt.getState().buffers;
    // m = (1 − β1)·g, v = (1 − β2)·g² — not (1 − β1)·e = [−0.1, −0.2]
    expectClose(m!, [0.1 * -3.5, 0.1 * -2], 15);
    expectClose(v!, [0.001 * 12.25, 0.001 * 4], 15);
    expect(m![0]).not.toBeCloseTo(-0.1, 3);
  });

  it('first step moves every coordinate by ≈ lr whatever the gradient scale (bias correction at t = 1)', () => {
    const opt = new Adam(4);
    const p = new Float64Array(4);
    opt.step(p, new Float64Array([1e-3, -1, 250, -1e4]), 0.05);
    // 0.05·|g|/(|g| + 1e-8): within 1e-5 relative even for |g| = 1e-3
    for (let i = 0; i < 4; i++) expect(Math.abs(p[i]!)).toBeCloseTo(0.05, 6);
    expect(Math.sign(p[0]!)).toBe(-1);
    expect(Math.sign(p[1]!)).toBe(1);
    // Without bias correction the step would be 0.05·0.1/√0.001 ≈ 0.158.
  });

  it('L2 weight decay is added to g before m and v (coupled)', () => {
    const opt = new Adam(2, { weightDecay: 0.1 });
    const p = new Float64Array([1, -2]);
    opt.step(p, new Float64Array([0.5, 0.5]), 0.1);
    // g' = [0.5 + 0.1, 0.5 − 0.2] = [0.6, 0.3]
    expectClose(opt.getState().buffers[0]!, [0.06, 0.03], 15);
    // first step ≈ lr·sign(g') = 0.1 each
    expectClose(p, [0.9, -2.1], 7);
  });

  it('amsgrad follows PyTorch: vmax ← max(vmax, v) on the raw v, then ÷ (1 − β2ᵗ)', () => {
    // β1 = β2 = 0.5, ε = 0, lr = 1, g = [2] then [0].
    //   t = 1: m = 1, v = 2, vmax = 2; m̂ = 1/0.5 = 2, √(2/0.5) = 2 ⇒ step 1.
    //   t = 2: m = 0.5, v = 1, vmax = max(2, 1) = 2; 1 − 0.5² = 0.75;
    //          step = (0.5/0.75)/√(2/0.75) = (2/3)·√(3/8) = 1/√6.
    //   (Plain Adam: (2/3)/√(1/0.75) = 1/√3. Max over v̂ instead, as optax and the
    //    old PyTorch docs: v̂ = 4 then 4/3 ⇒ max 4 ⇒ (2/3)/2 = 1/3.)
    const ams = new Adam(1, { beta1: 0.5, beta2: 0.5, epsilon: 0, amsgrad: true });
    const plain = new Adam(1, { beta1: 0.5, beta2: 0.5, epsilon: 0 });
    const p = new Float64Array([0]);
    const q = new Float64Array([0]);
    ams.step(p, new Float64Array([2]), 1);
    plain.step(q, new Float64Array([2]), 1);
    expect(p[0]).toBeCloseTo(-1, 15);
    expect(q[0]).toBeCloseTo(-1, 15);
    ams.step(p, new Float64Array([0]), 1);
    plain.step(q, new Float64Array([0]), 1);
    expect(p[0]).toBeCloseTo(-1 - 1 / Math.sqrt(6), 14);
    expect(q[0]).toBeCloseTo(-1 - 1 / Math.sqrt(3), 14);
    expect(p[0]).not.toBeCloseTo(-1 - 1 / 3, 3);
    const [, v, vmax] = ams.getState().buffers;
    expect(v![0]).toBe(1);
    expect(vmax![0]).toBe(2);
  });

  it('matches a naive paper-form reference (m̂, v̂ computed explicitly) over 100 random steps', () => {
    for (const amsgrad of [false, true]) {
      const rng = new Rng(amsgrad ? 2 : 1);
      const b1 = 0.8;
      const b2 = 0.99;
      const eps = 1e-6;
      const wd = 0.01;
      const opt = new Adam(3, { beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd, amsgrad });
      const p = new Float64Array([0.3, -0.7, 1.1]);
      const ref = [0.3, -0.7, 1.1];
      const m = [0, 0, 0];
      const v = [0, 0, 0];
      const vmax = [0, 0, 0];
      for (let t = 1; t <= 100; t++) {
        const g = [rng.normal(), 3 * rng.normal(), 0.01 * rng.normal()];
        const lr = 0.01 * (1 + Math.sin(t));
        for (let i = 0; i < 3; i++) {
          const gi = g[i]! + wd * ref[i]!;
          m[i] = b1 * m[i]! + (1 - b1) * gi;
          v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
          vmax[i] = Math.max(vmax[i]!, v[i]!);
          const mHat = m[i]! / (1 - b1 ** t);
          const vHat = (amsgrad ? vmax[i]! : v[i]!) / (1 - b2 ** t);
          ref[i] = ref[i]! - (lr * mHat) / (Math.sqrt(vHat) + eps);
        }
        opt.step(p, new Float64Array(g), lr);
      }
      expectClose(p, ref, 12);
    }
  });

  it('adamUpdate with vmax = null is what Adam.step runs', () => {
    const opt = new Adam(2);
    const p = new Float64Array([1, 2]);
    opt.step(p, new Float64Array([0.3, -0.4]), 0.01);
    const q = new Float64Array([1, 2]);
    adamUpdate(q, new Float64Array([0.3, -0.4]), new Float64Array(2), new Float64Array(2), null, 1, 0.01, 0.9, 0.999, 1e-8);
    expect(sameBits(p, q)).toBe(true);
  });

  it('rejects β out of [0, 1) and a non-boolean amsgrad', () => {
    expect(() => new Adam(2, { beta1: 1 })).toThrow(ValidationError);
    expect(() => new Adam(2, { beta2: 1.2 })).toThrow(/beta2 = 1.2/);
    expect(() => new Adam(2, { amsgrad: 1 as unknown as boolean })).toThrow(ValidationError);
  });

  it('an amsgrad state cannot be restored into a plain Adam', () => {
    const state = new Adam(2, { amsgrad: true }).getState();
    expect(() => new Adam(2).setState(state)).toThrow(ValidationError);
  });
});

describeOptimizerContract('Adam', { make: (n) => new Adam(n), lr: (k) => 0.5 * 0.997 ** k, buffers: 2 });
describeOptimizerContract('Adam (amsgrad)', {
  make: (n) => new Adam(n, { amsgrad: true }),
  lr: (k) => 0.5 * 0.997 ** k,
  buffers: 3,
});
