import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitKernel, GpPosterior, gpLoss, MINIMUM_NOISE, type GpData } from '../../src/search/gp-regression.js';

const ROOT = new URL('../..', import.meta.url).pathname;

interface Case {
  invSqLengthscales: number[];
  scale: number;
  noise: number;
  loss: number;
  lml: number;
  lmlGradLogLambda: number[];
  lmlGradLogScale: number;
  lmlGradLogNoise: number;
  mean: number[];
  variance: number[];
}

// test/fixtures/gp-reference.py wrote it: scikit-learn 1.2's GaussianProcessRegressor at fixed kernel parameters.
const ref = JSON.parse(readFileSync(`${ROOT}/test/fixtures/gp-reference.json`, 'utf8')) as {
  x: number[][];
  y: number[];
  tests: number[][];
  categorical: number[];
  cases: Case[];
};
const data: GpData = {
  x: Float64Array.from(ref.x.flat()),
  y: Float64Array.from(ref.y),
  n: ref.x.length,
  d: 3,
  categorical: Uint8Array.from(ref.categorical),
};

/** Raw parameters θ = (log λ, log s, log(noise − minimum)) of a case. */
function thetaOf(c: Case): Float64Array {
  return Float64Array.from([...c.invSqLengthscales.map(Math.log), Math.log(c.scale), Math.log(c.noise - MINIMUM_NOISE)]);
}

describe('gpLoss', () => {
  it.each(ref.cases.map((c, i) => [i, c] as const))('case %d: −(log marginal likelihood + prior) and its gradient match scikit-learn', (_, c) => {
    const grad = new Float64Array(5);
    const loss = gpLoss(data, thetaOf(c), grad, false);
    expect(loss).toBeCloseTo(c.loss, 9);
    // The loss's gradient is −(lml's + the prior's); the prior's from its formula.
    const priorGrad = [...c.invSqLengthscales.map((l) => 0.1 / l - 0.1 * l), 1 - c.scale, (0.1 / c.noise - 30) * (c.noise - MINIMUM_NOISE)];
    const lmlGrad = [...c.lmlGradLogLambda, c.lmlGradLogScale, c.lmlGradLogNoise * ((c.noise - MINIMUM_NOISE) / c.noise)];
    for (let i = 0; i < 5; i++) expect(grad[i]).toBeCloseTo(-(lmlGrad[i]! + priorGrad[i]!), 6);
  });

  it('its gradient is its derivative (central differences), deterministic noise too', () => {
    for (const deterministic of [false, true]) {
      const theta = Float64Array.of(0.3, -1.2, 0.7, 0.1, -2);
      const size = deterministic ? 4 : 5;
      const grad = new Float64Array(size);
      gpLoss(data, theta.subarray(0, size), grad, deterministic);
      for (let i = 0; i < size; i++) {
        const h = 1e-6;
        const up = Float64Array.from(theta.subarray(0, size));
        const down = Float64Array.from(up);
        up[i]! += h;
        down[i]! -= h;
        const scratch = new Float64Array(size);
        const numeric = (gpLoss(data, up, scratch, deterministic) - gpLoss(data, down, scratch, deterministic)) / (2 * h);
        expect(Math.abs(numeric - grad[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }
  });
});

describe('GpPosterior', () => {
  it.each(ref.cases.map((c, i) => [i, c] as const))('case %d: mean and variance match scikit-learn', (_, c) => {
    const post = new GpPosterior(data, { invSqLengthscales: Float64Array.from(c.invSqLengthscales), scale: c.scale, noise: c.noise });
    ref.tests.forEach((point, j) => {
      const { mean, variance } = post.predict(Float64Array.from(point));
      expect(mean).toBeCloseTo(c.mean[j]!, 8);
      expect(variance).toBeCloseTo(c.variance[j]!, 8);
    });
  });

  it('gives the gradients of mean and variance on numeric dimensions (central differences), 0 on categorical ones', () => {
    const post = new GpPosterior(data, { invSqLengthscales: Float64Array.of(4, 0.5, 2), scale: 1.3, noise: 0.01 });
    const grad = { mean: new Float64Array(3), variance: new Float64Array(3) };
    const x = Float64Array.of(0.41, 0.77, 2);
    post.predict(x, grad);
    for (let i = 0; i < 2; i++) {
      const h = 1e-6;
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[i]! += h;
      down[i]! -= h;
      const a = post.predict(up);
      const b = post.predict(down);
      expect(grad.mean[i]).toBeCloseTo((a.mean - b.mean) / (2 * h), 6);
      expect(grad.variance[i]).toBeCloseTo((a.variance - b.variance) / (2 * h), 6);
    }
    expect(grad.mean[2]).toBe(0);
    expect(grad.variance[2]).toBe(0);
  });
});

describe('fitKernel', () => {
  it('ends where the loss is lower than at the start and its gradient is small (Optuna stops at gtol 1e-2)', () => {
    for (const deterministic of [false, true]) {
      const p = fitKernel(data, deterministic);
      const size = deterministic ? 4 : 5;
      const theta = Float64Array.from([...p.invSqLengthscales].map(Math.log).concat(Math.log(p.scale), deterministic ? [] : [Math.log(p.noise - MINIMUM_NOISE)]));
      const grad = new Float64Array(size);
      const fitted = gpLoss(data, theta, grad, deterministic);
      const start = Float64Array.from({ length: size }, (_, i) => (i === 4 ? Math.log(1 - MINIMUM_NOISE) : 0));
      expect(fitted).toBeLessThan(gpLoss(data, start, new Float64Array(size), deterministic));
      for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-2);
      if (deterministic) expect(p.noise).toBe(MINIMUM_NOISE);
    }
  });

  it('learns that a dimension the targets ignore matters less (a smaller λ, a longer length scale)', () => {
    const n = 30;
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[2 * i] = (i * 0.618034) % 1;
      x[2 * i + 1] = (i * 0.414214) % 1;
      y[i] = Math.sin(6 * x[2 * i]!);
    }
    const p = fitKernel({ x, y, n, d: 2, categorical: new Uint8Array(2) });
    expect(p.invSqLengthscales[0]).toBeGreaterThan(10 * p.invSqLengthscales[1]!);
  });
});
