/**
 * What a categorical param may take (and a `when` condition may name): a string, a finite number,
 * a boolean or null — the JSON scalars, as Optuna's CategoricalDistribution takes None, bool, int,
 * float and str. NaN and ±Infinity are refused: JSON cannot carry them and they never equal themselves.
 */
export function isChoiceValue(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** The rule isChoiceValue checks, for messages. */
export const CHOICE_VALUE_RULE = 'a string, a finite number, a boolean or null';
