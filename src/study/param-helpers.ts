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
declare const conditional: unique symbol;
/** Phantom markers, never present at run time: the value type, and W = true for a param declared with `when`. */
export interface Typed<T, W extends boolean = false> {
  readonly [valueType]?: T;
  readonly [conditional]?: W;
}
/** Whether the options given carry a `when`. */
type HasWhen<O> = O extends { when: object } ? true : false;

export type FloatOptions = Omit<FloatParam, 'type' | 'low' | 'high'>;
export type IntOptions = Omit<IntParam, 'type' | 'low' | 'high'>;

/** Refuses a param that could never be sampled when it is written, as Optuna's distributions do, not later in defineStudy. */
function checked<P extends ParamSpec>(spec: P, call: string): P {
  // validateParam names fields as `<path>.low`; here the call is the path: "int(5, 1): high must be >= low …".
  const issues = validateParam(spec, call).map((m) => (m.startsWith(`${call}.`) ? `${call}: ${m.slice(call.length + 1)}` : m));
  if (issues.length > 0) throw new ValidationError(issues);
  return spec;
}

export type CategoricalOptions = Omit<CategoricalParam, 'type' | 'choices'>;

export function float<const O extends FloatOptions = {}>(low: number, high: number, options?: O): FloatParam & Typed<number, HasWhen<O>> {
  return checked({ type: 'float', low, high, ...options }, `float(${low}, ${high})`);
}

export function int<const O extends IntOptions = {}>(low: number, high: number, options?: O): IntParam & Typed<number, HasWhen<O>> {
  return checked({ type: 'int', low, high, ...options }, `int(${low}, ${high})`);
}

/** `when` as for float and int: `categorical(['relu', 'tanh'], { when: { model: 'mlp' } })`. */
export function categorical<const T extends readonly ParamValue[], const O extends CategoricalOptions = {}>(
  choices: T,
  options?: O,
): CategoricalParam & Typed<T[number], HasWhen<O>> {
  return checked({ type: 'categorical', choices: [...choices], ...options }, 'categorical(…)');
}

/** The value type of one param spec. */
type ValueOf<P> = P extends Typed<infer T, boolean>
  ? Exclude<T, undefined>
  : P extends { type: 'categorical'; choices: ReadonlyArray<infer C> }
    ? C
    : P extends ParamSpec
      ? number
      : never;

/** The names of a space's params built by a helper with a `when`. */
type ConditionalKeys<S> = { [K in keyof S]: S[K] extends Typed<unknown, infer W> ? ([W] extends [true] ? K : never) : never }[keyof S];

/**
 * The params an objective receives for a space. A param declared with `when`
 * is optional: the objective gets it only where its condition holds.
 */
export type ParamsOf<S> = {
  readonly [K in Exclude<keyof S, ConditionalKeys<S> | WhenKeys<S>>]: ValueOf<S[K]>;
} & {
  readonly [K in ConditionalKeys<S> | WhenKeys<S>]?: ValueOf<S[K]>;
};

/** Keys of plain specs (not built with the helpers) that declare a `when`. */
type WhenKeys<S> = { [K in keyof S]: S[K] extends { when: object } ? K : never }[keyof S];
