/** `--format table|json|csv` shared by the listing commands (`--json` is short for `--format json`). */
import type { Argv } from 'yargs';

export type OutputFormat = 'table' | 'json' | 'csv';

export function withFormat<T>(y: Argv<T>) {
  return y
    .option('format', { choices: ['table', 'json', 'csv'] as const, default: 'table' as OutputFormat, describe: 'output format' })
    .option('json', { type: 'boolean', default: false, describe: 'same as --format json' });
}

export function formatOf(argv: { format?: OutputFormat; json?: boolean }): OutputFormat {
  return argv.json ? 'json' : (argv.format ?? 'table');
}
