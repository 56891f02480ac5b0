/** The ranked configurations as a table: mean, ± half-width of the 95% CI, n, and a tie mark. */
import type { ConfigStats } from '../stats/rank-configs.js';
import { fmtNum, fmtParam, renderTable, type Column } from './render-table.js';
import { paramNames } from '../search/param-names.js';

export function renderRanking(ranking: readonly ConfigStats[], metric: string): string {
  const names = paramNames(ranking);
  const withCi = ranking.some((c) => c.n > 1);
  const columns: Column[] = [
    { header: 'rank', align: 'right', keep: true },
    { header: withCi ? `${metric} mean` : metric, align: 'right', keep: true },
    ...(withCi ? [{ header: '±95% CI', align: 'right' as const }, { header: 'n', align: 'right' as const }, { header: 'tied' }] : []),
    { header: 'budget', align: 'right' },
    ...names.map((n) => ({ header: n, align: 'right' as const })),
  ];
  const rows = ranking.map((c) => [
    String(c.rank),
    fmtNum(c.mean),
    ...(withCi ? [c.ci95 ? fmtNum((c.ci95[1] - c.ci95[0]) / 2) : '', String(c.n), c.tiedWithBest ? (c.pValue === null ? 'best' : `= p${fmtNum(c.pValue)}`) : ''] : []),
    String(c.budget),
    ...names.map((n) => (c.params[n] === undefined ? '' : fmtParam(c.params[n]))),
  ]);
  return renderTable(columns, rows);
}
