/** `rungs run <study-file>`: create (or resume) a study and run it to the end. */
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { StudyMismatchError } from '../../errors.js';
import { loadStudyFile } from '../../study/load-study-file.js';
import { preflightStudy } from '../../study/preflight-study.js';
import { normalizeStudy } from '../../study/normalize-study.js';
import { studyObjectives } from '../../study/study-spec.js';
import { executeStudy, type RunSummary } from '../../study/execute-study.js';
import { MAX_THREADS } from '../../pool/thread-count.js';
import { numericFlag, parseNumericFlag } from '../numeric-flag.js';
import { MAX_SEED } from '../../study/validate-study.js';
import { applyStudyOverrides } from '../study-overrides.js';
import { defaultDbPath, openStore } from '../open-store.js';
import { RunReporter, fmtDuration } from '../run-reporter.js';
import { EXIT } from '../exit-codes.js';
import { renderBest, renderFront } from '../render-best.js';
import { stringifyJson, trialJson } from '../trial-json.js';
import { resumeHint } from '../resume-hint.js';

interface RunArgs {
  file: string;
  db: string;
  threads?: string;
  seed?: string;
  name?: string;
  resume?: boolean;
  overwrite?: boolean;
  maxTrials?: string;
  maxEpochs?: string;
  timeout?: string;
  quiet: boolean;
  json: boolean;
}

export const runCommand = {
  command: 'run <file>',
  describe: 'run a study file (creates the study, or continues it with --resume)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'study file (JSON)' })
      .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
      .option('threads', numericFlag(`worker threads, 1-${MAX_THREADS} (default: the study's, else the machine's cores)`))
      .option('seed', numericFlag(`override the study seed (an integer in [0, ${MAX_SEED}])`))
      .option('name', { type: 'string', describe: 'override the study name' })
      .option('resume', { type: 'boolean', describe: 'continue an existing study of that name' })
      .option('overwrite', { type: 'boolean', describe: 'delete an existing study of that name first' })
      .option('max-trials', numericFlag('study-wide cap on trials (across processes)'))
      .option('max-epochs', numericFlag('study-wide budget of epochs trained (across processes and resumes)'))
      .option('timeout', numericFlag('stop handing out jobs after this many seconds'))
      .option('quiet', { type: 'boolean', default: false, describe: 'print only the summary' })
      .option('json', { type: 'boolean', default: false, describe: 'print events and the summary as JSON lines' })
      .conflicts('resume', 'overwrite')
      .example('$0 run studies/quickstart.json --db /tmp/q.db', 'run the quickstart study')
      .example('$0 run studies/quickstart.json --resume', 'continue it after a stop or crash'),
  handler: async (argv: ArgumentsCamelCase<RunArgs>) => {
    const code = await runHandler(argv);
    process.exitCode = code;
  },
};

/** How the summary line says the run ended. */
const STOPPED: Record<RunSummary['stopped'], string> = {
  done: 'finished',
  budget: 'stopped (epoch budget spent)',
  cap: 'stopped (trial cap reached)',
  signal: 'stopped (signal)',
  timeout: 'stopped (timeout)',
};

async function runHandler(argv: ArgumentsCamelCase<RunArgs>): Promise<number> {
  // Every flag is checked before the database is opened: a bad one leaves a stored study as it was, even with --overwrite.
  const threadsArg = parseNumericFlag('threads', argv.threads, { min: 1, max: MAX_THREADS });
  const maxTrials = parseNumericFlag('max-trials', argv.maxTrials, { min: 1 });
  const maxEpochs = parseNumericFlag('max-epochs', argv.maxEpochs, { min: 1 });
  const seed = parseNumericFlag('seed', argv.seed, { min: 0, max: MAX_SEED });
  const timeout = parseNumericFlag('timeout', argv.timeout, { min: 0, realUnit: 'seconds' });
  const loaded = loadStudyFile(argv.file);
  const spec = applyStudyOverrides(loaded.spec, { name: argv.name, seed });
  const study = normalizeStudy(spec, loaded.baseDir);
  // A dataset or objective module that does not load is the file's problem too: refused before a database is made.
  await preflightStudy(study, argv.file);
  const storage = openStore(argv.db, { create: true });

  const stop = new AbortController();
  const abortJobs = new AbortController();
  const onSigint = () => {
    if (!stop.signal.aborted) stop.abort();
    else abortJobs.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  const mode = argv.quiet ? 'quiet' : argv.json ? 'json' : process.stdout.isTTY ? 'tty' : 'lines';
  const reporter = new RunReporter(mode, process.stdout, studyObjectives(study));
  try {
    const summary = await executeStudy(study, {
      storage,
      threads: threadsArg ?? loaded.spec.threads,
      existing: argv.resume ? 'resume' : argv.overwrite ? 'overwrite' : 'fail',
      signal: stop.signal,
      abortJobs: abortJobs.signal,
      ...(maxTrials !== undefined ? { maxTrials } : {}),
      ...(maxEpochs !== undefined ? { maxEpochs } : {}),
      ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
      onEvent: (e) => reporter.handle(e),
    });
    reporter.finish();
    if (argv.json) {
      const front = summary.paretoFront ? { paretoFront: summary.paretoFront.map((t) => trialJson(t, study.objectives)) } : {};
      process.stdout.write(`${stringifyJson({ type: 'summary', ...summary, best: summary.best ? trialJson(summary.best) : null, ...front })}\n`);
    } else {
      const c = summary.counts;
      const lines = [
        `study "${summary.study}" ${STOPPED[summary.stopped]} in ${fmtDuration(summary.durationMs / 1000)}: ` +
          `${c.complete} complete, ${c.pruned} pruned, ${c.failed} failed${c.queued + c.running ? `, ${c.queued + c.running} unfinished` : ''}; ${summary.epochsTrained} epochs trained` +
          (summary.pool ? `; ${summary.pool.threads} thread${summary.pool.threads === 1 ? '' : 's'} ${(100 * summary.pool.busy).toFixed(0)}% busy` : ''),
      ];
      // With repeats, the best configuration (the mean of its seeds), as `rungs best` ranks it.
      const config = summary.bestConfig;
      lines.push(...(study.objectives ? renderFront(study.objectives, summary.paretoFront ?? []) : renderBest(study.metric, summary.best, config, config?.metrics)));
      lines.push(`database: ${argv.db}   next: rungs best ${summary.study} --db ${argv.db}`);
      const resume = resumeHint(summary.stopped, { file: argv.file, db: argv.db, name: argv.name, seed });
      if (resume) lines.push(resume);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    if (summary.stopped === 'signal') return EXIT.interrupted;
    return summary.counts.complete > 0 ? EXIT.ok : EXIT.noCompletedTrial;
  } catch (e) {
    // The difference is the file's: say which file, as the other study-file errors do.
    if (e instanceof StudyMismatchError) {
      e.message = `${argv.file}: ${e.message}`;
      // The likeliest cause: a first run given --seed (or --name, which names another study) and a resume without it.
      if (seed === undefined && e.differences.some((d) => d.startsWith('seed changed'))) e.message += ' (a run started with --seed needs the same --seed to resume)';
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await storage.close();
  }
}
