/** `rungs trials <study>`: every trial, filterable by state, sortable. */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { TrialRow } from '../../storage/storage.js';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { numericFlag, parseNumericFlag } from '../numeric-flag.js';
import { studyNameArg } from '../study-name-arg.js';
import { renderTrials, trialRecords } from '../render-trials.js';
import { stringifyJson, trialJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';
import { studyObjectives, type NormalizedStudy } from '../../study/study-spec.js';
import { STATE_FILTERS, matchesStates, storedStates, type StateFilter } from '../state-filter.js';
import { METRICS_OPTION, metricsFlagColumns } from '../metrics-flag.js';

const SORTS = ['number', 'value', 'budget', 'duration'] as const;

interface TrialsArgs {
  study: string;
  db: string;
  state?: StateFilter[];
  sort: (typeof SORTS)[number];
  limit?: string;
  format?: OutputFormat;
  json?: boolean;
  metrics?: string[];
}

export const trialsCommand = {
  command: 'trials <study>',
  describe: 'list the trials of a study',
  builder: (y: Argv) =>
    withFormat(
      y
        .positional('study', { type: 'string', demandOption: true })
        .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
        .option('state', { type: 'array', choices: STATE_FILTERS, describe: 'only trials in these states (diverged: the failed whose training diverged)' })
        .option('sort', { choices: SORTS, default: 'number' as const, describe: 'order (value: best first)' })
        .option('limit', numericFlag('at most this many'))
        .option('metrics', METRICS_OPTION)
        .example('$0 trials quickstart --state failed', 'the failed trials and why')
        .example('$0 trials quickstart --metrics val_accuracy', 'with a column of validation accuracy')
        .example('$0 trials quickstart --state diverged', 'the failed trials whose loss diverged'),
    ),
  handler: async (argv: ArgumentsCamelCase<TrialsArgs>) => {
    const limit = parseNumericFlag('limit', argv.limit, { min: 1 });
    const name = studyNameArg(argv.study);
    const format = formatOf(argv);
    const store = openStudyStore(argv.db);
    try {
      const study = await store.study(name);
      const def = study.definition as NormalizedStudy;
      const own = studyObjectives(def).map((o) => o.metric);
      const states = argv.state?.length ? argv.state : undefined;
      const extra = await metricsFlagColumns(argv.metrics, format, study, own, store.storage);
      let trials = await store.storage.getTrials(study.id, states ? { states: storedStates(states) } : {});
      if (states) trials = trials.filter((t) => matchesStates(t, states));
      trials = sortTrials(trials, argv.sort, study.direction);
      if (limit !== undefined) trials = trials.slice(0, limit);
      const objectives = def.objectives;
      if (format === 'json') process.stdout.write(`${stringifyJson(trials.map((t) => trialJson(t, objectives)), 2)}\n`);
      else if (format === 'csv') process.stdout.write(toCsv(trialRecords(trials, [], def.strategy.type === 'pbt')));
      else process.stdout.write(`${trials.length ? renderTrials(trials, [...own, ...extra], false) : 'no trials'}\n`);
    } finally {
      await store.close();
    }
  },
};

function sortTrials(trials: TrialRow[], by: TrialsArgs['sort'], direction: 'minimize' | 'maximize'): TrialRow[] {
  const sign = direction === 'minimize' ? 1 : -1;
  const key = (t: TrialRow): number => {
    switch (by) {
      case 'value':
        return t.value === null || Number.isNaN(t.value) ? Number.POSITIVE_INFINITY : sign * t.value;
      case 'budget':
        return -t.budget;
      case 'duration':
        return -t.durationMs;
      default:
        return t.number;
    }
  };
  return [...trials].sort((a, b) => key(a) - key(b) || a.number - b.number);
}
