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

/** The width tables fit: the terminal's when it is wider than 80 columns, else 80 (a pipe, a file, a narrow terminal). */
export function terminalWidth(): number {
  const columns = process.stdout.columns;
  return columns && columns > 80 ? columns : 80;
}

export function renderTable(columns: Column[], rows: string[][], maxWidth = terminalWidth()): string {
  let shown = columns.map((_, i) => i);
  const natural = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  let widths = natural.slice();
  const total = () => shown.reduce((a, i) => a + widths[i]!, 0) + 2 * (shown.length - 1);
  for (;;) {
    while (total() > maxWidth) {
      let wi = -1;
      for (const i of shown) if (columns[i]!.keep !== true && (wi < 0 || widths[i]! > widths[wi]!)) wi = i;
      if (wi < 0 || widths[wi]! <= MIN_WIDTH) break;
      widths[wi]!--;
    }
    if (total() <= maxWidth) break;
    // Still too wide at the narrowest: leave out the last column that is not kept, and try again from full widths.
    const droppable = shown.filter((i) => columns[i]!.keep !== true);
    const last = droppable[droppable.length - 1];
    if (last === undefined) break;
    shown = shown.filter((i) => i !== last);
    widths = natural.slice();
  }
  const pad = (t: string, i: number) => (columns[i]!.align === 'right' ? t.padStart(widths[i]!) : t.padEnd(widths[i]!));
  const cell = (s: string, i: number) => pad(fitCell(s, widths[i]!), i);
  // Headers cut at the end may read alike (hiddenLayers, hiddenUnits: "hidde…" twice): then they keep their ends too.
  let headers = shown.map((i) => fitCell(columns[i]!.header, widths[i]!));
  if (new Set(headers).size < headers.length) headers = shown.map((i) => fitMiddle(columns[i]!.header, widths[i]!));
  const lines = [shown.map((i, k) => pad(headers[k]!, i)).join('  '), shown.map((i) => '─'.repeat(widths[i]!)).join('  ')];
  for (const r of rows) lines.push(shown.map((i) => cell(r[i] ?? '', i)).join('  ').trimEnd());
  const hidden = columns.filter((_, i) => !shown.includes(i)).map((c) => c.header);
  if (hidden.length > 0) lines.push(`(${hidden.length} more column${hidden.length === 1 ? '' : 's'} to fit ${maxWidth}: ${hidden.join(', ')}; --format csv or --json shows every column)`);
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** The narrowest a shortened column gets. */
const MIN_WIDTH = 6;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * `s` in `w` characters: as it is when it fits; a number with fewer
 * significant digits (1.4e-4 rather than a cut "1.40e…", which would read as
 * another value); anything else cut with an ellipsis.
 */
export function fitCell(s: string, w: number): string {
  if (s.length <= w) return s;
  if (NUMBER.test(s)) {
    const v = Number(s);
    for (let p = 12; p >= 1; p--) {
      for (const t of [String(Number(v.toPrecision(p))), v.toExponential(p - 1).replace('e+', 'e')]) if (t.length <= w) return t;
    }
  }
  return `${s.slice(0, w - 1)}…`;
}

/** `s` in `w` characters, cut in the middle when it does not fit: its start and its end stay. */
export function fitMiddle(s: string, w: number): string {
  if (s.length <= w) return s;
  const tail = Math.floor((w - 1) / 2);
  return `${s.slice(0, w - 1 - tail)}…${s.slice(s.length - tail)}`;
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
