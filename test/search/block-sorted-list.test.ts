import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { BlockSortedList } from '../../src/search/block-sorted-list.js';

interface Item {
  key: number;
  id: number;
}
const before = (a: Item, b: Item) => a.key < b.key;

/** The list's items in order, read through first/rankOf/size only (as RungRankings reads it) plus a removal walk. */
function contents(list: BlockSortedList<Item>, reference: Item[]): void {
  expect(list.size).toBe(reference.length);
  expect(list.first()).toBe(reference[0]);
  for (const probe of [-1, 0, 17, 50, 99, 100]) {
    expect(list.rankOf({ key: probe, id: -1 })).toBe(reference.filter((x) => x.key < probe).length);
  }
}

describe('BlockSortedList', () => {
  it('stays in step with a sorted array through thousands of inserts and removals (duplicate keys, blocks split and emptied)', () => {
    const rng = new Rng(3);
    const list = new BlockSortedList<Item>(before);
    const reference: Item[] = [];
    let id = 0;
    for (let step = 0; step < 6000; step++) {
      // Grow to a few thousand items, then shrink to none, so blocks split and empty.
      const grow = step < 4000 ? rng.next() < 0.8 : rng.next() < 0.2;
      if (grow || reference.length === 0) {
        const item = { key: rng.int(100), id: id++ };
        list.insert(item);
        // After the items equal to it, as the list puts it.
        let at = 0;
        while (at < reference.length && reference[at]!.key <= item.key) at++;
        reference.splice(at, 0, item);
      } else {
        const victim = reference.splice(rng.int(reference.length), 1)[0]!;
        expect(list.remove(victim, (x) => x === victim)).toBe(true);
        expect(list.remove(victim, (x) => x === victim)).toBe(false);
      }
      if (step % 50 === 0) contents(list, reference);
    }
    contents(list, reference);
    // An item's rank counts the items strictly before it: those of smaller keys.
    for (const x of reference) expect(list.rankOf(x)).toBe(reference.findIndex((y) => y.key === x.key));
  });

  it('takes a whole unsorted list at once, and finds items across block boundaries', () => {
    const list = new BlockSortedList<Item>(before);
    const items = Array.from({ length: 1000 }, (_, i) => ({ key: (i * 7919) % 10, id: i }));
    list.reset([...items], (a, b) => a.key - b.key);
    expect(list.size).toBe(1000);
    expect(list.first()!.key).toBe(0);
    for (let k = 0; k <= 10; k++) expect(list.rankOf({ key: k, id: -1 })).toBe(items.filter((x) => x.key < k).length);
    // 100 items of key 5 run over two blocks of 256: each can be found and removed.
    for (const x of items.filter((y) => y.key === 5)) expect(list.remove(x, (y) => y === x)).toBe(true);
    expect(list.size).toBe(900);
    expect(list.rankOf({ key: 6, id: -1 })).toBe(items.filter((x) => x.key < 5).length);
  });
});
