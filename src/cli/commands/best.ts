/** `rungs best <study>`: the top configurations, best first. */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { StudyNotFoundError, UsageError } from '../../errors.js';
import { defaultDbPath, openStore } from '../open-store.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { renderTrials, trialRecords } from '../render-trials.js';
import { stringifyJson, trialJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';

interface BestArgs {
  study: string;
  db: string;
  top: number;
  format: OutputFormat;
  json: boolean;
}

export const bestCommand = {
  command: 'best <study>',
  describe: 'show the best trials of a study, best first',
  builder: (y: Argv) =>
    withFormat(
      y
        .positional('study', { type: 'string', demandOption: true })
        .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
        .option('top', { type: 'number', default: 5, describe: 'how many' })
        .example('$0 best quickstart --top 3', 'the three best configurations')
        .example('$0 best quickstart --json', 'as a JSON array (number, params, value, metrics, …)'),
    ),
  handler: async (argv: ArgumentsCamelCase<BestArgs>) => {
    if (!Number.isInteger(argv.top) || argv.top < 1) throw new UsageError(`--top must be an integer ≥ 1 (got ${argv.top})`);
    const storage = openStore(argv.db, { create: false });
    try {
      const study = await storage.getStudy(argv.study);
      if (!study) throw new StudyNotFoundError(argv.study, (await storage.listStudies()).map((s) => s.name));
      const best = await storage.best(study.id, argv.top);
      const format = formatOf(argv);
      if (format === 'json') process.stdout.write(`${stringifyJson(best.map(trialJson), 2)}\n`);
      else if (format === 'csv') process.stdout.write(toCsv(trialRecords(best)));
      else process.stdout.write(`${best.length ? renderTrials(best, study.metric, true) : `study "${study.name}" has no trial with a value yet`}\n`);
    } finally {
      await storage.close();
    }
  },
};
