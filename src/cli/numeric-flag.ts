/**
 * Numeric flags (--threads, --seed, --top, …) are declared as strings and
 * parsed here: yargs' `type: 'number'` turns "abc" into NaN and "" into 0
 * before a handler sees them, so its messages could not say what was typed.
 */
import { UsageError } from '../errors.js';

/** The yargs option of a numeric flag: a string that must be followed by a value (parse it with parseNumericFlag). */
export function numericFlag(describe: string, defaultValue?: number) {
  return { type: 'string', requiresArg: true, describe, ...(defaultValue !== undefined ? { default: defaultValue } : {}) } as const;
}

export interface NumericRule {
  min: number;
  /** Absent: any safe integer ≥ min (a larger one would lose its last digits). */
  max?: number;
  /** A real number of this unit rather than an integer; it must be > min (a timeout of 0 s means nothing). */
  realUnit?: string;
}

/** A plain decimal number as typed: "12", "-3", "0.5", "1e3"; not "0x10", "Infinity" or " 5". */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The value of `--flag`, undefined when the flag was not given; a UsageError naming the flag, the text typed and the rule otherwise. */
export function parseNumericFlag(flag: string, raw: unknown, rule: NumericRule): number | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw new UsageError(`--${flag} was given ${raw.length} times (got ${raw.map((r) => shown(String(r))).join(', ')}): give it once`);
  const text = String(raw);
  const v = NUMBER_TEXT.test(text) ? Number(text) : Number.NaN;
  if (rule.realUnit !== undefined) {
    if (!(Number.isFinite(v) && v > rule.min)) throw new UsageError(`--${flag} must be a number of ${rule.realUnit} > ${rule.min} (got ${shown(text)})`);
    return v;
  }
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  if (!(Number.isSafeInteger(v) && v >= rule.min && v <= max)) {
    // The implicit bound is named only to the one who went past it.
    const allowed = rule.max !== undefined || v > max ? `an integer in [${rule.min}, ${max}]` : `an integer ≥ ${rule.min}`;
    throw new UsageError(`--${flag} must be ${allowed} (got ${shown(text)})`);
  }
  return v;
}

/** A number as typed stays bare, like the study file's messages; anything else is quoted so that "" and " 5" show. */
function shown(text: string): string {
  return NUMBER_TEXT.test(text) ? text : JSON.stringify(text);
}
