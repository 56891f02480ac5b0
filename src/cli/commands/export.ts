/** `rungs export <study>`: one row per trial, params flattened into columns, as CSV, JSON or JSON lines. */
import fs from 'node:fs';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { UsageError } from '../../errors.js';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { studyNameArg } from '../study-name-arg.js';
import { trialRecords } from '../render-trials.js';
import { stringifyJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';

interface ExportArgs {
  study: string;
  db: string;
  format: 'csv' | 'json' | 'jsonl';
  out?: string;
}

export const exportCommand = {
  command: 'export <study>',
  describe: 'export every trial of a study (params, state, value, metrics, timings)',
  builder: (y: Argv) =>
    y
      .positional('study', { type: 'string', demandOption: true })
      .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
      .option('format', { choices: ['csv', 'json', 'jsonl'] as const, default: 'csv' as const })
      .option('out', { type: 'string', describe: 'write to this file instead of standard output' })
      .example('$0 export quickstart --format csv --out quickstart.csv', 'a spreadsheet of the study'),
  handler: async (argv: ArgumentsCamelCase<ExportArgs>) => {
    const name = studyNameArg(argv.study);
    const store = openStudyStore(argv.db);
    try {
      // One query joining trials, params and metrics: exports of large studies stay fast.
      const records = trialRecords(await store.storage.exportTrials((await store.study(name)).id));
      const text =
        argv.format === 'csv'
          ? toCsv(records)
          : argv.format === 'json'
            ? `${stringifyJson(records, 2)}\n`
            : records.map((r) => `${stringifyJson(r)}\n`).join('');
      if (argv.out) {
        try {
          fs.writeFileSync(argv.out, text);
        } catch (e) {
          throw new UsageError(`cannot write ${argv.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        process.stderr.write(`wrote ${records.length} trials to ${argv.out}\n`);
      } else process.stdout.write(text);
    } finally {
      await store.close();
    }
  },
};
