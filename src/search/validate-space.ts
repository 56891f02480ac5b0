/**
 * Validation of a search space, reporting every problem at once. Each message
 * names the exact path, the rule and the offending value, e.g.
 *
 *   space.lr.low must be > 0 when log is true (got 0)
 *   space.lr.high must be >= low (got high 0.1, low 0.5)
 *   space.batchSize.step must be a positive integer (got 0.5)
 *   space.lr has unknown key "lgo" (did you mean "log"? allowed: type, low, high, log, step, values, points, when)
 *
 * Rules (float / int):
 * - `low`, `high` are required finite numbers (integers for int), high ≥ low (high = low is a
 *   constant param, as Optuna's suggest_int("x", 3, 3): every sampler gives it that value);
 * - `log` is a boolean; with log, float needs low > 0, int needs low ≥ 1 and step 1;
 * - `step` is a positive number (a positive integer for int); a float step cannot be combined with log;
 * - a lattice (an int without log, a float with step) has at most 2^32 values;
 * - `values` is a non-empty array of finite numbers (integers for int) inside [low, high], without duplicates;
 * - `points` is an integer ≥ 1; values and points are mutually exclusive.
 * Categorical: `choices` is a non-empty array of strings, finite numbers or booleans, without duplicates.
 * Any param: `when` (a condition, validate-conditions.ts).
 *
 * `validateGridable` adds what grid search needs on top of a valid space.
 */
import { formatValue, isRecord, unknownKeyIssues } from '../format-value.js';
import { countCells, gridCount } from './grid-points.js';
import { latticeSize } from './lattice.js';
import { hasConditions } from './param-conditions.js';
import { CHOICE_VALUE_RULE, isChoiceValue } from './is-choice-value.js';
import type { ParamSpec, Space } from './space.js';
import { unreachableIssues, validateConditions, validateWhen } from './validate-conditions.js';

/**
 * Names every plain object answers to (Object.prototype's): `params.toString` would read an inherited
 * function for a trial without that param, so such a name cannot tell "absent" from "present".
 */
const RESERVED_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype).sort();

/** Largest grid grid search accepts. */
export const MAX_GRID_CELLS = 100_000;

const TYPES = ['float', 'int', 'categorical'] as const;

/**
 * The distribution names of Optuna, Ray Tune and Hyperopt, and what each is here: a user coming from
 * them writes `"type": "loguniform"` first.
 */
const OTHER_TOOLS_TYPES: Readonly<Record<string, string>> = {
  loguniform: 'a log-uniform range is "type": "float" with "log": true',
  uniform: 'a uniform range is "type": "float"',
  quniform: 'a quantised range is "type": "float" with "step"',
  discrete_uniform: 'a quantised range is "type": "float" with "step"',
  qloguniform: 'a log-uniform range is "type": "float" with "log": true (no step on a log scale)',
  randint: 'an integer range is "type": "int" (high is included)',
  integer: 'an integer range is "type": "int"',
  choice: 'a set of choices is "type": "categorical" with "choices"',
  grid_search: 'a set of choices is "type": "categorical" with "choices" (the grid strategy takes every one)',
};

/** The most values a lattice param can have: random draws pick an index with Rng.int. */
const MAX_LATTICE = 2 ** 32;
const NUMERIC_KEYS = ['type', 'low', 'high', 'log', 'step', 'values', 'points', 'when'] as const;
const CATEGORICAL_KEYS = ['type', 'choices', 'when'] as const;

/** Every problem of `space` (empty when valid). */
export function validateSpace(space: unknown, path = 'space'): string[] {
  if (!isRecord(space)) {
    return [`${path} must be an object mapping param names to specs (got ${formatValue(space)})`];
  }
  const names = Object.keys(space);
  if (names.length === 0) return [`${path} must declare at least one param`];
  const issues: string[] = [];
  for (const name of names) {
    if (RESERVED_NAMES.includes(name)) {
      issues.push(`${path}.${name}: a param cannot be named like a property every JavaScript object has (${RESERVED_NAMES.join(', ')}): rename it`);
      continue;
    }
    issues.push(...validateParam(space[name], `${path}.${name}`));
  }
  issues.push(...validateConditions(space, path));
  if (issues.length === 0) issues.push(...unreachableIssues(space as Space, path));
  return issues;
}

