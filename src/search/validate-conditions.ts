/**
 * Validation of conditional params' `when` (param-conditions.ts), every
 * problem at once:
 *
 *   space.momentum.when must be an object naming categorical params and their values, e.g. { "optimizer": ["momentum", "nesterov"] } (got [])
 *   space.momentum.when.optimizr: no such param in the space (did you mean "optimizer"? params: lr, momentum, optimizer)
 *   space.momentum.when.lr: lr is a float param; a condition names a categorical param
 *   space.momentum.when.optimizer: "adamw" is not a choice of optimizer (choices: "sgd", "momentum", "adam")
 *   space: the conditions of a, b form a cycle (a when b, b when a): a param can only depend on params that do not depend on it
 *   space.gamma.when can never hold (sched is only in trials where optimizer is "sgd"): no trial would have gamma
 *
 * `validateWhen` checks one declaration's shape (it needs no other param);
 * `validateConditions` what needs the whole space.
 */
import { didYouMean, formatValue, isRecord } from '../format-value.js';
import { neverActive, whenValues } from './param-conditions.js';
import { CHOICE_VALUE_RULE, isChoiceValue } from './is-choice-value.js';
import type { ParamValue, Space } from './space.js';

const EXAMPLE = '{ "optimizer": ["momentum", "nesterov"] }';

/** Problems of one param's `when` on its own (undefined is fine: the param is unconditional). */
export function validateWhen(when: unknown, path: string): string[] {
  if (when === undefined) return [];
  if (!isRecord(when) || Object.keys(when).length === 0) {
    return [`${path} must be an object naming categorical params and their values, e.g. ${EXAMPLE} (got ${formatValue(when)})`];
  }
  const issues: string[] = [];
  for (const [parent, entry] of Object.entries(when)) {
    const at = `${path}.${parent}`;
    if (Array.isArray(entry)) {
      if (entry.length === 0) issues.push(`${at} must be a value or a non-empty array of values the param takes (got [])`);
      entry.forEach((v: unknown, i) => {
        if (!isChoiceValue(v)) issues.push(`${at}[${i}] must be ${CHOICE_VALUE_RULE} (got ${formatValue(v)})`);
        else if (entry.indexOf(v) !== i) issues.push(`${at} has a duplicate value ${formatValue(v)}`);
      });
    } else if (!isChoiceValue(entry)) {
      issues.push(`${at} must be ${CHOICE_VALUE_RULE}, or an array of them (got ${formatValue(entry)})`);
    }
  }
  return issues;
}

/**
 * Problems of the space's conditions taken together: each names another
 * param of the space, a categorical one, by values among its choices, and
 * no chain of conditions comes back to where it started. Entries
 * validateWhen refuses are skipped (reported there).
 */
export function validateConditions(space: Record<string, unknown>, path = 'space'): string[] {
  const names = Object.keys(space);
  const issues: string[] = [];
  const edges = new Map<string, string[]>();
  for (const name of names.slice().sort()) {
    const spec = space[name];
    if (!isRecord(spec) || !isRecord(spec['when'])) continue;
    const parents: string[] = [];
    for (const [parent, entry] of Object.entries(spec['when'])) {
      const at = `${path}.${name}.when.${parent}`;
      if (validateWhen({ [parent]: entry }, '').length > 0) continue;
      if (parent === name) {
        issues.push(`${at}: a param cannot depend on itself`);
        continue;
      }
      const target = space[parent];
      if (!Object.prototype.hasOwnProperty.call(space, parent)) {
        issues.push(`${at}: no such param in the space (${didYouMean(parent, names)}params: ${names.slice().sort().join(', ')})`);
        continue;
      }
      parents.push(parent);
      if (!isRecord(target) || typeof target['type'] !== 'string') continue;
      if (target['type'] !== 'categorical') {
        issues.push(
          `${at}: ${parent} is ${target['type'] === 'int' ? 'an' : 'a'} ${String(target['type'])} param; a condition names a categorical param (to condition on a few values of ${parent}, declare it { "type": "categorical", "choices": [...] })`,
        );
        continue;
      }
      const choices = target['choices'];
      if (!Array.isArray(choices)) continue;
      for (const v of Array.isArray(entry) ? entry : [entry]) {
        if (!choices.includes(v)) {
          issues.push(`${at}: ${formatValue(v)} is not a choice of ${parent} (choices: ${choices.map((c: unknown) => formatValue(c)).join(', ')})`);
        }
      }
    }
    edges.set(name, parents);
  }
  issues.push(...cycleIssues(edges, path));
  return issues;
}

/**
 * A param no trial can have, because its condition can never hold with those
 * of the params it names. Only for a space with no other problem (the search
 * reads choices and conditions as valid).
 */
export function unreachableIssues(space: Space, path = 'space'): string[] {
  const issues: string[] = [];
  for (const name of neverActive(space)) {
    const given = Object.keys(space[name]!.when ?? {})
      .filter((p) => space[p]?.when !== undefined)
      .map((p) => `${p} is only in trials where ${describeWhen(space[p]!.when!)}`);
    issues.push(`${path}.${name}.when can never hold${given.length > 0 ? ` (${given.join('; ')})` : ''}: no trial would have ${name}`);
  }
  return issues;
}

/** One `when` entry's values for a message: `"adam" or "adamw"`. */
export function whenText(entry: ParamValue | readonly ParamValue[]): string {
  return whenValues(entry)
    .map((v) => formatValue(v))
    .join(' or ');
}

/** `optimizer is "sgd"`, `optimizer is "adam" or "adamw" and amsgrad is true`. */
function describeWhen(when: Readonly<Record<string, unknown>>): string {
  return Object.entries(when)
    .map(([p, v]) => `${p} is ${whenText(v as ParamValue | readonly ParamValue[])}`)
    .join(' and ');
}

/** One message per cycle of `when` edges (param → the params it depends on). */
function cycleIssues(edges: Map<string, string[]>, path: string): string[] {
  const issues: string[] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (name: string): void => {
    if (done.has(name)) return;
    const at = onPath.indexOf(name);
    if (at >= 0) {
      const cycle = onPath.slice(at);
      const steps = cycle.map((n, i) => `${n} when ${cycle[(i + 1) % cycle.length]}`).join(', ');
      issues.push(`${path}: the conditions of ${cycle.slice().sort().join(', ')} form a cycle (${steps}): a param can only depend on params that do not depend on it`);
      return;
    }
    onPath.push(name);
    for (const parent of edges.get(name) ?? []) visit(parent);
    onPath.pop();
    done.add(name);
  };
  for (const name of [...edges.keys()].sort()) visit(name);
  return issues;
}
