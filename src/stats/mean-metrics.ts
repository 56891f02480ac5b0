/**
 * The mean of each metric over a configuration's trials (its repeats): a metric some trials lack is the
 * mean of those that have it.
 *
 * @example meanMetrics([{ a: 1 }, { a: 3, b: 2 }]) // { a: 2, b: 2 }
 */
export function meanMetrics(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const sums: Record<string, { s: number; n: number }> = {};
  for (const m of all) {
    for (const [k, v] of Object.entries(m)) {
      const acc = (sums[k] ??= { s: 0, n: 0 });
      acc.s += v;
      acc.n++;
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([k, { s, n }]) => [k, s / n]));
}

/** meanMetrics of the trials numbered `numbers` among `trials` (a configuration's repeats: ConfigStats.trials). */
export function meanMetricsOf(numbers: readonly number[], trials: readonly { number: number; metrics: Readonly<Record<string, number>> }[]): Record<string, number> {
  return meanMetrics(trials.filter((t) => numbers.includes(t.number)).map((t) => t.metrics));
}
