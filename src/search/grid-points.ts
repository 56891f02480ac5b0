/**
 * Grid expansion of a search space, without materialising the product.
 *
 * Per param (`gridPoints`):
 * - categorical: its `choices`, in order;
 * - `values` given: those values, in order (float or int);
 * - `points` given: that many points evenly spaced from low to high, both
 *   ends included (like numpy's linspace / logspace: points = 1 gives [low]);
 *   spaced on the log scale when `log` is true. A float with `step` has its
 *   points snapped to the step lattice; an int has its points rounded (on the
 *   lattice low + k·step) and deduplicated, so it may have fewer than `points`;
 * - an int with neither: every lattice value low, low + step, … ≤ high;
 * - a float with neither cannot be gridded (validateGridable says so).
 *
 * The grid (`gridCell`) is the Cartesian product in a fixed order: param
 * names sorted (JS default string order), the last name varying fastest — like
 * an odometer. Cell 0 takes the first point of every param.
 */
import { ValidationError } from '../errors.js';
import { latticeSize, latticeValue, tidy } from './lattice.js';
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

/** Number of cells of the grid (the product of the per-param counts; 1 for an empty space). */
export function gridSize(space: Space): number {
  let size = 1;
  for (const name of Object.keys(space).sort()) {
    const n = gridCount(space[name]!);
    if (n === undefined) throw new ValidationError([`space.${name} is a float without values or points: it cannot be gridded`]);
    size *= n;
  }
  return size;
}

/**
 * The `index`-th cell of the grid: names sorted, the last name varying
 * fastest. Keys of the result are in sorted order.
 *
 * @example gridCell({ a: { type: 'categorical', choices: [1, 2] }, b: { type: 'categorical', choices: ['x', 'y', 'z'] } }, 4)
 * // { a: 2, b: 'y' }
 */
export function gridCell(space: Space, index: number): Params {
  const names = Object.keys(space).sort();
  const size = gridSize(space);
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`grid cell index must be an integer in [0, ${size - 1}] (got ${index})`);
  }
  const digits: number[] = new Array<number>(names.length).fill(0);
  let rest = index;
  for (let i = names.length - 1; i >= 0; i--) {
    const n = gridCount(space[names[i]!]!)!;
    digits[i] = rest % n;
    rest = Math.floor(rest / n);
  }
  const params: Params = {};
  names.forEach((name, i) => {
    params[name] = gridValue(space[name]!, digits[i]!);
  });
  return params;
}

/** The k-th grid value of one param (an int range is not listed). */
function gridValue(spec: ParamSpec, k: number): ParamValue {
  if (spec.type === 'int' && spec.values === undefined && spec.points === undefined) return spec.low + k * (spec.step ?? 1);
  return gridPoints(spec)[k]!;
}

/** `n` points from low to high inclusive, linearly or geometrically spaced; ends exact. */
function spacedPoints(low: number, high: number, n: number, log: boolean): number[] {
  if (n <= 1) return [low];
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
