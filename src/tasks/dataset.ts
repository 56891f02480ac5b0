/**
 * A loaded dataset, before any split. Features are one contiguous row-major
 * Float64Array so the training loops index it without per-row objects.
 */
export type DatasetKind = 'regression' | 'binary' | 'multiclass';

export interface Dataset {
  /** Row-major n×d features. */
  x: Float64Array;
  /** Targets: the value (regression) or the class index 0..classes-1 (classification). */
  y: Float64Array;
  n: number;
  d: number;
  featureNames: string[];
  kind: DatasetKind;
  /** Number of classes (2 for binary); 0 for regression. */
  classes: number;
  /** For a target that was not already 0..k-1: class index → original label. */
  classLabels?: string[];
}
