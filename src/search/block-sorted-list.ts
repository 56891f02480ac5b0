/**
 * A sorted list kept as consecutive sorted blocks of at most 2·BLOCK items
 * (as Python's sortedcontainers.SortedList is): inserting or removing moves
 * at most one block's items instead of the whole list's, and an item's rank
 * sums the sizes of the blocks before it. RungRankings keeps a rung's
 * ranking in one: with one sorted array, every insertion into a rung of
 * 20,000 trials moved 20,000 pointers.
 */
import { firstIndex } from './first-index.js';

const BLOCK = 256;

export class BlockSortedList<T> {
  private blocks: T[][] = [];
  private count = 0;

  /** `before(a, b)`: a sorts strictly before b (a strict weak order). */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.count;
  }

  /** The first item, or undefined when empty. */
  first(): T | undefined {
    return this.blocks[0]?.[0];
  }

  /** Items that sort strictly before `item`. */
  rankOf(item: T): number {
    const b = this.blockFor(item);
    let rank = 0;
    for (let i = 0; i < b; i++) rank += this.blocks[i]!.length;
    const block = this.blocks[b];
    return block ? rank + lowerBound(block, item, this.before) : rank;
  }

  /** Inserts `item` after the items equal to it. */
  insert(item: T): void {
    this.count++;
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
      return;
    }
    // The first block whose last item sorts after `item`, or the last block.
    let b = this.blockAfter(item);
    if (b === this.blocks.length) b--;
    const block = this.blocks[b]!;
    block.splice(upperBound(block, item, this.before), 0, item);
    if (block.length > 2 * BLOCK) this.blocks.splice(b + 1, 0, block.splice(BLOCK));
  }

  /** Removes the item equal to `item` that `same` accepts; false when there is none. */
  remove(item: T, same: (x: T) => boolean): boolean {
    const start = this.blockFor(item);
    for (let b = start; b < this.blocks.length; b++) {
      const block = this.blocks[b]!;
      // Items equal to `item` may run on into the next blocks.
      for (let i = b === start ? lowerBound(block, item, this.before) : 0; i < block.length; i++) {
        const x = block[i]!;
        if (this.before(item, x)) return false;
        if (same(x)) {
          block.splice(i, 1);
          if (block.length === 0) this.blocks.splice(b, 1);
          this.count--;
          return true;
        }
      }
    }
    return false;
  }

  /** Replaces the contents with `items`, sorted by `compare` (consistent with `before`). */
  reset(items: T[], compare: (a: T, b: T) => number): void {
    items.sort(compare);
    this.blocks = [];
    for (let i = 0; i < items.length; i += BLOCK) this.blocks.push(items.slice(i, i + BLOCK));
    this.count = items.length;
  }

  /** The first block whose last item does not sort before `item` (blocks.length when none). */
  private blockFor(item: T): number {
    return firstIndex(this.blocks.length, (b) => !this.before(this.blocks[b]!.at(-1)!, item));
  }

  /** The first block whose last item sorts after `item` (blocks.length when none). */
  private blockAfter(item: T): number {
    return firstIndex(this.blocks.length, (b) => this.before(item, this.blocks[b]!.at(-1)!));
  }
}

/** The first index whose item does not sort before `item`. */
function lowerBound<T>(list: readonly T[], item: T, before: (a: T, b: T) => boolean): number {
  return firstIndex(list.length, (i) => !before(list[i]!, item));
}

/** The first index whose item sorts after `item`. */
function upperBound<T>(list: readonly T[], item: T, before: (a: T, b: T) => boolean): number {
  return firstIndex(list.length, (i) => before(item, list[i]!));
}
