/**
 * A PBT trial's lineage as `rungs show` prints it: one line per segment, the
 * epochs it covers, the trial whose params trained the weights then, its
 * value at the segment's end, and its params: all of them on the first line,
 * then only what each copy changed (the schedule Ray Tune's PBT replay reads).
 */
import type { LineageSegment } from '../stats/lineage.js';
import { paramChangesText } from './param-changes-text.js';
import { fmtNum, fmtParam } from './render-table.js';

export function renderLineage(segments: readonly LineageSegment[], metric: string): string[] {
  if (segments.length === 0) return [];
  const cells = segments.map((s, i) => [
    `epochs ${s.from}–${s.to}`,
    `trial ${s.number}`,
    `${metric} ${fmtNum(s.value)}`,
    i === 0
      ? Object.entries(s.params).map(([k, v]) => `${k}=${fmtParam(v)}`).join(' ')
      : s.changed.length > 0
        ? paramChangesText(segments[i - 1]!.params, s.params, s.changed)
        : 'params unchanged',
  ]);
  const widths = [0, 1, 2].map((c) => Math.max(...cells.map((row) => row[c]!.length)));
  const last = segments.at(-1)!;
  const heading =
    segments.length === 1
      ? `lineage of trial ${last.number}: never a copy, trained with one set of params throughout`
      : `lineage of trial ${last.number}: the trials whose params trained its weights, each a copy of the one above`;
  return [heading, ...cells.map((row) => row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ').trimEnd())];
}
