/**
 * Conditional params. A param declared with `when: { optimizer: ["momentum", "nesterov"] }`
 * exists in a trial only when the categorical param `optimizer` exists in it
 * and takes one of those values (a single value may be given without the
 * array; with several entries, every one must hold). Conditions may chain
 * (a param conditional on a conditional param), never in a cycle.
 *
 * An inactive param is absent from the trial's params: not drawn by TPE, not
 * a grid dimension, not stored, not passed to the task or the objective —
 * what Optuna's define-by-run objective gives when it never suggests a param,
 * and what ConfigSpace's conditions (SMAC, BOHB) declare.
 *
 * The space must be valid (validateSpace checks the conditions).
 */
import type { ParamSpec, ParamValue, Params, Space } from './space.js';

/** The values of one `when` entry, as a list. */
export function whenValues(entry: ParamValue | readonly ParamValue[]): readonly ParamValue[] {
  return Array.isArray(entry) ? entry : [entry as ParamValue];
}

/** True when some param of `space` has a `when`. */
export function hasConditions(space: Space): boolean {
  return Object.values(space).some((spec) => spec.when !== undefined);
}

/** True when every condition of `spec` holds in `params` (a param without `when` is always active). */
export function isActive(spec: ParamSpec, params: Params): boolean {
  if (spec.when === undefined) return true;
  for (const [parent, entry] of Object.entries(spec.when)) {
    const v = params[parent];
    if (v === undefined || !whenValues(entry).includes(v)) return false;
  }
  return true;
}

/**
 * The names of `space` in the order conditions are decided: sorted (JS string
 * order), except that a param comes after the params its `when` names. A
 * space without conditions gives the sorted names, so grids and draws are
 * those of an unconditional space.
 */
export function conditionOrder(space: Space): string[] {
  const pending = Object.keys(space).sort();
  const placed = new Set<string>();
  const order: string[] = [];
  while (pending.length > 0) {
    const i = pending.findIndex((name) => Object.keys(space[name]!.when ?? {}).every((p) => placed.has(p) || !(p in space)));
    // A cycle (validateSpace refuses it): take the rest in sorted order rather than loop forever.
    const at = i < 0 ? 0 : i;
    const [name] = pending.splice(at, 1);
    placed.add(name!);
    order.push(name!);
  }
  return order;
}

/** The names some `when` of `space` names: the params others depend on. */
export function parentNames(space: Space): Set<string> {
  const parents = new Set<string>();
  for (const spec of Object.values(space)) for (const p of Object.keys(spec.when ?? {})) parents.add(p);
  return parents;
}

/**
 * `params` without its inactive params, keys sorted. Decided in
 * conditionOrder, so a param whose parent was dropped is dropped too.
 */
export function activeParams(space: Space, params: Params): Params {
  if (!hasConditions(space)) return params;
  const kept: Params = {};
  for (const name of conditionOrder(space)) {
    const v = params[name];
    if (v !== undefined && isActive(space[name]!, kept)) kept[name] = v;
  }
  const out: Params = {};
  for (const name of Object.keys(kept).sort()) out[name] = kept[name]!;
  return out;
}

/**
 * The params of `space` that no trial can have: whatever the choices of the
 * params conditions name, their `when` fails (e.g. `when: { sched: "step",
 * optimizer: "adam" }` with `sched` only there for sgd). Searches the choices
 * of the parents, in conditionOrder; gives up (returns []) past `limit`
 * branches rather than spend longer than validation should.
 */
export function neverActive(space: Space, limit = 100_000): string[] {
  const order = conditionOrder(space);
  const parents = parentNames(space);
  const seen = new Set<string>();
  let branches = 0;
  const walk = (i: number, cell: Params): boolean => {
    if (++branches > limit) return false;
    for (let j = i; j < order.length; j++) {
      const name = order[j]!;
      const spec = space[name]!;
      if (!isActive(spec, cell)) continue;
      seen.add(name);
      if (!parents.has(name) || spec.type !== 'categorical') continue;
      for (const choice of spec.choices) if (!walk(j + 1, { ...cell, [name]: choice })) return false;
      return true;
    }
    return true;
  };
  if (!walk(0, {})) return [];
  return order.filter((name) => !seen.has(name)).sort();
}
