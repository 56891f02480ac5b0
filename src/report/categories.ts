/**
 * The distinct values of a categorical axis as labels, in a stable order:
 * numbers ascending first, then everything else by its label.
 *
 * @example categories(['sgd', 'adam', 'sgd']) // ['adam', 'sgd']
 * @example categories([64, 'auto', 8])       // ['8', '64', 'auto']
 */
export function categories(values: readonly unknown[]): string[] {
  const numbers = new Set<number>();
  const others = new Set<string>();
  for (const v of values) {
    if (v === undefined) continue;
    if (typeof v === 'number') numbers.add(v);
    else others.add(categoryLabel(v));
  }
  const numberLabels = [...numbers].sort((a, b) => a - b).map((n) => categoryLabel(n));
  return [...new Set([...numberLabels, ...[...others].sort()])];
}

/** The label of one categorical value (what `categories` returns for it). */
export function categoryLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}
