/**
 * The contract suite every update rule runs (imported by each rule's test
 * file): it minimises a convex quadratic, checkpoints and restores bit for
 * bit, hands out and takes copies of its state, rejects foreign states and
 * wrong sizes, and allocates nothing per step.
 */
import { describe, expect, it } from 'vitest';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import { ValidationError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';

export interface ContractOptions {
  /** A fresh optimizer of `size` elements. */
  make: (size: number) => Optimizer;
  /** Learning rate at step k (from 0) for the quadratic. */
  lr: (k: number) => number;
  /** Steps for the quadratic (default 2000). */
  steps?: number;
  /** Number of state buffers getState() returns. */
  buffers: number;
}

/** f(p) = Σ aᵢ(pᵢ − cᵢ)², minimum 0 at p = c. */
const A = [1, 4, 0.25, 2];
const C = [3, -1, 0.5, 10];

export function quadratic(p: Float64Array): number {
  let f = 0;
  for (let i = 0; i < p.length; i++) f += A[i]! * (p[i]! - C[i]!) ** 2;
  return f;
}

export function quadraticGrad(p: Float64Array, out: Float64Array): void {
  for (let i = 0; i < p.length; i++) out[i] = 2 * A[i]! * (p[i]! - C[i]!);
}

/** True when a and b hold the same doubles bit for bit (so 0 ≠ −0, NaN = same NaN). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Noisy quadratic gradients from a seeded stream, so later steps depend on earlier state. */
function noisyStep(opt: Optimizer, p: Float64Array, g: Float64Array, rng: Rng, k: number): void {
  quadraticGrad(p, g);
  for (let i = 0; i < g.length; i++) g[i] = g[i]! + rng.normal();
  opt.step(p, g, 0.05 / (1 + k));
}

export interface AllocationReport {
  /** heapUsed + arrayBuffers growth over the measured steps, in bytes. */
  growth: number;
  /** Garbage collections that started while the measured steps ran. */
  gcs: number;
}

/**
 * Runs `run()` after a warm-up and reports the memory allocated while it ran.
 * With no GC inside the window nothing is freed, so heapUsed + arrayBuffers
 * growth is the bytes allocated; a rule that allocates enough to matter either
 * grows it or triggers a GC, and both show. (global.gc, when node was started
 * with --expose-gc, is used to start from a clean heap; it is not needed.)
 */
export async function measureAllocation(run: () => void, warmup: () => void): Promise<AllocationReport> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) entries.push(e);
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    warmup();
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    run();
    const t1 = performance.now();
    const after = process.memoryUsage();
    // GC entries are delivered asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const gcs = entries.filter((e) => e.startTime >= t0 && e.startTime <= t1).length;
    const growth = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    return { growth, gcs };
  } finally {
    observer.disconnect();
  }
}

/** Allowed growth over a measured window: JIT code and V8 bookkeeping stay far below this. */
export const ALLOCATION_BOUND = 1 << 20;

/**
 * measureAllocation up to `attempts` times, until a window is clean (no GC, growth under the bound): on a
 * loaded machine V8 now and then collects inside a window for its own reasons (seen once in 9 sessions, with
 * a benchmark running beside the suite). A loop that does allocate per step collects in every window, so
 * it still fails.
 */
export async function measureCleanest(run: () => void, warmup: () => void, attempts = 3): Promise<AllocationReport> {
  let report = await measureAllocation(run, warmup);
  for (let i = 1; i < attempts && (report.gcs > 0 || report.growth >= ALLOCATION_BOUND); i++) report = await measureAllocation(run, warmup);
  return report;
}

