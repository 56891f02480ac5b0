/**
 * The values of a set of learning curves (each under a key: its trial
 * number), gathered by step, each step's numbers kept sorted. A percentile at
 * a step is then a lookup (percentile-stop.ts), and a curve joins or leaves
 * with a binary search and an insertion per step of it, where gathering and
 * sorting every curve again would cost the whole set each time: the history
 * a pruner compares trial n with only grows with n (pruner-history.ts).
 *
 * What it holds depends on the set of curves alone, not on the order they
 * joined in: numbers ascend, and equal ones (0 and −0 compare equal) follow
 * their keys, the order a stable sort gives the values listed by key; so a
 * percentile comes out the same, to the last bit, as from that sort.
 *
 *   const v = StepValues.of([new Map([[1, 0.9], [2, 0.5]]), new Map([[1, 0.7], [2, NaN]])]);
 *   [...v.steps()] // step 1: count 2, sorted [0.7, 0.9]; step 2: count 2, sorted [0.5]
 */

/** The values at one step. */
export interface StepColumn {
  readonly step: number;
  /** How many curves have a value at the step, NaN included. */
  readonly count: number;
  /** Those values that are numbers (not NaN), ascending; equal ones in key order. */
  readonly sorted: readonly number[];
}

interface Column {
  step: number;
  count: number;
  sorted: number[];
  /** The key of each of `sorted`. */
  keys: number[];
}

export class StepValues {
  private readonly columns = new Map<number, Column>();
  /** The steps of `columns`, ascending. */
  private readonly order: number[] = [];
  /** The (step, value) pairs each key added: what leaves with it, whatever becomes of the curve it came from. */
  private readonly curves = new Map<number, (readonly [number, number])[]>();

  /** The curves under keys 0, 1, … in the order given. */
  static of(curves: readonly ReadonlyMap<number, number>[]): StepValues {
    const values = new StepValues();
    curves.forEach((curve, key) => values.set(key, curve));
    return values;
  }

  /** How many curves it holds. */
  get size(): number {
    return this.curves.size;
  }

  keys(): IterableIterator<number> {
    return this.curves.keys();
  }

  /** Whether `key` holds a curve of exactly these values (NaN equal to NaN, −0 not equal to 0). */
  holds(key: number, curve: ReadonlyMap<number, number>): boolean {
    const held = this.curves.get(key);
    return held !== undefined && held.length === curve.size && held.every(([step, value]) => Object.is(curve.get(step), value));
  }

  /** Holds `curve` (step → value) under `key`, in place of what the key held before. */
  set(key: number, curve: ReadonlyMap<number, number>): void {
    this.delete(key);
    const pairs = [...curve];
    for (const [step, value] of pairs) {
      const column = this.column(step);
      column.count++;
      if (Number.isNaN(value)) continue;
      const i = position(column, value, key);
      column.sorted.splice(i, 0, value);
      column.keys.splice(i, 0, key);
    }
    this.curves.set(key, pairs);
  }

  /** Lets go of the curve under `key`; false when it held none. */
  delete(key: number): boolean {
    const pairs = this.curves.get(key);
    if (!pairs) return false;
    for (const [step, value] of pairs) {
      const column = this.columns.get(step)!;
      if (--column.count === 0) {
        this.columns.delete(step);
        this.order.splice(lowerBound(this.order, step), 1);
        continue;
      }
      if (Number.isNaN(value)) continue;
      const i = position(column, value, key);
      column.sorted.splice(i, 1);
      column.keys.splice(i, 1);
    }
    this.curves.delete(key);
    return true;
  }

  /** Every step at or past `from` that some curve has a value at, ascending. The arrays are its own: read them, do not keep them. */
  *steps(from = -Infinity): IterableIterator<StepColumn> {
    for (let i = lowerBound(this.order, from); i < this.order.length; i++) yield this.columns.get(this.order[i]!)!;
  }

  private column(step: number): Column {
    let column = this.columns.get(step);
    if (!column) {
      column = { step, count: 0, sorted: [], keys: [] };
      this.columns.set(step, column);
      this.order.splice(lowerBound(this.order, step), 0, step);
    }
    return column;
  }
}

/** The first index of ascending `list` whose entry is not below `x`. */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where (value, key) goes in `column`, or is: past every lower number, and every equal one of a lower key. */
function position(column: Column, value: number, key: number): number {
  const { sorted, keys } = column;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < value || (v === value && keys[mid]! < key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
