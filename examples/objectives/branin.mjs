/**
 * A JavaScript objective: the Branin function, a classic test of
 * hyperparameter optimisers (global minimum 0.397887 at three points).
 */
export default function branin({ x1, x2 }) {
  const a = 1;
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const r = 6;
  const s = 10;
  const t = 1 / (8 * Math.PI);
  return a * (x2 - b * x1 ** 2 + c * x1 - r) ** 2 + s * (1 - t) * Math.cos(x1) + s;
}