/** Every problem of one param spec. */
export function validateParam(spec: unknown, path: string): string[] {
  if (!isRecord(spec)) {
    return [`${path} must be an object with a "type" (one of ${TYPES.map((t) => `"${t}"`).join(', ')}) (got ${formatValue(spec)})`];
  }
  const type = spec['type'];
  if (type === undefined) return [`${path}.type is required: one of ${TYPES.map((t) => `"${t}"`).join(', ')}`];
  if (type !== 'float' && type !== 'int' && type !== 'categorical') {
    const other = typeof type === 'string' ? OTHER_TOOLS_TYPES[type.toLowerCase()] : undefined;
    return [`${path}.type must be one of ${TYPES.map((t) => `"${t}"`).join(', ')} (got ${formatValue(type)}${other ? `; ${other}` : ''})`];
  }
  const own = type === 'categorical' ? validateCategorical(spec, path) : validateNumeric(spec, type, path);
  return [...own, ...validateWhen(spec['when'], `${path}.when`)];
}

function validateCategorical(spec: Record<string, unknown>, path: string): string[] {
  const issues = unknownKeyIssues(spec, CATEGORICAL_KEYS, path);
  const choices = spec['choices'];
  const rule = `${path}.choices must be a non-empty array of strings, numbers, booleans or null`;
  if (choices === undefined) issues.push(rule);
  else if (!Array.isArray(choices) || choices.length === 0) issues.push(`${rule} (got ${formatValue(choices)})`);
  else {
    choices.forEach((c: unknown, i) => {
      if (!isChoiceValue(c)) issues.push(`${path}.choices[${i}] must be ${CHOICE_VALUE_RULE} (got ${formatValue(c)})`);
    });
    issues.push(...duplicateIssues(choices, `${path}.choices`));
  }
  return issues;
}

