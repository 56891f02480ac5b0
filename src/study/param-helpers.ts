/**
 * Typed constructors for search-space params. Each carries its value type as
 * a phantom so that `ParamsOf<typeof space>` gives the objective's params a
 * precise type: a typo in a param name is a compile error.
 *
 * @example
 * const space = { lr: float(1e-4, 1, { log: true }), layers: int(1, 4), opt: categorical(['sgd', 'adam']) };
 * // ParamsOf<typeof space> = { lr: number; layers: number; opt: 'sgd' | 'adam' }
 */
import type { CategoricalParam, FloatParam, IntParam, ParamSpec, ParamValue } from '../search/space.js';

declare const valueType: unique symbol;
/** Phantom marker: never present at run time. */
export interface Typed<T> {
  readonly [valueType]?: T;
}

export type FloatOptions = Omit<FloatParam, 'type' | 'low' | 'high'>;
export type IntOptions = Omit<IntParam, 'type' | 'low' | 'high'>;

export function float(low: number, high: number, options: FloatOptions = {}): FloatParam & Typed<number> {
  return { type: 'float', low, high, ...options };
}

export function int(low: number, high: number, options: IntOptions = {}): IntParam & Typed<number> {
  return { type: 'int', low, high, ...options };
}

export function categorical<const T extends readonly ParamValue[]>(choices: T): CategoricalParam & Typed<T[number]> {
  return { type: 'categorical', choices: [...choices] };
}

/** The params an objective receives for a space. */
export type ParamsOf<S> = {
  readonly [K in keyof S]: S[K] extends Typed<infer T>
    ? Exclude<T, undefined>
    : S[K] extends { type: 'categorical'; choices: ReadonlyArray<infer C> }
      ? C
      : S[K] extends ParamSpec
        ? number
        : never;
};
