/** `rungs studies`: the studies in a database with counts by state and best value. */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { defaultDbPath, openStore } from '../open-store.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { fmtNum, renderTable } from '../render-table.js';
import { stringifyJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';
import type { Objective } from '../../search/strategy.js';
import { paretoFront } from '../../stats/pareto-front.js';
import type { NormalizedStudy } from '../../study/study-spec.js';

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
      // A multi-objective study has no one best value: its objectives are listed, and the size of its Pareto front (`rungs best` lists it) stands for its best.
      const objectivesOf = new Map<string, { objectives: Objective[]; front: number }>();
      for (const s of studies) {
        const row = await storage.getStudy(s.name);
        const objectives = (row?.definition as NormalizedStudy | undefined)?.objectives;
        if (row && objectives) objectivesOf.set(s.name, { objectives, front: paretoFront(await storage.getTrials(row.id, { states: ['complete'] }), objectives).length });
      }
      const records = studies.map((s) => ({
        name: s.name,
        direction: s.direction,
        metric: s.metric,
        ...(objectivesOf.has(s.name) ? { objectives: objectivesOf.get(s.name)!.objectives, paretoFront: objectivesOf.get(s.name)!.front } : {}),
        trials: Object.values(s.counts).reduce((a, b) => a + b, 0),
        ...s.counts,
        best: objectivesOf.has(s.name) ? null : s.bestValue,
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
            // The name is what a row is read by (quickstart-1, quickstart-2): never shortened.
            [{ header: 'name', keep: true }, { header: 'metric' }, { header: 'dir' }, { header: 'trials', align: 'right' }, { header: 'done', align: 'right' }, { header: 'failed', align: 'right' }, { header: 'best', align: 'right' }, { header: 'updated' }],
            records.map((r) => [
              r.name,
              r.objectives ? r.objectives.map((o) => o.metric).join(', ') : r.metric,
              (r.objectives ?? [r]).map((o) => (o.direction === 'minimize' ? 'min' : 'max')).join(', '),
              String(r.trials), String(r.complete + r.pruned), String(r.failed), r.paretoFront !== undefined ? `front ${r.paretoFront}` : fmtNum(r.best), r.updated.slice(0, 16).replace('T', ' ')]),
          )}\n`,
        );
      }
    } finally {
      await storage.close();
    }
  },
};
