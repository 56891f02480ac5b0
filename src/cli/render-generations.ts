/**
 * A PBT study's generations as `rungs show` prints them in place of the rung
 * table: a generation does not promote, it continues its survivors and
 * replaces its bottom members by copies of top ones, one line per
 * replacement (`#2 → #8 (copy of #4)`: member 2 gave its place to trial 8, a
 * copy of member 4), so none is cut to fit the width.
 */
import type { PbtGeneration } from '../search/pbt-history.js';
import { fmtNum, renderTable } from './render-table.js';

/** `repeats` > 1: members are configurations, each named by its first trial. */
export function renderGenerations(generations: readonly PbtGeneration[], repeats = 1): string[] {
  const rows: string[][] = [];
  for (const g of generations) {
    const replaced = g.replaced.map((r) => `#${r.number} → #${r.by} (copy of #${r.copyOf})`);
    rows.push([
      String(g.generation),
      `${g.from}–${g.budget}`,
      String(g.planned),
      String(g.reached) + (g.failed ? ` +${g.failed}✗` : ''),
      g.best ? `${fmtNum(g.best.value)} #${g.best.number}` : '',
      replaced[0] ?? '',
    ]);
    for (const more of replaced.slice(1)) rows.push(['', '', '', '', '', more]);
  }
  return [
    'generations (after each, the bottom members are replaced by copies of top ones, the others continue):',
    renderTable(
      [{ header: 'gen', align: 'right' }, { header: 'epochs', align: 'right' }, { header: 'members', align: 'right' }, { header: 'done', align: 'right' }, { header: 'best', align: 'right' }, { header: 'replaced → by' }],
      rows,
    ),
    ...(repeats > 1 ? [`${configurationsNote(generations[0]?.planned ?? 0, repeats)}, each named by its first trial`] : []),
  ];
}

/** With repeats, what PBT's members (and the counts of those replaced) are, as `plan` and `show` both count them. */
export function configurationsNote(members: number, repeats: number): string {
  return `members and those replaced are configurations (× ${repeats} repeats: ${members * repeats} trials)`;
}