export function describeOptimizerContract(title: string, options: ContractOptions): void {
  const { make, lr, buffers } = options;
  const steps = options.steps ?? 2000;

  describe(`${title}: Optimizer contract`, () => {
    it('minimises a convex quadratic', () => {
      const opt = make(4);
      const p = new Float64Array(4);
      const g = new Float64Array(4);
      const f0 = quadratic(p);
      for (let k = 0; k < steps; k++) {
        quadraticGrad(p, g);
        opt.step(p, g, lr(k));
      }
      expect(quadratic(p)).toBeLessThan(1e-6 * f0);
      for (let i = 0; i < 4; i++) expect(Math.abs(p[i]! - C[i]!)).toBeLessThan(1e-3);
    });

    it('getState/setState continue bit for bit after a restore', () => {
      const rng = new Rng(42);
      const a = make(4);
      const p = new Float64Array([0.5, -1, 2, 0]);
      const g = new Float64Array(4);
      for (let k = 0; k < 5; k++) noisyStep(a, p, g, rng, k);
      const snapshot = a.getState();
      const pAt5 = new Float64Array(p);
      const rngAt5 = rng.getState();
      expect(snapshot.t).toBe(5);
      expect(snapshot.buffers).toHaveLength(buffers);
      for (let k = 5; k < 10; k++) noisyStep(a, p, g, rng, k);

      const b = make(4);
      b.setState(snapshot);
      const q = new Float64Array(pAt5);
      const rng2 = Rng.fromState(rngAt5);
      for (let k = 5; k < 10; k++) noisyStep(b, q, g, rng2, k);

      expect(sameBits(p, q)).toBe(true);
      const sa = a.getState();
      const sb = b.getState();
      expect(sb.t).toBe(10);
      expect(sa.t).toBe(10);
      for (let j = 0; j < buffers; j++) expect(sameBits(sa.buffers[j]!, sb.buffers[j]!)).toBe(true);
      // And the run really moved away from the snapshot (the check is not vacuous).
      expect(sameBits(p, pAt5)).toBe(false);
    });

    it('getState returns copies and setState copies in', () => {
      const opt = make(3);
      const p = new Float64Array([1, 2, 3]);
      opt.step(p, new Float64Array([0.1, -0.2, 0.3]), 0.01);
      const s1 = opt.getState();
      for (const b of s1.buffers) b.fill(123);
      const s2 = opt.getState();
      for (const b of s2.buffers) expect(Array.from(b)).not.toContain(123);

      const other = make(3);
      other.setState(s2);
      const kept = s2.buffers.map((b) => new Float64Array(b));
      for (const b of s2.buffers) b.fill(-7);
      const s3 = other.getState();
      for (let j = 0; j < kept.length; j++) expect(sameBits(s3.buffers[j]!, kept[j]!)).toBe(true);
    });

    it('setState rejects a state of another size or shape', () => {
      const opt = make(3);
      const good = opt.getState();
      const wrongT = { t: -1, buffers: good.buffers };
      expect(() => opt.setState(wrongT)).toThrow(ValidationError);
      expect(() => opt.setState({ t: 0, buffers: [...good.buffers, new Float64Array(3)] })).toThrow(
        ValidationError,
      );
      if (buffers > 0) {
        const short = good.buffers.map(() => new Float64Array(2));
        expect(() => opt.setState({ t: 0, buffers: short })).toThrow(/length 3/);
      }
    });

    it('step rejects params or grad of the wrong size', () => {
      const opt = make(3);
      expect(() => opt.step(new Float64Array(2), new Float64Array(2), 0.1)).toThrow(RangeError);
      expect(() => opt.step(new Float64Array(3), new Float64Array(4), 0.1)).toThrow(RangeError);
    });

    it('allocates nothing per step on a 100k vector (2,000 steps)', async () => {
      const n = 100_000;
      const opt = make(n);
      const p = new Float64Array(n);
      const g = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        p[i] = Math.sin(i);
        g[i] = Math.cos(i) * 1e-3;
      }
      const report = await measureCleanest(
        () => {
          for (let k = 0; k < 2000; k++) opt.step(p, g, 1e-4);
        },
        () => {
          for (let k = 0; k < 200; k++) opt.step(p, g, 1e-4);
        },
      );
      expect(report.gcs).toBe(0);
      expect(report.growth).toBeLessThan(ALLOCATION_BOUND);
    }, 60_000);

    it('allocates nothing per step on a small vector (50,000 steps)', async () => {
      const n = 64;
      const opt = make(n);
      const p = new Float64Array(n).fill(0.5);
      const g = new Float64Array(n).fill(1e-3);
      const report = await measureCleanest(
        () => {
          for (let k = 0; k < 50_000; k++) opt.step(p, g, 1e-4);
        },
        () => {
          for (let k = 0; k < 5000; k++) opt.step(p, g, 1e-4);
        },
      );
      expect(report.gcs).toBe(0);
      expect(report.growth).toBeLessThan(ALLOCATION_BOUND);
    }, 60_000);
  });
}
