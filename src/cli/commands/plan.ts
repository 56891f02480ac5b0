/** `rungs plan <study-file>`: the rung table and total epochs, without training anything. */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { loadStudyFile } from '../../study/load-study-file.js';
import { normalizeStudy } from '../../study/normalize-study.js';
import { preflightStudy } from '../../study/preflight-study.js';
import { dataLine } from '../data-line.js';
import { strategyFor } from '../../study/strategy-for.js';
import { isGenerations, planTotals } from '../../search/plan-totals.js';
import { formatOf, withFormat, type OutputFormat } from '../output-format.js';
import { enqueueLine, epochBudgetLine, exhaustLine, generationRows, renderPlan, trialCapLine } from '../render-plan.js';
import { stringifyJson } from '../trial-json.js';
import { toCsv } from '../to-csv.js';
import { describeStrategy } from '../../search/describe-strategy.js';
import { spaceNotes } from '../../study/space-notes.js';
import { strategyNotes } from '../../study/strategy-notes.js';

interface PlanArgs {
  file: string;
  format?: OutputFormat;
  json?: boolean;
}

export const planCommand = {
  command: 'plan <file>',
  describe: 'print the rung plan of a study file (trials and budget per rung, or PBT\'s generations, total epochs) without training',
  builder: (y: Argv) =>
    withFormat(
      y
        .positional('file', { type: 'string', demandOption: true, describe: 'study file (JSON)' })
        .example('$0 plan studies/quickstart.json', 'how many trials train how far, and the epochs it costs'),
    ),
  handler: async (argv: ArgumentsCamelCase<PlanArgs>) => {
    const { spec, baseDir } = loadStudyFile(argv.file);
    const study = normalizeStudy(spec, baseDir);
    // What `run` would refuse, `plan` refuses too: a dataset or objective module that does not load.
    const data = await preflightStudy(study, argv.file);
    const strategy = strategyFor(study);
    const plan = strategy.plan();
    // Only strategies that promote say whether a promoted trial continues from its checkpoint.
    const warmStart = strategy.warmStart;
    const format = formatOf(argv);
    const notes = [...spaceNotes(study), ...strategyNotes(study)];
    // PBT's generations always continue from checkpoints: a from-scratch total would be a cost no run can have.
    const generations = isGenerations(plan);
    // With repeats a PBT member is a configuration, as `show` counts them: members and replaced count configurations.
    const repeats = study.repeats;
    const rows = generations ? generationRows(plan, repeats) : [];
    if (format === 'json') {
      const shown = generations ? [{ bracket: plan[0]!.bracket, rungs: rows.map((r) => ({ rung: r.generation, members: r.members, trials: r.trials, budget: r.budget, replaced: r.replaced })) }] : plan;
      process.stdout.write(
        `${stringifyJson({ study: study.name, strategy: study.strategy.type, ...(warmStart !== undefined ? { warmStart } : {}), ...(repeats > 1 ? { repeats } : {}), ...(data ? { data } : {}), plan: shown, withWarmStarts: planTotals(plan, true), ...(generations ? {} : { fromScratch: planTotals(plan, false) }), ...(study.maxEpochs !== undefined ? { maxEpochs: study.maxEpochs } : {}), ...(study.exhausted !== undefined ? { exhausted: study.exhausted } : {}), enqueued: study.enqueue?.length ?? 0, notes }, 2)}\n`,
      );
    } else if (format === 'csv') {
      const records = generations
        ? rows.map((r) => ({ generation: r.generation, members: r.members, from: r.from, budget: r.budget, replaced: r.replaced, ...(repeats > 1 ? { trials: r.trials } : {}) }))
        : plan.flatMap((b) => b.rungs.map((r) => ({ bracket: b.bracket, rung: r.rung, trials: r.trials, budget: r.budget })));
      process.stdout.write(toCsv(records));
    } else {
      const upper = study.strategy.type === 'asha' ? '\nASHA: the table is the expected cost; promotions depend on the order results arrive in, so it can be exceeded' : '';
      const pruned = 'pruner' in study.strategy && study.strategy.pruner ? '\nthe pruner stops some trials early: the total is the most it can cost' : '';
      const totals = planTotals(plan, warmStart);
      const limits = [exhaustLine(study.exhausted), epochBudgetLine(study.maxEpochs, totals.epochs), trialCapLine(study.maxTrials, totals.trials)].filter((l) => l !== null);
      process.stdout.write(`study "${study.name}": ${describeStrategy(study.strategy, study.space)}${upper}\n${data ? `${dataLine(data)}\n` : ''}${renderPlan(plan, warmStart, repeats)}${pruned}\n${limits.map((l) => `${l}\n`).join('')}`);
      const enqueued = enqueueLine(study.enqueue?.length, study.repeats);
      if (enqueued) process.stdout.write(`${enqueued}\n`);
      for (const note of notes) process.stdout.write(`note: ${note}\n`);
    }
  },
};
