#!/usr/bin/env node
/**
 * The rungs CLI: parses, calls the API, renders. Errors print one clear
 * message (no stack trace) and map to the documented exit codes.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { RungsError } from '../errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { rungsVersion } from './rungs-version.js';
import { withFlagGuesses } from './flag-guesses.js';

/**
 * Command modules by name, loaded on demand: a command imports only what it
 * needs (storage, pool, report…), which keeps start-up short for quick
 * queries such as `rungs best`.
 */
const COMMANDS = {
  run: () => import('./commands/run.js').then((m) => m.runCommand),
  plan: () => import('./commands/plan.js').then((m) => m.planCommand),
  studies: () => import('./commands/studies.js').then((m) => m.studiesCommand),
  trials: () => import('./commands/trials.js').then((m) => m.trialsCommand),
  best: () => import('./commands/best.js').then((m) => m.bestCommand),
  show: () => import('./commands/show.js').then((m) => m.showCommand),
  export: () => import('./commands/export.js').then((m) => m.exportCommand),
  delete: () => import('./commands/delete.js').then((m) => m.deleteCommand),
  importance: () => import('./commands/importance.js').then((m) => m.importanceCommand),
  curves: () => import('./commands/curves.js').then((m) => m.curvesCommand),
  report: () => import('./commands/report.js').then((m) => m.reportCommand),
} as const;

async function commandsFor(args: string[]) {
  const first = args.find((a) => !a.startsWith('-'));
  const names = first !== undefined && first in COMMANDS ? [first as keyof typeof COMMANDS] : (Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]);
  return Promise.all(names.map((n) => COMMANDS[n]()));
}

export async function main(args: string[]): Promise<number> {
  let usageError: string | undefined;
  try {
    const commands = await commandsFor(args);
    let cli = yargs(args)
      .scriptName('rungs')
      // Numeric flags take a value (requiresArg): say so with the flag as typed.
      .updateStrings({ 'Not enough arguments following: %s': '--%s needs a value' })
      .usage('$0 <command> [options]\n\nHyperparameter tuning: grid, random (or Sobol), successive halving, Hyperband, ASHA, TPE, CMA-ES, Gaussian-process Bayesian optimisation, NSGA-II (multi-objective) and Population Based Training, stored in SQLite.');
    for (const c of commands) cli = cli.command(c as never);
    await cli
      .demandCommand(1, 'name a command (rungs --help lists them)')
      .strict()
      .recommendCommands()
      .help()
      .alias('h', 'help')
      .version(rungsVersion())
      .wrap(Math.min(100, process.stdout.columns || 80))
      .fail((msg, err) => {
        // yargs' own parse errors (a flag without its value) are YErrors: usage errors too, not unexpected ones.
        if (err && err.name !== 'YError') throw err;
        usageError = withFlagGuesses(msg || err?.message || 'bad usage', commands.length === 1 ? optionNames(commands[0]!) : []);
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

/** The options of a command, as its builder declares them (yargs' fail callback does not say them). */
function optionNames(command: { builder?: unknown }): string[] {
  if (typeof command.builder !== 'function') return [];
  const built = (command.builder as (y: Argv) => Argv)(yargs([])) as unknown as { getOptions?: () => { key?: Record<string, unknown> } };
  return Object.keys(built.getOptions?.().key ?? {});
}

/**
 * A reader that goes away (`rungs run … | head`) ends the output, not the
 * work: later writes are dropped, the command finishes (a study runs to its
 * end, nothing is left half-stored) and exits with its usual code, without a
 * stack trace.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  });
}

/**
 * Resolves once everything written to `stream` has been handed to the OS. Files and terminals
 * are written synchronously, but a pipe is not: what a slow reader has not yet taken (more than
 * the pipe's 64 KiB, as `rungs trials --json | jq` can be) waits in the stream, and exiting
 * before it drains would cut the output short.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.on('drain', done).on('close', done).on('error', done);
  });
}

main(hideBin(process.argv)).then(async (code) => {
  process.exitCode = code;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  // A handle left open after an error (a worker thread mid-shutdown) must not keep the CLI alive.
  setImmediate(() => process.exit(code));
});
