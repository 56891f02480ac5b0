/** The ranked configurations as a table: mean, ± half-width of the 95% CI, n, and a tie mark. */
import type { ConfigStats } from '../stats/rank-configs.js';
import { fmtNum, fmtParam, renderTable, type Column } from './render-table.js';
import { paramNames } from '../search/param-names.js';

/** `more`: other metrics' columns (`values[i]` for ranking[i], a configuration's mean), after the budget. */
export function renderRanking(ranking: readonly ConfigStats[], metric: string, more: readonly { metric: string; values: readonly (number | null)[] }[] = []): string {
  const names = paramNames(ranking);
  const withCi = ranking.some((c) => c.n > 1);
  const columns: Column[] = [
    { header: 'rank', align: 'right', keep: true },
    { header: withCi ? `${metric} mean` : metric, align: 'right', keep: true },
    ...(withCi ? [{ header: '±95% CI', align: 'right' as const }, { header: 'n', align: 'right' as const }, { header: 'tied' }] : []),
    { header: 'budget', align: 'right' },
    ...more.map((m) => ({ header: withCi ? `${m.metric} mean` : m.metric, align: 'right' as const, keep: true })),
    ...names.map((n) => ({ header: n, align: 'right' as const })),
  ];
  const rows = ranking.map((c, i) => [
    String(c.rank),
    fmtNum(c.mean),
    ...(withCi ? [c.ci95 ? fmtNum((c.ci95[1] - c.ci95[0]) / 2) : '', String(c.n), c.tiedWithBest ? (c.pValue === null ? 'best' : `= p${fmtNum(c.pValue)}`) : ''] : []),
    String(c.budget),
    ...more.map((m) => fmtNum(m.values[i] ?? null)),
    ...names.map((n) => (c.params[n] === undefined ? '' : fmtParam(c.params[n]))),
  ]);
  return renderTable(columns, rows);
}
