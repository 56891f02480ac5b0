/**
 * Grid expansion of a search space, without materialising the product.
 *
 * Per param (`gridPoints`):
 * - categorical: its `choices`, in order;
 * - `values` given: those values, in order (float or int);
 * - `points` given: that many points evenly spaced from low to high, both
 *   ends included (like numpy's linspace / logspace: points = 1 gives [low];
 *   low = high gives [low] whatever points says, not copies of one cell);
 *   spaced on the log scale when `log` is true. A float with `step` has its
 *   points snapped to the step lattice; an int has its points rounded (on the
 *   lattice low + k·step) and deduplicated, so it may have fewer than `points`;
 * - an int with neither: every lattice value low, low + step, … ≤ high;
 * - a float with neither cannot be gridded (validateGridable says so).
 *
 * The grid (`gridCell`) is the Cartesian product in a fixed order: param
 * names sorted (JS default string order), the last name varying fastest — like
 * an odometer. Cell 0 takes the first point of every param. A conditional
 * param is a dimension only in the cells where its condition holds.
 */
import { ValidationError } from '../errors.js';
import { latticeSize, latticeValue, tidy } from './lattice.js';
import { conditionOrder, isActive, parentNames } from './param-conditions.js';
import type { ParamSpec, ParamValue, Params, Space } from './space.js';

/** The grid values of one param (see the file comment). Throws ValidationError for a float with neither values nor points. */
export function gridPoints(spec: ParamSpec): ParamValue[] {
  if (spec.type === 'categorical') return [...spec.choices];
  if (spec.values !== undefined) return [...spec.values];
  if (spec.type === 'int') {
    const step = spec.step ?? 1;
    if (spec.points === undefined) {
      const n = latticeSize(spec.low, spec.high, step);
      const out: number[] = new Array<number>(n);
      for (let k = 0; k < n; k++) out[k] = spec.low + k * step;
      return out;
    }
    const raw = spacedPoints(spec.low, spec.high, spec.points, spec.log === true);
    const top = latticeSize(spec.low, spec.high, step) - 1;
    const out: number[] = [];
    for (const x of raw) {
      const k = Math.min(top, Math.max(0, Math.round((x - spec.low) / step)));
      const v = spec.low + k * step;
      if (!out.includes(v)) out.push(v);
    }
    return out;
  }
  if (spec.points === undefined) {
    throw new ValidationError([
      'a float param without values or points cannot be gridded: give "values" or a number of "points"',
    ]);
  }
  const raw = spacedPoints(spec.low, spec.high, spec.points, spec.log === true);
  if (spec.step === undefined) return raw;
  const step = spec.step;
  const top = latticeSize(spec.low, spec.high, step) - 1;
  const out: number[] = [];
  for (const x of raw) {
    const k = Math.min(top, Math.max(0, Math.round((x - spec.low) / step)));
    const v = latticeValue(spec.low, spec.high, step, k);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * Number of grid values of one param, without listing an int range.
 * Undefined for a float with neither values nor points.
 */
export function gridCount(spec: ParamSpec): number | undefined {
  if (spec.type === 'categorical') return spec.choices.length;
  if (spec.values !== undefined) return spec.values.length;
  if (spec.type === 'int' && spec.points === undefined) return latticeSize(spec.low, spec.high, spec.step ?? 1);
  if (spec.points === undefined) return undefined;
  return gridPoints(spec).length;
}

/**
 * Number of cells of the grid (the product of the per-param counts; 1 for an
 * empty space). With conditional params, a param counts only where its
 * condition holds: `momentum` (3 values) when `optimizer` is "momentum", of
 * 3 optimizers, gives 2 + 3 = 5 cells, not 9.
 */
export function gridSize(space: Space): number {
  return gridOf(space).count(0, {});
}

/** The walk of a space's own grid, kept per space object: a strategy lists cell after cell of one space. */
const walks = new WeakMap<Space, ReturnType<typeof gridWalk>>();
function gridOf(space: Space): ReturnType<typeof gridWalk> {
  let walk = walks.get(space);
  if (walk === undefined) {
    walk = gridWalk(space, (name) => {
      const n = gridCount(space[name]!);
      if (n === undefined) throw new ValidationError([`space.${name} is a float without values or points: it cannot be gridded`]);
      return n;
    });
    walks.set(space, walk);
  }
  return walk;
}

/** Cells of the grid when param `name` has countOf(name) values (gridSize; validateGridable counts a declared `points` without listing it). */
export function countCells(space: Space, countOf: (name: string) => number): number {
  return gridWalk(space, countOf).count(0, {});
}

/**
 * The `index`-th cell of the grid: names sorted, the last name varying
 * fastest. Keys of the result are in sorted order. With conditional params
 * the names go in conditionOrder (a param after those its `when` names), and
 * a param whose condition fails is absent from the cell instead of
 * repeating it once per value.
 *
 * @example gridCell({ a: { type: 'categorical', choices: [1, 2] }, b: { type: 'categorical', choices: ['x', 'y', 'z'] } }, 4)
 * // { a: 2, b: 'y' }
 */
export function gridCell(space: Space, index: number): Params {
  const walk = gridOf(space);
  const size = walk.count(0, {});
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`grid cell index must be an integer in [0, ${size - 1}] (got ${index})`);
  }
  const cell: Params = {};
  let rest = index;
  for (let i = 0; i < walk.order.length; i++) {
    const name = walk.order[i]!;
    const spec = space[name]!;
    if (!isActive(spec, cell)) continue;
    if (!walk.parents.has(name)) {
      // Nothing later depends on this value, so every value has the same number of cells after it.
      const after = walk.count(i + 1, cell);
      cell[name] = gridValue(spec, Math.floor(rest / after));
      rest %= after;
      continue;
    }
    const n = walk.countOf(name);
    for (let k = 0; k < n; k++) {
      cell[name] = gridValue(spec, k);
      const after = walk.count(i + 1, cell);
      if (rest < after) break;
      rest -= after;
    }
  }
  const params: Params = {};
  for (const name of Object.keys(cell).sort()) params[name] = cell[name]!;
  return params;
}

