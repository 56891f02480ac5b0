/** `rungs curves <study>`: every trial's curve of every metric, one row per trial, metric and step (StudyStore.curves). */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { UsageError } from '../../errors.js';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { numericFlag, parseNumericFlag } from '../numeric-flag.js';
import { listFlagValues } from '../list-flag.js';
import { METRICS_OPTION } from '../metrics-flag.js';
import { fmtNum, renderTable } from '../render-table.js';
import { studyNameArg } from '../study-name-arg.js';
import { stringifyJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';
import { assertOneObjective, type NormalizedStudy } from '../../study/study-spec.js';

interface CurvesArgs {
  study: string;
  db: string;
  trials?: string[];
  top?: string;
  metrics?: string[];
  format?: OutputFormat;
  json?: boolean;
}

const COLUMNS = ['trial', 'metric', 'step', 'value'] as const;

export const curvesCommand = {
  command: 'curves <study>',
  describe: "the trials' curves: every metric at every step (the learning curve, train_loss, val_accuracy, …)",
  builder: (y: Argv) =>
    withFormat(
      y
        .positional('study', { type: 'string', demandOption: true })
        .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
        .option('trials', { type: 'array', string: true, requiresArg: true, describe: 'only these trials, by number (space- or comma-separated)' })
        .option('top', numericFlag('only the best K trials, as best ranks them'))
        .option('metrics', { ...METRICS_OPTION, describe: 'only these metrics (space- or comma-separated; default every one recorded)' })
        .example('$0 curves quickstart --trials 0 --metrics val_loss,train_loss', "trial 0's validation and training loss, epoch by epoch")
        .example('$0 curves quickstart --top 3 --format csv', 'the best three trials\' curves as CSV (trial,metric,step,value), for a data frame'),
    ),
  handler: async (argv: ArgumentsCamelCase<CurvesArgs>) => {
    const trials = argv.trials && listFlagValues('trials', argv.trials, 'trial numbers', '0 3').map((n) => parseNumericFlag('trials', n, { min: 0 })!);
    const top = parseNumericFlag('top', argv.top, { min: 1 });
    if (trials !== undefined && top !== undefined) throw new UsageError('--trials and --top conflict (--top picks the trials): give one of them');
    const metrics = argv.metrics && listFlagValues('metrics', argv.metrics, 'metric names', 'val_loss train_loss');
    const name = studyNameArg(argv.study);
    const format = formatOf(argv);
    const store = openStudyStore(argv.db);
    try {
      // The API's refusal names its own paretoFront(); here the command that lists the front says it.
      if (top !== undefined) assertOneObjective((await store.study(name)).definition as NormalizedStudy, name, `rungs best ${name}`);
      const points = await store.curves(name, { ...(trials ? { trials } : {}), ...(top !== undefined ? { top } : {}), ...(metrics ? { metrics } : {}) });
      if (format === 'json') process.stdout.write(`${stringifyJson(points, 2)}\n`);
      else if (format === 'csv') process.stdout.write(toCsv(points.map((p) => ({ ...p })), COLUMNS));
      else if (points.length === 0) process.stdout.write(`${trials || top !== undefined ? `the trials selected of study "${name}" have` : `study "${name}" has`} no curves yet\n`);
      else {
        const rows = points.map((p) => [String(p.trial), p.metric, String(p.step), fmtNum(p.value)]);
        process.stdout.write(`${renderTable(COLUMNS.map((header) => ({ header, align: header === 'metric' ? 'left' : 'right', keep: true })), rows)}\n`);
      }
    } finally {
      await store.close();
    }
  },
};
