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
import { validateParam } from '../search/validate-space.js';
import { ValidationError } from '../errors.js';

declare const valueType: unique symbol;
/** Phantom marker: never present at run time. */
export interface Typed<T> {
  readonly [valueType]?: T;
}

export type FloatOptions = Omit<FloatParam, 'type' | 'low' | 'high'>;
export type IntOptions = Omit<IntParam, 'type' | 'low' | 'high'>;

/** Refuses a param that could never be sampled when it is written, as Optuna's distributions do, not later in defineStudy. */
function checked<P extends ParamSpec>(spec: P, call: string): P {
  // validateParam names fields as `<path>.low`; here the call is the path: "int(5, 1): high must be > low …".
  const issues = validateParam(spec, call).map((m) => (m.startsWith(`${call}.`) ? `${call}: ${m.slice(call.length + 1)}` : m));
  if (issues.length > 0) throw new ValidationError(issues);
  return spec;
}

export function float(low: number, high: number, options: FloatOptions = {}): FloatParam & Typed<number> {
  return checked({ type: 'float', low, high, ...options }, `float(${low}, ${high})`);
}

export function int(low: number, high: number, options: IntOptions = {}): IntParam & Typed<number> {
  return checked({ type: 'int', low, high, ...options }, `int(${low}, ${high})`);
}

export function categorical<const T extends readonly ParamValue[]>(choices: T): CategoricalParam & Typed<T[number]> {
  return checked({ type: 'categorical', choices: [...choices] }, 'categorical(…)');
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
