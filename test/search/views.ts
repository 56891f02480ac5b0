/** Hand-built trial views for tests of single decisions. */
import type { Params } from '../../src/search/space.js';
import type { TrialState, TrialView } from '../../src/search/strategy.js';

export interface TrialInit {
  state?: TrialState;
  /** Rung values: budget → value. */
  values?: Record<number, number>;
  /** Defaults to the largest budget in values (or 0). */
  budget?: number;
  /** Defaults to `budget`. */
  target?: number;
  params?: Params;
  bracket?: number;
}

/** A trial view; e.g. trial(3, { state: 'pruned', values: { 1: 0.5 } }). */
export function trial(number: number, init: TrialInit = {}): TrialView {
  const values = new Map(Object.entries(init.values ?? {}).map(([b, v]) => [Number(b), v] as [number, number]));
  const budget = init.budget ?? Math.max(0, ...values.keys());
  return {
    number,
    params: init.params ?? { x: number },
    state: init.state ?? 'pruned',
    budget,
    target: init.target ?? budget,
    rungValues: values,
    bracket: init.bracket ?? 0,
  };
}

/** A finished trial of a one-job strategy with its learning curve: values at steps 1, 2, …, its rung value the last. */
export function finished(number: number, params: Params, values: number[], state: TrialState = 'complete', target = 5): TrialView {
  return {
    number,
    params,
    state,
    budget: values.length,
    target,
    rungValues: new Map([[values.length, values.at(-1)!]]),
    bracket: 0,
    curve: new Map(values.map((v, i) => [i + 1, v])),
  };
}
