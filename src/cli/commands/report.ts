/** `rungs report <study>`: one self-contained HTML file (charts inlined, works offline). */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { numericFlag, parseNumericFlag } from '../numeric-flag.js';
import { studyNameArg } from '../study-name-arg.js';
import { writeOutputFile } from '../write-output-file.js';
import { collectReportData } from '../../study/collect-report-data.js';
import { renderReport } from '../../report/render-report.js';

interface ReportArgs {
  study: string;
  db: string;
  out?: string;
  top: string | number;
}

export const reportCommand = {
  command: 'report <study>',
  describe: 'write an HTML report: history, learning curves, parallel coordinates, importance, slices, rungs (PBT: generations), top-k (with several objectives, the Pareto front as a chart and a table)',
  builder: (y: Argv) =>
    y
      .positional('study', { type: 'string', demandOption: true })
      .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
      .option('out', { type: 'string', describe: 'output file (default: <study>-report.html)' })
      .option('top', numericFlag('configurations in the top-k table', 10))
      .example('$0 report quickstart --out report.html', 'then open report.html in a browser (no network needed)'),
  handler: async (argv: ArgumentsCamelCase<ReportArgs>) => {
    const top = parseNumericFlag('top', argv.top, { min: 1 })!;
    const name = studyNameArg(argv.study);
    const store = openStudyStore(argv.db);
    try {
      const data = await collectReportData(store, name, top);
      const out = argv.out ?? `${data.study.name}-report.html`;
      writeOutputFile(out, renderReport(data, { top }));
      process.stdout.write(`wrote ${out} (${data.trials.length} trials)\n`);
    } finally {
      await store.close();
    }
  },
};
