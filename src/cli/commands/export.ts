/** `rungs export <study>`: one row per trial, params flattened into columns, as CSV, JSON or JSON lines. */
import { extname } from 'node:path';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { chosenFormat, JSON_FLAG } from '../output-format.js';
import { studyNameArg } from '../study-name-arg.js';
import { writeOutputFile } from '../write-output-file.js';
import { trialRecords } from '../render-trials.js';
import { stringifyJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';

interface ExportArgs {
  study: string;
  db: string;
  format?: 'csv' | 'json' | 'jsonl';
  json?: boolean;
  out?: string;
}

const EXTENSIONS = { '.csv': 'csv', '.json': 'json', '.jsonl': 'jsonl' } as const;

/** The format a file's extension names (case aside), if it names one of export's. */
function formatOfFile(file: string | undefined): 'csv' | 'json' | 'jsonl' | undefined {
  const ext = file === undefined ? '' : extname(file).toLowerCase();
  return ext in EXTENSIONS ? EXTENSIONS[ext as keyof typeof EXTENSIONS] : undefined;
}

export const exportCommand = {
  command: 'export <study>',
  describe: 'export every trial of a study (params, state, value, metrics, timings; for PBT, what each fork copied)',
  builder: (y: Argv) =>
    y
      .positional('study', { type: 'string', demandOption: true })
      .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
      // No yargs default, so that chosenFormat can tell `--format csv --json` (a conflict) from `--json`.
      .option('format', { choices: ['csv', 'json', 'jsonl'] as const, describe: "output format (default: --out's extension, .csv, .json or .jsonl, else csv)" })
      .option('json', JSON_FLAG)
      .option('out', { type: 'string', describe: 'write to this file instead of standard output' })
      .example('$0 export quickstart --out quickstart.csv', 'a spreadsheet of the study')
      .example('$0 export quickstart --out quickstart.jsonl', 'one JSON object per trial (the format from the extension)'),
  handler: async (argv: ArgumentsCamelCase<ExportArgs>) => {
    const name = studyNameArg(argv.study);
    // Without --format, the --out file's extension says which (m.json is JSON, as `rungs report --out` names its file).
    const format = chosenFormat(argv, formatOfFile(argv.out) ?? 'csv');
    const store = openStudyStore(argv.db);
    try {
      // One query joining trials, params and metrics: exports of large studies stay fast.
      const study = await store.study(name);
      const def = study.definition as { space?: Record<string, unknown>; strategy?: { type?: string } } | null;
      // A PBT study's forks: fork_of and fork_budget, appended so the columns of other exports stay where they were.
      const records = trialRecords(await store.storage.exportTrials(study.id), Object.keys(def?.space ?? {}), def?.strategy?.type === 'pbt');
      const text =
        format === 'csv'
          ? toCsv(records)
          : format === 'json'
            ? `${stringifyJson(records, 2)}\n`
            : records.map((r) => `${stringifyJson(r)}\n`).join('');
      if (argv.out !== undefined) {
        writeOutputFile(argv.out, text);
        process.stderr.write(`wrote ${records.length} trials to ${argv.out}\n`);
      } else process.stdout.write(text);
    } finally {
      await store.close();
    }
  },
};
