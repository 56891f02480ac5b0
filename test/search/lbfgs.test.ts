import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../src/search/lbfgs.js';

function rosenbrock(x: Float64Array, g: Float64Array): number {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    f += 100 * a * a + b * b;
    g[i]! += -400 * x[i]! * a - 2 * b;
    g[i + 1]! += 200 * a;
  }
  return f;
}

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function in 5 dimensions', () => {
    const { x, value } = minimizeLbfgs(rosenbrock, new Float64Array(5).fill(-1.2), { maxIterations: 500, gtol: 1e-8, ftol: 0 });
    expect(value).toBeLessThan(1e-10);
    for (const v of x) expect(v).toBeCloseTo(1, 4);
  });

  it('holds components at their bounds when the minimum lies outside the box', () => {
    // min of Σ (x_i − c_i)² over [0, 1]^3 with c = (−1, 0.4, 3): x = (0, 0.4, 1).
    const c = [-1, 0.4, 3];
    const f = (x: Float64Array, g: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < 3; i++) {
        g[i] = 2 * (x[i]! - c[i]!);
        s += (x[i]! - c[i]!) ** 2;
      }
      return s;
    };
    const { x } = minimizeLbfgs(f, Float64Array.of(0.5, 0.5, 0.5), { lower: 0, upper: 1 });
    expect([...x].map((v) => Number(v.toFixed(6)))).toEqual([0, 0.4, 1]);
  });

  it('steps back from where f cannot be evaluated', () => {
    // f = x − log x has its minimum at 1 and is undefined (Infinity) for x ≤ 0.
    const f = (x: Float64Array, g: Float64Array): number => {
      g[0] = 1 - 1 / x[0]!;
      return x[0]! > 0 ? x[0]! - Math.log(x[0]!) : Infinity;
    };
    const { x } = minimizeLbfgs(f, Float64Array.of(0.01));
    expect(x[0]).toBeCloseTo(1, 4);
  });

  it('is deterministic', () => {
    const a = minimizeLbfgs(rosenbrock, Float64Array.of(-1, 2, 0.5));
    const b = minimizeLbfgs(rosenbrock, Float64Array.of(-1, 2, 0.5));
    expect([...a.x]).toEqual([...b.x]);
    expect(a.iterations).toBe(b.iterations);
  });
});
