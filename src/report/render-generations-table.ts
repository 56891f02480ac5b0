import type { PbtGeneration } from '../search/pbt-history.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';

/**
 * A PBT study's generations (search/pbt-history.ts) as an HTML table, in place of the rung table: a
 * generation promotes nobody, it trains its members to its boundary, then continues its survivors and
 * replaces its bottom members by forks of top ones. Per generation its epochs, members, how many
 * reached its end (and failed on the way), the best there and each member replaced after it, with
 * the fork that took its place and the member that fork copied (`#2 → #8 (copy of #4)`), one per
 * line: the table `rungs show` prints.
 */
export function renderGenerationsTable(generations: readonly PbtGeneration[]): string {
  if (generations.length === 0) return '<p class="note">No generations.</p>';
  const body = generations
    .map((g) => {
      const failed = g.failed > 0 ? ` <span class="note" title="failed on the way: replaced at the end">+${g.failed} failed</span>` : '';
      const best = g.best ? `${escapeHtml(formatNumber(g.best.value))} <span class="note">#${g.best.number}</span>` : '';
      const replaced = g.replaced.map((r) => `#${r.number} → #${r.by} <span class="note">(copy of #${r.copyOf})</span>`).join('<br>');
      return (
        `<tr><td class="num">${g.generation}</td><td class="num">${g.from}–${g.budget}</td><td class="num">${g.planned}</td>` +
        `<td class="num">${g.reached}${failed}</td><td class="num">${best}</td><td>${replaced === '' ? '<span class="note">none</span>' : replaced}</td></tr>`
      );
    })
    .join('\n');
  return (
    '<table class="data generations"><thead><tr><th class="num">generation</th><th class="num">epochs</th><th class="num">members</th><th class="num">reached</th><th class="num">best</th><th>replaced → by</th></tr></thead>\n' +
    `<tbody>\n${body}\n</tbody></table>`
  );
}

/** The caption over it; with repeats, members are configurations (as `rungs show` and `rungs plan` count them). */
export function generationsCaption(generations: readonly PbtGeneration[], repeats: number): string {
  const configurations =
    repeats > 1 ? ` Members are configurations (× ${repeats} repeats: ${(generations[0]?.planned ?? 0) * repeats} trials), each named by its first trial.` : '';
  return `After each generation the bottom members are replaced by copies of top ones (their weights, with some params changed) and the others continue: who was replaced, by which fork, copying whom.${configurations}`;
}
