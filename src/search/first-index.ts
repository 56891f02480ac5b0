/**
 * Binary search on a predicate: the first i in 0..n−1 where `holds` is true (n when none), for a
 * predicate that is false and then true (lower and upper bounds, the block or bracket an item is in).
 */
export function firstIndex(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
