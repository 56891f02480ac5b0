/**
 * Search-space declarations. A space maps a param name to its spec; `Params`
 * is one point of it. Validation lives in validate-space.ts, sampling in
 * sample-params.ts, grid expansion in grid-points.ts.
 */
export type ParamValue = number | string | boolean | null;
export type Params = Record<string, ParamValue>;

/**
 * A param's condition (param-conditions.ts): it exists in a trial only when
 * each named categorical param exists and takes the value given, or one of
 * the values listed.
 */
export type ParamCondition = Readonly<Record<string, ParamValue | readonly ParamValue[]>>;

interface Conditional {
  /** Present only when these categorical params take these values (param-conditions.ts). */
  when?: ParamCondition;
}

export interface FloatParam extends Conditional {
  type: 'float';
  low: number;
  high: number;
  /** Sample (and space grid points) on a log scale; requires low > 0. */
  log?: boolean;
  /** Quantise to low + k·step (uniform scale only). */
  step?: number;
  /** Explicit grid values (grid search); must lie in [low, high] if low/high are given. */
  values?: number[];
  /** Number of evenly spaced grid points (on the log scale when log is true). */
  points?: number;
}

export interface IntParam extends Conditional {
  type: 'int';
  low: number;
  high: number;
  /** Default 1. Values are low + k·step ≤ high. */
  step?: number;
  /** Sample on a log scale; requires low ≥ 1 and step 1. */
  log?: boolean;
  values?: number[];
  points?: number;
}

export interface CategoricalParam extends Conditional {
  type: 'categorical';
  choices: ParamValue[];
}

export type ParamSpec = FloatParam | IntParam | CategoricalParam;
export type Space = Record<string, ParamSpec>;
