/** `rungs studies`: the studies in a database with counts by state and best value. */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { defaultDbPath, openStore } from '../open-store.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { fmtNum, renderTable } from '../render-table.js';
import { stringifyJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';

interface StudiesArgs {
  db: string;
  format?: OutputFormat;
  json?: boolean;
}

export const studiesCommand = {
  command: 'studies',
  describe: 'list the studies in a database',
  builder: (y: Argv) =>
    withFormat(y.option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' }).example('$0 studies --db /tmp/q.db', 'what that database holds')),
  handler: async (argv: ArgumentsCamelCase<StudiesArgs>) => {
    const storage = openStore(argv.db, { create: false });
    try {
      const studies = await storage.listStudies();
      const records = studies.map((s) => ({
        name: s.name,
        direction: s.direction,
        metric: s.metric,
        trials: Object.values(s.counts).reduce((a, b) => a + b, 0),
        ...s.counts,
        best: s.bestValue,
        created: new Date(s.createdAt).toISOString(),
        updated: new Date(s.updatedAt).toISOString(),
      }));
      const format = formatOf(argv);
      if (format === 'json') process.stdout.write(`${stringifyJson(records, 2)}\n`);
      else if (format === 'csv') process.stdout.write(toCsv(records));
      else if (!records.length) process.stdout.write('no studies\n');
      else {
        process.stdout.write(
          `${renderTable(
            [{ header: 'name' }, { header: 'metric' }, { header: 'dir' }, { header: 'trials', align: 'right' }, { header: 'done', align: 'right' }, { header: 'failed', align: 'right' }, { header: 'best', align: 'right' }, { header: 'updated' }],
            records.map((r) => [r.name, r.metric, r.direction === 'minimize' ? 'min' : 'max', String(r.trials), String(r.complete + r.pruned), String(r.failed), fmtNum(r.best), r.updated.slice(0, 16).replace('T', ' ')]),
          )}\n`,
        );
      }
    } finally {
      await storage.close();
    }
  },
};
