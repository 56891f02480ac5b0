/**
 * L-BFGS (Nocedal & Wright, Algorithm 7.4) with optional box bounds by
 * projection, for the Gaussian process's two smooth problems: its kernel
 * parameters (unbounded, gp-regression.ts) and the point that maximises
 * log EI (in the unit box, gp-acquisition.ts). Where Optuna calls
 * scipy's L-BFGS-B. The bounds are handled the simple way: a component at a
 * bound whose gradient pushes outward is held there, steps are projected onto
 * the box, and the curvature memory restarts when the direction stops
 * descending. Deterministic: no randomness, same input ⇒ same steps.
 */

export interface MinimizeOptions {
  /** Iterations at most (default 200). */
  maxIterations?: number;
  /** Stop when every free component of the gradient is at most this (default 1e-5). */
  gtol?: number;
  /** Stop when an iteration lowers f by at most ftol·max(1, |f|) (default 2.2e-9, scipy's). */
  ftol?: number;
  /** Box bounds, applied to every component (default unbounded). */
  lower?: number;
  upper?: number;
  /** Correction pairs kept (default 10). */
  memory?: number;
}

export interface Minimum {
  x: Float64Array;
  value: number;
  iterations: number;
}

/**
 * Minimises f from x0. `f(x, grad)` returns f(x) and writes ∇f(x) into grad;
 * it may return +Infinity (or NaN) where it cannot be evaluated, and the line
 * search steps back from there.
 */
export function minimizeLbfgs(f: (x: Float64Array, grad: Float64Array) => number, x0: Float64Array, options: MinimizeOptions = {}): Minimum {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 2.2e-9;
  const lower = options.lower ?? -Infinity;
  const upper = options.upper ?? Infinity;
  const m = options.memory ?? 10;
  const clamp = (v: number): number => Math.min(upper, Math.max(lower, v));

  let x = Float64Array.from(x0, clamp);
  let g = new Float64Array(n);
  let fx = f(x, g);
  if (!Number.isFinite(fx)) return { x, value: fx, iterations: 0 };
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const alpha = new Float64Array(m);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iterations = 0;

  // A component held at its bound: the gradient pushes it outward.
  const held = (i: number): boolean => (x[i]! <= lower && g[i]! > 0) || (x[i]! >= upper && g[i]! < 0);

  for (; iterations < maxIterations; iterations++) {
    let pgMax = 0;
    for (let i = 0; i < n; i++) if (!held(i)) pgMax = Math.max(pgMax, Math.abs(g[i]!));
    if (pgMax <= gtol) break;

    // Two-loop recursion on the free components: d = −H·g.
    for (let i = 0; i < n; i++) d[i] = held(i) ? 0 : g[i]!;
    for (let k = sList.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(sList[k]!, d);
      alpha[k] = a;
      axpy(-a, yList[k]!, d);
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    }
    for (let k = 0; k < sList.length; k++) {
      const b = rho[k]! * dot(yList[k]!, d);
      axpy(alpha[k]! - b, sList[k]!, d);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      d[i] = held(i) ? 0 : -d[i]!;
      slope += g[i]! * d[i]!;
    }
    if (!(slope < 0)) {
      // Not a descent direction (curvature pairs gone stale at the bounds): restart from steepest descent.
      sList.length = yList.length = rho.length = 0;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = held(i) ? 0 : -g[i]!;
        slope += g[i]! * d[i]!;
      }
    }

    // Backtracking (Armijo) along the projected path; the first step is scaled to move at most 1 per component.
    let step = sList.length === 0 ? Math.min(1, 1 / maxAbs(d)) : 1;
    let fNew = NaN;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++, step *= 0.5) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        xNew[i] = clamp(x[i]! + step * d[i]!);
        decrease += g[i]! * (xNew[i]! - x[i]!);
      }
      fNew = f(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * decrease) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    const drop = fx - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (drop <= ftol * Math.max(1, Math.abs(fx))) {
      iterations++;
      break;
    }
  }
  return { x, value: fx, iterations };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m > 0 ? m : 1;
}