/**
 * The grid's structure: names in conditionOrder, and `count(i, cell)`, the
 * number of cells the params from order[i] on give, with the earlier params
 * as in `cell`. It branches only on the values of params that others depend
 * on, and remembers each count by the values it can depend on (the parents
 * named from order[i] on), so listing cell after cell stays cheap with
 * several independent conditions.
 */
function gridWalk(space: Space, countOf: (name: string) => number) {
  const order = conditionOrder(space);
  const parents = parentNames(space);
  // needed[i]: the params whose values decide what the params from order[i] on give.
  const needed: string[][] = order.map(() => []);
  const later = new Set<string>();
  for (let i = order.length - 1; i >= 0; i--) {
    for (const p of Object.keys(space[order[i]!]!.when ?? {})) later.add(p);
    needed[i] = [...later].sort();
  }
  const memo = new Map<string, number>();
  const count = (i: number, cell: Params): number => {
    if (i >= order.length) return 1;
    // An absent parent is {} in the key: null is a value a categorical may take, and no choice is an object.
    const key = `${i}|${JSON.stringify(needed[i]!.map((p) => (cell[p] === undefined ? {} : cell[p])))}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let product = 1;
    let result: number | undefined;
    for (let j = i; j < order.length; j++) {
      const name = order[j]!;
      const spec = space[name]!;
      if (!isActive(spec, cell)) continue;
      if (!parents.has(name)) {
        product *= countOf(name);
        continue;
      }
      let sum = 0;
      const n = countOf(name);
      for (let k = 0; k < n; k++) sum += count(j + 1, { ...cell, [name]: gridValue(spec, k) });
      result = product * sum;
      break;
    }
    const total = result ?? product;
    memo.set(key, total);
    return total;
  };
  return { order, parents, countOf, count };
}

/** The k-th grid value of one param (an int range is not listed). */
function gridValue(spec: ParamSpec, k: number): ParamValue {
  if (spec.type === 'int' && spec.values === undefined && spec.points === undefined) return spec.low + k * (spec.step ?? 1);
  return gridPoints(spec)[k]!;
}

/** `n` points from low to high inclusive, linearly or geometrically spaced; ends exact. One point when low = high (a constant param). */
function spacedPoints(low: number, high: number, n: number, log: boolean): number[] {
  if (n <= 1 || low === high) return [low];
  const out: number[] = [];
  const a = log ? Math.log(low) : low;
  const b = log ? Math.log(high) : high;
  for (let i = 0; i < n; i++) {
    if (i === 0) out.push(low);
    else if (i === n - 1) out.push(high);
    else {
      const t = a + ((b - a) * i) / (n - 1);
      out.push(Math.min(high, Math.max(low, tidy(log ? Math.exp(t) : t))));
    }
  }
  return out;
}
