import type { MetricCurves } from './protocol.js';
import { formatValue, isRecord } from '../format-value.js';

/**
 * Adds the numbers of `values` as points at `step` of their metrics' curves, leaving out the names `skip` says
 * (the study's metric, whose curve is the learning curve) and anything that is not a number, as a returned
 * object's other values are left out of its metrics.
 */
export function addMetricPoints(curves: MetricCurves, step: number, values: Readonly<Record<string, unknown>>, skip: (name: string) => boolean): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'number' || skip(name)) continue;
    (curves[name] ??= []).push({ step, value });
  }
}

/** `curves` for a JobResult: absent when nothing was recorded. */
export function metricCurvesField(curves: MetricCurves): { metricCurves?: MetricCurves } {
  return Object.keys(curves).length > 0 ? { metricCurves: curves } : {};
}

/** What is wrong with the metrics given beside a step (ctx.report's third argument), or undefined for an object. */
export function reportMetricsProblem(metrics: unknown): string | undefined {
  return isRecord(metrics) ? undefined : `metrics must be an object of numbers, e.g. { accuracy: 0.93 } (got ${formatValue(metrics)})`;
}