function validateNumeric(spec: Record<string, unknown>, type: 'float' | 'int', path: string): string[] {
  const issues = unknownKeyIssues(spec, NUMERIC_KEYS, path);
  const isInt = type === 'int';
  const numberRule = isInt ? 'an integer' : 'a finite number';
  const okNumber = (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && (!isInt || Number.isInteger(v));

  const bound = (key: 'low' | 'high'): number | undefined => {
    const v = spec[key];
    if (v === undefined) issues.push(`${path}.${key} is required (${numberRule})`);
    else if (!okNumber(v)) issues.push(`${path}.${key} must be ${numberRule} (got ${formatValue(v)})`);
    else return v;
    return undefined;
  };
  const low = bound('low');
  const high = bound('high');
  if (low !== undefined && high !== undefined && !(high >= low)) {
    issues.push(`${path}.high must be >= low (got high ${high}, low ${low})`);
  }

  let log = false;
  const logValue = spec['log'];
  if (logValue !== undefined && typeof logValue !== 'boolean') {
    issues.push(`${path}.log must be true or false (got ${formatValue(logValue)})`);
  } else log = logValue === true;

  const step = spec['step'];
  let stepOk = false;
  if (step !== undefined) {
    if (isInt) {
      if (typeof step !== 'number' || !Number.isInteger(step) || step < 1) {
        issues.push(`${path}.step must be a positive integer (got ${formatValue(step)})`);
      } else stepOk = true;
    } else if (typeof step !== 'number' || !Number.isFinite(step) || step <= 0) {
      issues.push(`${path}.step must be a positive number (got ${formatValue(step)})`);
    } else stepOk = true;
  }

  // A lattice (an int, a float with step) is sampled by drawing its index, which takes at most 2^32 values.
  const latticeStep = stepOk ? (step as number) : isInt && step === undefined ? 1 : undefined;
  if (!log && latticeStep !== undefined && low !== undefined && high !== undefined && high >= low) {
    const size = latticeSize(low, high, latticeStep);
    if (size > MAX_LATTICE) {
      issues.push(`${path} has ${size} values from low ${low} to high ${high} by step ${latticeStep}: at most ${MAX_LATTICE} (give a larger step${isInt ? ', or log: true' : ''})`);
    }
  }

  if (log) {
    if (isInt) {
      if (low !== undefined && low < 1) issues.push(`${path}.low must be >= 1 when log is true (got ${low})`);
      if (stepOk && step !== 1) issues.push(`${path}.step must be 1 when log is true (got ${formatValue(step)})`);
    } else {
      if (low !== undefined && !(low > 0)) issues.push(`${path}.low must be > 0 when log is true (got ${low})`);
      if (step !== undefined) issues.push(`${path}.step cannot be combined with log: true (got step ${formatValue(step)}): use points or values for a log grid`);
    }
  }

  const values = spec['values'];
  if (values !== undefined) {
    const rule = `${path}.values must be a non-empty array of ${isInt ? 'integers' : 'finite numbers'}`;
    if (!Array.isArray(values) || values.length === 0) issues.push(`${rule} (got ${formatValue(values)})`);
    else {
      values.forEach((v: unknown, i) => {
        if (!okNumber(v)) issues.push(`${path}.values[${i}] must be ${numberRule} (got ${formatValue(v)})`);
        else if (low !== undefined && high !== undefined && high >= low && (v < low || v > high)) {
          issues.push(`${path}.values[${i}] must be within [low, high] = [${low}, ${high}] (got ${v})`);
        }
      });
      issues.push(...duplicateIssues(values, `${path}.values`));
    }
  }

  const points = spec['points'];
  if (points !== undefined) {
    if (typeof points !== 'number' || !Number.isInteger(points) || points < 1) {
      issues.push(`${path}.points must be an integer >= 1 (got ${formatValue(points)})`);
    }
    if (values !== undefined) issues.push(`${path}: give either values or points, not both`);
  }
  return issues;
}

function duplicateIssues(list: readonly unknown[], path: string): string[] {
  const seen = new Set<unknown>();
  const issues: string[] = [];
  for (const v of list) {
    if (seen.has(v)) issues.push(`${path} has a duplicate value ${formatValue(v)}`);
    seen.add(v);
  }
  return issues;
}

/**
 * What grid search needs beyond a valid space: every float has `values` or
 * `points`, and the grid has at most MAX_GRID_CELLS cells. An int without
 * values/points enumerates low..high by step. Assumes validateSpace passed;
 * specs it cannot read are skipped (validateSpace reports them).
 */
export function validateGridable(space: unknown, path = 'space'): string[] {
  if (!isRecord(space)) return [];
  const issues: string[] = [];
  const counts: { name: string; count: number }[] = [];
  let unreadable = false;
  for (const name of Object.keys(space).sort()) {
    const spec = space[name];
    if (validateParam(spec, `${path}.${name}`).length > 0) {
      unreadable = true;
      continue;
    }
    const p = spec as ParamSpec;
    if (p.type === 'float' && p.values === undefined && p.points === undefined) {
      issues.push(
        `${path}.${name} is a float without values or points: grid search needs explicit "values" or a number of "points" (e.g. "points": 5)`,
      );
      continue;
    }
    if (p.type !== 'categorical' && p.values === undefined && p.points !== undefined && p.points > MAX_GRID_CELLS) {
      counts.push({ name, count: p.points });
      continue;
    }
    counts.push({ name, count: gridCount(p)! });
  }
  if (issues.length === 0 && !unreadable && validateConditions(space as Space, path).length === 0) {
    const byName = new Map(counts.map((c) => [c.name, c.count]));
    const total = countCells(space as Space, (name) => byName.get(name)!);
    if (total > MAX_GRID_CELLS) {
      const conditional = hasConditions(space as Space);
      const detail = counts.map((c) => `${c.name}: ${c.count}`).join(conditional ? ', ' : ' × ');
      issues.push(
        `${path} has ${total} grid cells (${conditional ? `values per param, where its condition holds: ${detail}` : detail}); grid search allows at most ${MAX_GRID_CELLS}: give fewer values or points, or a larger int step`,
      );
    }
  }
  return issues;
}
