const GROUPS = ['param_', 'metric_', 'attr_'];

/**
 * RFC 4180 CSV from records; columns in first-seen order (after `header`), except that a
 * `param_` or `metric_` column first seen in a later record (a conditional
 * param) joins its group instead of trailing after the last column.
 */
export function toCsv(records: Record<string, unknown>[], header: readonly string[] = []): string {
  // `header`: the first columns, there even without records (an empty listing is then a header line, not a blank one).
  const cols: string[] = [...header];
  const seen = new Set<string>(header);
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      const group = GROUPS.find((g) => k.startsWith(g));
      const members = group === undefined ? [] : cols.flatMap((c, i) => (c.startsWith(group) ? [i] : []));
      if (members.length === 0) cols.push(k);
      else {
        // Before the first member that sorts after it, else after the group (params and metrics come sorted).
        const after = members.find((i) => cols[i]! > k);
        cols.splice(after ?? members.at(-1)! + 1, 0, k);
      }
    }
  }
  const esc = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...records.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n') + '\n';
}
