/** `rungs importance <study>`: which params mattered for the study's metric (StudyStore.importance). */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { renderTable } from '../render-table.js';
import { numericFlag, parseNumericFlag } from '../numeric-flag.js';
import { studyNameArg } from '../study-name-arg.js';
import { stringifyJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';
import { PBT_PARAMS_NOTE } from '../../stats/pbt-params-note.js';
import type { NormalizedStudy } from '../../study/study-spec.js';

interface ImportanceArgs {
  study: string;
  objective?: string;
  step?: string;
  db: string;
  format?: OutputFormat;
  json?: boolean;
}

const BAR = 20;

export const importanceCommand = {
  command: 'importance <study>',
  describe: 'which params mattered for the metric (a first-order variance decomposition)',
  builder: (y: Argv) =>
    withFormat(
      y
        .positional('study', { type: 'string', demandOption: true })
        .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
        .option('objective', { type: 'string', requiresArg: true, describe: 'with several objectives: the metric to explain (default the first)' })
        .option('step', numericFlag('the step (epoch) to take every trial\'s value at (default: the one most trials reached; a halving study\'s higher rungs have fewer)'))
        .example('$0 importance quickstart', 'each param\'s share of what explains val_loss, largest first')
        .example('$0 importance quickstart --json', 'as JSON: step, trials, importance [{ param, importance }]')
        .example('$0 importance quickstart --step 9', 'what explains val_loss at 9 epochs, over the trials that got there'),
    ),
  handler: async (argv: ArgumentsCamelCase<ImportanceArgs>) => {
    const name = studyNameArg(argv.study);
    const format = formatOf(argv);
    const asked = parseNumericFlag('step', argv.step, { min: 1 });
    const store = openStudyStore(argv.db);
    try {
      const study = await store.study(name);
      const metric = argv.objective ?? study.metric;
      const { step, trials, importance } = await store.importance(name, { ...(argv.objective !== undefined ? { objective: argv.objective } : {}), ...(asked !== undefined ? { step: asked } : {}) });
      // A PBT trial is no fixed configuration: the numbers stay, with a word on how to read them.
      const pbt = (study.definition as NormalizedStudy).strategy.type === 'pbt';
      if (format === 'json') process.stdout.write(`${stringifyJson({ study: name, metric, step: step ?? null, trials, importance, ...(pbt ? { note: PBT_PARAMS_NOTE } : {}) }, 2)}\n`);
      else if (format === 'csv') process.stdout.write(toCsv(importance.map((p) => ({ param: p.param, importance: p.importance }))));
      else if (step === undefined) {
        // No value to explain: a table of zeros would read as a finding.
        process.stdout.write(`study "${name}": no trial has a ${metric} yet, so there is no importance to show\n`);
      } else {
        const other = argv.objective !== undefined && argv.objective !== study.metric;
        const where = other
          ? `from the final values of ${trials} complete trial${trials === 1 ? '' : 's'}`
          : `from ${trials} trial${trials === 1 ? '' : 's'} at step ${step}${asked !== undefined ? '' : ', the one most trials reached'}`;
        const none = importance.every((p) => p.importance === 0) ? '\nno param explains more of it than noise would (too few trials, or a flat metric)' : '';
        const rows = importance.map((p) => [p.param, p.importance.toFixed(3), '█'.repeat(Math.round(p.importance * BAR))]);
        process.stdout.write(
          `study "${name}": importance of each param for ${metric}, ${where}${none}\n` +
            `${renderTable([{ header: 'param' }, { header: 'importance', align: 'right' }, { header: '' }], rows)}\n` +
            'a first-order variance decomposition (main effects only): read it as a ranking, not as exact shares\n' +
            (pbt ? `note: ${PBT_PARAMS_NOTE} (rungs show prints the best trial's lineage)\n` : ''),
        );
      }
    } finally {
      await store.close();
    }
  },
};
