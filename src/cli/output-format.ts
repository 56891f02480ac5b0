/** `--format table|json|csv` shared by the listing commands (`--json` is short for `--format json`). */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';

export type OutputFormat = 'table' | 'json' | 'csv';

/** `--json`, for every command that has a `--format` with a json choice. */
export const JSON_FLAG = { type: 'boolean', describe: 'same as --format json' } as const;

export function withFormat<T>(y: Argv<T>) {
  return y
    // No yargs default: formatOf must see whether --format was typed to tell `--format csv --json` apart.
    .option('format', { choices: ['table', 'json', 'csv'] as const, describe: 'output format (default: table)' })
    .option('json', JSON_FLAG);
}

export function formatOf(argv: { format?: OutputFormat; json?: boolean }): OutputFormat {
  return chosenFormat(argv, 'table');
}

/** The format asked for by `--format` or `--json`, else `fallback`; both naming different formats is an error, not a silent pick. */
export function chosenFormat<F extends string>(argv: { format?: F | undefined; json?: boolean | undefined }, fallback: F): F | 'json' {
  if (argv.json && argv.format !== undefined && argv.format !== 'json') {
    throw new UsageError(`--json and --format ${argv.format} conflict (--json means --format json): give one of them`);
  }
  return argv.json ? 'json' : (argv.format ?? fallback);
}
