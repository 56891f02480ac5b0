/**
 * Plain-text tables that fit a terminal width (80 columns by default): when
 * too wide, the widest columns are shortened with an ellipsis, except those
 * marked `keep` (a trial's number, state, value: what a row is read by).
 */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Never shortened: the table grows past the width rather than cut it. */
  keep?: boolean;
}

export function renderTable(columns: Column[], rows: string[][], maxWidth = 80): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > maxWidth) {
    let wi = -1;
    for (let i = 0; i < widths.length; i++) if (columns[i]!.keep !== true && (wi < 0 || widths[i]! > widths[wi]!)) wi = i;
    if (wi < 0 || widths[wi]! <= 6) break;
    widths[wi]!--;
  }
  const cell = (s: string, i: number) => {
    const w = widths[i]!;
    const t = s.length > w ? `${s.slice(0, w - 1)}…` : s;
    return columns[i]!.align === 'right' ? t.padStart(w) : t.padEnd(w);
  };
  const lines = [columns.map((c, i) => cell(c.header, i)).join('  '), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const r of rows) lines.push(columns.map((_, i) => cell(r[i] ?? '', i)).join('  ').trimEnd());
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** Compact numbers for tables: 4 significant digits, exponent for very small/large. */
export function fmtNum(v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

export function fmtParam(v: unknown): string {
  return typeof v === 'number' ? fmtNum(v) : String(v);
}
