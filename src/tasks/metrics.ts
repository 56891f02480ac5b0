/**
 * Evaluation metrics as small pure functions over the first `n` entries of
 * prediction and target arrays (so preallocated buffers can be passed).
 */

/** Mean squared error. @example mse(Float64Array.of(1, 2), Float64Array.of(1, 4), 2) // 2 */
export function mse(pred: Float64Array, y: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = pred[i]! - y[i]!;
    s += e * e;
  }
  return s / n;
}

/** Root mean squared error. @example rmse(Float64Array.of(0, 0), Float64Array.of(3, 3), 2) // 3 */
export function rmse(pred: Float64Array, y: Float64Array, n: number): number {
  return Math.sqrt(mse(pred, y, n));
}

/** Mean absolute error. @example mae(Float64Array.of(1, 2), Float64Array.of(2, 4), 2) // 1.5 */
export function mae(pred: Float64Array, y: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(pred[i]! - y[i]!);
  return s / n;
}

/**
 * Coefficient of determination 1 − SS_res/SS_tot. For a constant target
 * (SS_tot = 0) it is 1 for a perfect fit and 0 otherwise, as scikit-learn
 * does, rather than ±Infinity/NaN.
 *
 * @example r2(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3), 3) // 1
 */
export function r2(pred: Float64Array, y: Float64Array, n: number): number {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - pred[i]!;
    const c = y[i]! - mean;
    ssRes += e * e;
    ssTot += c * c;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Binary log loss from predicted probabilities of class 1, with p clipped to
 * [1e−15, 1 − 1e−15] so a confident mistake is large but finite.
 *
 * @example logLoss(Float64Array.of(0.5), Float64Array.of(1), 1) // 0.6931…
 */
export function logLoss(prob: Float64Array, y: Float64Array, n: number): number {
  const eps = 1e-15;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - eps, Math.max(eps, prob[i]!));
    s -= y[i]! === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / n;
}

/** Fraction of equal entries. @example accuracy(Float64Array.of(0, 1), Float64Array.of(0, 0), 2) // 0.5 */
export function accuracy(pred: Float64Array, y: Float64Array, n: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (pred[i] === y[i]) c++;
  return c / n;
}

/** Names of the per-epoch metrics a task records, by output kind. */
export const REGRESSION_METRICS = ['train_loss', 'val_loss', 'val_mse', 'val_rmse', 'val_mae', 'val_r2', 'model_size'] as const;
export const CLASSIFICATION_METRICS = ['train_loss', 'val_loss', 'val_log_loss', 'val_accuracy', 'model_size'] as const;

/** Of those, the ones that describe the model rather than measure an epoch: the same every epoch, they get no curve. */
export const STRUCTURAL_METRICS: readonly string[] = ['model_size'];

/**
 * Why `metric` cannot be a study's metric or objective, when it is one of the held-out test rows' (test_*): a
 * search ranked on its test rows would have none left to test on. undefined for any other name.
 */
export function testMetricProblem(metric: string, at: string): string | undefined {
  if (!metric.startsWith('test_')) return undefined;
  return `${at} "${metric}" is scored on the held-out test rows (task.test), which nothing may be ranked on, or they would test nothing: rank on "${metric.replace(/^test_/, 'val_')}" and read "${metric}" beside it`;
}

/**
 * The held-out test rows' scores to show beside a trial's `metric` (task.test): the metric's test twin
 * (val_loss → test_loss), then what scikit-learn's score() gives (test_accuracy, or test_r2 for regression)
 * when that is another. Empty when the trial has none. The tables and lines show these for the best
 * trial only: listing every trial's test score beside its rank would invite choosing by it.
 *
 * @example heldOutScores('val_loss', { test_loss: 0.4, test_accuracy: 0.9 }) // [['test_loss', 0.4], ['test_accuracy', 0.9]]
 */
export function heldOutScores(metric: string, metrics: Readonly<Record<string, number>>): Array<[string, number]> {
  // A model records test_accuracy or test_r2, never both: at most the twin and one score.
  const names = new Set([...(metric.startsWith('val_') ? [`test_${metric.slice(4)}`] : []), 'test_accuracy', 'test_r2']);
  const out: Array<[string, number]> = [];
  for (const name of names) {
    const v = metrics[name];
    if (v !== undefined) out.push([name, v]);
  }
  return out;
}

export function metricNames(output: 'regression' | 'binary' | 'multiclass'): readonly string[] {
  return output === 'regression' ? REGRESSION_METRICS : CLASSIFICATION_METRICS;
}
