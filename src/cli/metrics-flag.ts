/**
 * `--metrics` of `trials` and `best`: table columns for metrics besides the study's own (its objectives), as a
 * built-in task's val_accuracy or what an objective returned beside its value. JSON and CSV carry every metric.
 */
import { UsageError } from '../errors.js';
import { didYouMean } from '../format-value.js';
import type { OutputFormat } from './output-format.js';
import type { Storage } from '../storage/storage.js';
import { listFlagValues } from './list-flag.js';

/** The yargs option: names after --metrics, space- or comma-separated. */
export const METRICS_OPTION = {
  type: 'array',
  string: true,
  requiresArg: true,
  describe: 'more metric columns in the table (val_accuracy, train_loss, …; JSON and CSV have them all)',
} as const;

/**
 * The metric columns to add: those asked for, in order, once each, without the study's own (already columns).
 * A name no trial of the study has is a UsageError naming the ones they have; so is --metrics with JSON or CSV.
 */
export function parseMetricsFlag(raw: readonly unknown[] | undefined, format: OutputFormat, opts: { study: string; own: readonly string[]; available: ReadonlySet<string> }): string[] {
  if (raw === undefined) return [];
  if (format !== 'table') throw new UsageError(`--metrics adds table columns, and --format ${format} already carries every metric: leave --metrics out`);
  const names = listFlagValues('metrics', raw, 'metric names', 'val_accuracy train_loss');
  const known = [...opts.available].sort();
  for (const name of names) {
    if (!opts.available.has(name)) {
      const have = known.length ? `its trials have: ${known.join(', ')}` : 'its trials have no metrics yet';
      throw new UsageError(`--metrics: no trial of "${opts.study}" has a metric "${name}" (${didYouMean(name, known)}${have})`);
    }
  }
  return [...new Set(names)].filter((n) => !opts.own.includes(n));
}

/** Every metric name the trials have. */
export function trialMetricNames(trials: readonly { metrics: Record<string, number> }[]): Set<string> {
  const names = new Set<string>();
  for (const t of trials) for (const k of Object.keys(t.metrics)) names.add(k);
  return names;
}

/** The columns `--metrics` adds to a listing of `study`, whose own metrics are `own` (its trials are read only when it is given). */
export async function metricsFlagColumns(
  raw: readonly unknown[] | undefined,
  format: OutputFormat,
  study: { id: number; name: string },
  own: readonly string[],
  storage: Pick<Storage, 'getTrials'>,
): Promise<string[]> {
  if (raw === undefined) return [];
  return parseMetricsFlag(raw, format, { study: study.name, own, available: trialMetricNames(await storage.getTrials(study.id)) });
}
