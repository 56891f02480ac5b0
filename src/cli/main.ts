#!/usr/bin/env node
/**
 * The rungs CLI: parses, calls the API, renders. Errors print one clear
 * message (no stack trace) and map to the documented exit codes.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { RungsError } from '../errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { runCommand } from './commands/run.js';
import { bestCommand } from './commands/best.js';
import { trialsCommand } from './commands/trials.js';
import { studiesCommand } from './commands/studies.js';
import { planCommand } from './commands/plan.js';
import { showCommand } from './commands/show.js';
import { exportCommand } from './commands/export.js';
import { deleteCommand } from './commands/delete.js';
import { reportCommand } from './commands/report.js';

export async function main(args: string[]): Promise<number> {
  let usageError: string | undefined;
  try {
    await yargs(args)
      .scriptName('rungs')
      .usage('$0 <command> [options]\n\nHyperparameter tuning: grid, random, successive halving, Hyperband and ASHA, stored in SQLite.')
      .command(runCommand)
      .command(bestCommand)
      .command(trialsCommand)
      .command(studiesCommand)
      .command(planCommand)
      .command(showCommand)
      .command(exportCommand)
      .command(deleteCommand)
      .command(reportCommand)
      .demandCommand(1, 'name a command (rungs --help lists them)')
      .strict()
      .recommendCommands()
      .help()
      .alias('h', 'help')
      .version()
      .wrap(Math.min(100, process.stdout.columns || 80))
      .fail((msg, err) => {
        if (err) throw err;
        usageError = msg;
        throw new RungsError('E_USAGE', msg);
      })
      .parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (usageError !== undefined) {
      process.stderr.write(`rungs: ${usageError}\n(rungs --help for usage)\n`);
      return EXIT.usage;
    }
    if (e instanceof RungsError) {
      process.stderr.write(`rungs: ${e.message}\n`);
      return exitCodeFor(e);
    }
    // Not ours: still one readable message; the stack only when asked for.
    const err = e as Error;
    process.stderr.write(`rungs: unexpected error: ${err?.message ?? String(e)}\n`);
    if (process.env.RUNGS_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    return EXIT.storage;
  }
}

main(hideBin(process.argv)).then((code) => {
  process.exitCode = code;
  // Output to pipes and files is synchronous on POSIX; a handle left open
  // after an error (a worker thread mid-shutdown) must not keep the CLI alive.
  setImmediate(() => process.exit(code));
});
