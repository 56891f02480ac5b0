/**
 * Decides what a target column is and encodes it: regression values stay as
 * they are; class labels become indices 0..k-1 in sorted label order.
 */
import type { DatasetKind } from './dataset.js';

/** Largest number of distinct integer values still read as class labels. */
export const MAX_INFERRED_CLASSES = 20;

export interface EncodedTarget {
  y: Float64Array;
  kind: DatasetKind;
  classes: number;
  /** Present when the labels were not already 0..k-1 (index → original label). */
  classLabels?: string[];
}

/**
 * Encodes a numeric target. Without `force`: integer values with at most
 * MAX_INFERRED_CLASSES distinct values are class labels ('binary' for two
 * of them, 'multiclass' for more), anything else (or a single value) is
 * regression. `force` overrides the guess; forcing a classification kind on
 * non-integer values is rejected by the caller with a clear message, here it
 * only maps distinct values to indices.
 *
 * @example encodeNumericTarget([0, 1, 1]).kind // 'binary'
 * @example encodeNumericTarget([1.5, 2]).kind   // 'regression'
 */
export function encodeNumericTarget(values: ArrayLike<number>, force?: DatasetKind): EncodedTarget {
  const distinct = new Set<number>();
  let allIntegers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) allIntegers = false;
    if (distinct.size <= MAX_INFERRED_CLASSES) distinct.add(v);
  }
  let kind: DatasetKind;
  if (force) kind = force;
  else if (allIntegers && distinct.size >= 2 && distinct.size <= MAX_INFERRED_CLASSES)
    kind = distinct.size === 2 ? 'binary' : 'multiclass';
  else kind = 'regression';
  if (kind === 'regression') return { y: Float64Array.from(values), kind, classes: 0 };

  // Classification: sorted distinct values become 0..k-1.
  const all = new Set<number>();
  for (let i = 0; i < values.length; i++) all.add(values[i]!);
  const sorted = [...all].sort((a, b) => a - b);
  const index = new Map(sorted.map((v, i) => [v, i] as const));
  const y = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) y[i] = index.get(values[i]!)!;
  const identity = sorted.every((v, i) => v === i);
  const classes = Math.max(sorted.length, kind === 'binary' ? 2 : 0);
  const out: EncodedTarget = { y, kind, classes };
  if (!identity) out.classLabels = sorted.map(String);
  return out;
}

/**
 * Encodes a non-numeric (string) target: sorted distinct labels become
 * 0..k-1, two labels make it 'binary', more 'multiclass'.
 *
 * @example encodeLabelTarget(['b', 'a', 'b']) // y = [1, 0, 1], classLabels = ['a', 'b']
 */
export function encodeLabelTarget(labels: readonly string[]): EncodedTarget {
  const sorted = [...new Set(labels)].sort();
  const index = new Map(sorted.map((v, i) => [v, i] as const));
  const y = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) y[i] = index.get(labels[i]!)!;
  return {
    y,
    kind: sorted.length <= 2 ? 'binary' : 'multiclass',
    classes: Math.max(2, sorted.length),
    classLabels: sorted,
  };
}
