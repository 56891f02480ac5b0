/** Most axes drawn; beyond this the params with the highest importance are kept. */
export const MAX_PARALLEL_AXES = 12;

/**
 * The params that get an axis: all of them up to MAX_PARALLEL_AXES, else the
 * most important ones (by `importance`, then in order of appearance).
 */
export function parallelParams(names: readonly string[], importance: ReadonlyArray<{ param: string; importance: number }>): string[] {
  if (names.length <= MAX_PARALLEL_AXES) return [...names];
  const weight = new Map(importance.map((r) => [r.param, Number.isFinite(r.importance) ? r.importance : -Infinity]));
  const order = names.map((name, i) => ({ name, i, w: weight.get(name) ?? -Infinity }));
  const keep = new Set(
    [...order]
      .sort((a, b) => b.w - a.w || a.i - b.i)
      .slice(0, MAX_PARALLEL_AXES)
      .map((o) => o.name),
  );
  return names.filter((n) => keep.has(n));
}
