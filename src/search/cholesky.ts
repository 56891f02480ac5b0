/**
 * Cholesky factorisation and triangular solves on row-major n×n
 * Float64Arrays, for the Gaussian process (gp-regression.ts): K = L·Lᵀ once,
 * then K⁻¹·b as two triangular solves, never an explicit inverse where a
 * solve will do.
 */

/**
 * Overwrites the lower triangle of `a` with L, where a = L·Lᵀ (the upper
 * triangle is left as it was). Returns false when `a` is not numerically
 * positive definite (a pivot ≤ 0 or not finite); `a` is then partly
 * overwritten.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j]!;
    for (let k = 0; k < j; k++) d -= a[rowJ + k]! * a[rowJ + k]!;
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L·x = b in place (b becomes x), L lower triangular from choleskyInPlace. */
export function solveLower(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[row + k]! * b[k]!;
    b[i] = s / l[row + i]!;
  }
}

/** Solves Lᵀ·x = b in place (b becomes x). */
export function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
}

/** Solves (L·Lᵀ)·x = b in place: K⁻¹·b from K's factor. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  solveLower(l, n, b);
  solveLowerTransposed(l, n, b);
}

/**
 * K⁻¹ from K's factor L, as a full symmetric row-major matrix (for the likelihood's gradient, which needs
 * its trace terms): U = (L⁻¹)ᵀ row by row, then K⁻¹ = L⁻ᵀ·L⁻¹ = U·Uᵀ. Every inner loop runs along rows,
 * about n³/3 multiply-adds in all.
 */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  // u[j·n + i] = (L⁻¹)[i][j], nonzero for i ≥ j: row j of U is column j of L⁻¹.
  const u = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    u[rowJ + j] = 1 / l[rowJ + j]!;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = 0;
      for (let k = j; k < i; k++) s += l[rowI + k]! * u[rowJ + k]!;
      u[rowJ + i] = -s / l[rowI + i]!;
    }
  }
  const inv = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    const rowA = a * n;
    for (let b = a; b < n; b++) {
      const rowB = b * n;
      let s = 0;
      for (let k = b; k < n; k++) s += u[rowA + k]! * u[rowB + k]!;
      inv[rowA + b] = s;
      inv[rowB + a] = s;
    }
  }
  return inv;
}
