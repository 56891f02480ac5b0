/** `rungs best <study>`: the top configurations, best first. */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { numericFlag, parseNumericFlag } from '../numeric-flag.js';
import { studyNameArg } from '../study-name-arg.js';
import { prefixed, renderTrials, trialRecords } from '../render-trials.js';
import { stringifyJson, trialJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';
import { rankConfigs } from '../../stats/rank-configs.js';
import { renderRanking } from '../render-ranking.js';
import { studyObjectives, type NormalizedStudy } from '../../study/study-spec.js';
import { METRICS_OPTION, metricsFlagColumns } from '../metrics-flag.js';
import { objectivesLabel } from '../objectives-label.js';
import { lineage } from '../../stats/lineage.js';
import { configGroupBy } from '../../study/config-group-by.js';
import { meanMetricsOf } from '../../stats/mean-metrics.js';
import { heldOutLine } from '../render-best.js';


interface BestArgs {
  study: string;
  db: string;
  top: string | number;
  format?: OutputFormat;
  json?: boolean;
  metrics?: string[];
}

export const bestCommand = {
  command: 'best <study>',
  describe: 'show the best trials of a study, best first (with several objectives, its Pareto front)',
  builder: (y: Argv) =>
    withFormat(
      y
        .positional('study', { type: 'string', demandOption: true })
        .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
        .option('top', numericFlag('how many (default 5; with several objectives, the whole Pareto front)'))
        .option('metrics', METRICS_OPTION)
        .example('$0 best quickstart --top 3', 'the three best configurations')
        .example('$0 best quickstart --metrics val_accuracy', 'with a column of validation accuracy')
        .example('$0 best quickstart --json', 'as a JSON array (number, params, value, metrics, …)'),
    ),
  handler: async (argv: ArgumentsCamelCase<BestArgs>) => {
    const topGiven = parseNumericFlag('top', argv.top, { min: 1 });
    const top = topGiven ?? 5;
    const name = studyNameArg(argv.study);
    const format = formatOf(argv);
    const store = openStudyStore(argv.db);
    const { storage } = store;
    try {
      const study = await store.study(name);
      const def = study.definition as NormalizedStudy;
      const own = studyObjectives(def).map((o) => o.metric);
      const extra = await metricsFlagColumns(argv.metrics, format, study, own, storage);
      if (def.objectives) {
        // Several objectives: no single best, but the trials no other beats on all of them, by the first objective.
        const front = (await store.paretoFront(name)).slice(0, topGiven ?? Infinity);
        const metrics = def.objectives.map((o) => o.metric);
        if (format === 'json') process.stdout.write(`${stringifyJson(front.map((t) => trialJson(t, def.objectives)), 2)}\n`);
        else if (format === 'csv') process.stdout.write(toCsv(trialRecords(front)));
        else process.stdout.write(`${front.length ? `Pareto front (${objectivesLabel(def.objectives)}):\n${renderTrials(front, [...metrics, ...extra], false)}` : `study "${study.name}" has no complete trial yet`}\n`);
        return;
      }
      const repeats = def.repeats ?? 1;
      const pbt = def.strategy.type === 'pbt';
      // A PBT trial's params are those of its last segment only: its lineage is the schedule that trained it.
      const all = repeats > 1 || (pbt && format === 'json') ? await storage.getTrials(study.id) : [];
      const withLineage = (n: number) => (pbt ? { lineage: lineage(all, n) } : {});
      if (repeats > 1) {
        // Each configuration ran with several seeds: rank configurations by their mean, with intervals and ties
        // (as show does: a PBT member and its repeats, never two members that happen to share params).
        const trials = all;
        const ranking = rankConfigs(trials, study.direction, { groupBy: configGroupBy(def) }).slice(0, top);
        const records = ranking.map((c) => ({
          rank: c.rank,
          number: c.trials[0],
          params: c.params,
          value: c.mean,
          metrics: meanMetricsOf(c.trials, trials),
          budget: c.budget,
          n: c.n,
          mean: c.mean,
          std: c.std,
          ci95: c.ci95,
          pValue: c.pValue,
          tiedWithBest: c.tiedWithBest,
          trials: c.trials,
        }));
        // The repeats of a PBT configuration share its schedule of params (each copies its own donor repeat): its first trial's lineage says it.
        if (format === 'json') process.stdout.write(`${stringifyJson(records.map((r) => ({ ...r, ...withLineage(r.trials[0]!) })), 2)}\n`);
        else if (format === 'csv') process.stdout.write(toCsv(records.map(({ params, metrics, ci95, trials: ns, ...r }) => ({ ...r, ...prefixed('param_', params), ...prefixed('metric_', metrics), ci95_low: ci95?.[0] ?? null, ci95_high: ci95?.[1] ?? null, trials: ns.join(' ') }))));
        else {
          const held = records[0] ? heldOutLine(study.metric, `configuration of trials ${records[0].trials.join(', ')} (mean)`, records[0].metrics) : [];
          // Other metrics as their means over each configuration's trials, as its value is.
          const columns = extra.map((m) => ({ metric: m, values: records.map((r) => r.metrics[m] ?? null) }));
          process.stdout.write(`${ranking.length ? [renderRanking(ranking, study.metric, columns), ...held].join('\n') : `study "${study.name}" has no trial with a value yet`}\n`);
        }
        return;
      }
      const best = await storage.best(study.id, top);
      if (format === 'json') process.stdout.write(`${stringifyJson(best.map((t) => ({ ...trialJson(t), ...withLineage(t.number) })), 2)}\n`);
      else if (format === 'csv') process.stdout.write(toCsv(trialRecords(best, [], pbt)));
      else {
        // The held-out test set's score (task.test) of the best only, under the table: not a column to choose by.
        const held = best[0] ? heldOutLine(study.metric, `trial ${best[0].number}`, best[0].metrics) : [];
        process.stdout.write(`${best.length ? [renderTrials(best, [study.metric, ...extra], true), ...held].join('\n') : `study "${study.name}" has no trial with a value yet`}\n`);
      }
    } finally {
      await store.close();
    }
  },
};
