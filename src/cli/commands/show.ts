/** `rungs show <study>`: a study summary — counts, best, time, the rung table as it happened, top configurations. */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { numericFlag, parseNumericFlag } from '../numeric-flag.js';
import { studyNameArg } from '../study-name-arg.js';
import { fmtNum, renderTable } from '../render-table.js';
import { renderBest, renderFront } from '../render-best.js';
import { objectivesLabel } from '../objectives-label.js';
import { stringifyJson, trialJson } from '../trial-json.js';
import { fmtDuration } from '../run-reporter.js';
import { toCsv } from '../to-csv.js';
import { studySummary, type StudyReport } from '../../study/study-summary.js';
import { renderRanking } from '../render-ranking.js';
import { renderGenerations } from '../render-generations.js';
import { exhaustLine } from '../render-plan.js';
import { renderLineage } from '../render-lineage.js';
import type { PbtGeneration } from '../../search/pbt-history.js';

interface ShowArgs {
  study: string;
  db: string;
  top?: string | number;
  format?: OutputFormat;
  json?: boolean;
}

export const showCommand = {
  command: 'show <study>',
  describe: 'summarise a study: counts by state, best trial, rung table (PBT: generations and the best trial\'s lineage), top configurations, time spent',
  builder: (y: Argv) =>
    withFormat(
      y
        .positional('study', { type: 'string', demandOption: true })
        .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
        .option('top', numericFlag('configurations in the ranking (default 5; with several objectives, trials of the Pareto front shown, default 10)'))
        .example('$0 show quickstart', 'what happened in the quickstart study'),
    ),
  handler: async (argv: ArgumentsCamelCase<ShowArgs>) => {
    const topGiven = parseNumericFlag('top', argv.top, { min: 1 });
    const top = topGiven ?? 5;
    const name = studyNameArg(argv.study);
    const format = formatOf(argv);
    const store = openStudyStore(argv.db);
    try {
      const report = await studySummary(store, name, top);
      const front = report.paretoFront ? { paretoFront: report.paretoFront.map((t) => trialJson(t, report.objectives)) } : {};
      if (format === 'json') process.stdout.write(`${stringifyJson({ ...report, best: report.best ? trialJson(report.best) : null, ...front }, 2)}\n`);
      else if (format === 'csv' && report.generations) process.stdout.write(toCsv(report.generations.map(generationRecord)));
      else if (format === 'csv') process.stdout.write(toCsv((report.rungs ?? []).map((r) => ({ ...r, best: r.best?.value ?? null, best_trial: r.best?.number ?? null, promoted: r.promoted.map((p) => p.number).join(' ') }))));
      else process.stdout.write(`${renderShow(report, topGiven ?? 10)}\n`);
    } finally {
      await store.close();
    }
  },
};

/** A generation as a CSV row: who was replaced, by which fork, a copy of which member, as space-separated lists in slot order. */
function generationRecord(g: PbtGeneration): Record<string, unknown> {
  return {
    generation: g.generation,
    from: g.from,
    budget: g.budget,
    members: g.members.join(' '),
    reached: g.reached,
    failed: g.failed,
    best: g.best?.value ?? null,
    best_trial: g.best?.number ?? null,
    replaced: g.replaced.map((x) => x.number).join(' '),
    replaced_by: g.replaced.map((x) => x.by).join(' '),
    copy_of: g.replaced.map((x) => x.copyOf).join(' '),
  };
}

/** `frontRows`: how many trials of a multi-objective study's Pareto front are listed. */
function renderShow(r: StudyReport, frontRows: number): string {
  const c = r.counts;
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  const lines = [
    `study "${r.name}": ${r.strategyLabel}, ${r.objectives ? `objectives ${objectivesLabel(r.objectives)}` : `${r.direction} ${r.metric}`}, seed ${r.seed}${r.repeats > 1 ? `, ${r.repeats} repeats` : ''}`,
    `trials: ${total} (${c.complete} complete, ${c.pruned} pruned, ${c.failed} failed${c.running ? `, ${c.running} running` : ''}${c.queued ? `, ${c.queued} queued` : ''}); ${r.epochsTrained} epochs trained${r.maxEpochs !== undefined ? ` of a budget of ${r.maxEpochs} (maxEpochs)` : ''}`,
    // Between two runs of a study no trial is under way: that time is said apart, not counted as the study's.
    `time: ${fmtDuration(r.trialSeconds)} in trials, ${fmtDuration(r.activeSeconds)} with trials under way` +
      (r.wallSeconds > r.activeSeconds + 1 ? ` (${fmtDuration(r.wallSeconds)} from the first start to the last end)` : ''),
    // Why trials failed, the three most frequent reasons (`trials --state failed` lists each).
    ...r.failures.slice(0, 3).map((f) => `failed ×${f.trials}: ${f.error}${f.variants ? ` (and ${f.variants - 1} more like it, with other numbers)` : ''}`),
    ...(r.failures.length > 3 ? [`failed: ${r.failures.length - 3} other reason(s) (rungs trials --state failed)`] : []),
  ];
  if (r.objectives) lines.push(...renderFront(r.objectives, r.paretoFront ?? [], frontRows));
  else lines.push(...renderBest(r.metric, r.best, r.repeats > 1 ? r.ranking[0] : undefined, r.bestConfigMetrics));
  // Several objectives have no one best value to follow, nor one ranking: the front above is their best.
  if (r.history.length && !r.objectives) lines.push(`best so far: ${r.sparkline}  ${fmtNum(r.history[0])} → ${fmtNum(r.history.at(-1))}`);
  // Grid search's one rung says nothing the counts do not, unless a pruner stopped trials on the way.
  // Nor does the one rung of a study of several objectives (never pruned), whose "best" would be its first objective's.
  if (r.generations) {
    lines.push('', ...renderGenerations(r.generations, r.repeats));
    if (r.lineage) lines.push('', ...renderLineage(r.lineage, r.metric));
  } else if (r.rungs && !r.objectives && (r.rungs.length > 1 || r.strategy !== 'grid' || r.rungs.some((x) => x.stopped > 0))) {
    lines.push('', 'rungs:');
    lines.push(
      renderTable(
        [{ header: 'brk', align: 'right' }, { header: 'rung', align: 'right' }, { header: 'budget', align: 'right' }, { header: 'plan', align: 'right' }, { header: 'done', align: 'right' }, { header: 'best', align: 'right' }, { header: 'promoted (value here)' }],
        r.rungs.map((x) => [
          String(x.bracket),
          String(x.rung),
          String(x.budget),
          String(x.planned),
          String(x.reached) + (x.stopped ? ` +${x.stopped} stopped` : '') + (x.failed ? ` +${x.failed}✗` : ''),
          x.best ? `${fmtNum(x.best.value)} #${x.best.number}` : '',
          x.promoted.map((p) => `#${p.number} ${fmtNum(p.value)}`).join(', '),
        ]),
      ),
    );
    const exhausted = exhaustLine(r.exhausted);
    if (exhausted) lines.push(exhausted);
  }
  if (r.ranking.length && !r.objectives) lines.push('', 'top configurations:', renderRanking(r.ranking, r.metric));
  return lines.join('\n');
}
