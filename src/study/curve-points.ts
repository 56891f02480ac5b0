/**
 * StudyStore.curves' answer: every selected trial's curves in tidy long form, one point per trial, metric
 * and step (as W&B's run.history() or a pandas melt gives them), ready for a data frame or a plot.
 */
import { UsageError } from '../errors.js';
import { didYouMean } from '../format-value.js';
import type { MetricCurves, StepValue } from '../pool/protocol.js';

/** One point of one trial's curve of one metric. NaN and ±Infinity (a diverged trial's) stay numbers. */
export interface CurvePoint {
  /** The trial's number. */
  trial: number;
  metric: string;
  step: number;
  value: number;
}

/** One trial's curves as the store reads them: the learning curve (the study's metric) and the others by name. */
export interface TrialCurves {
  number: number;
  curve: readonly StepValue[];
  metricCurves: MetricCurves;
}

/**
 * The points of `trials`, by trial number, then metric (the study's first, then the others by name), then
 * step. `only`: just those metrics; a name none of `trials` has a curve of is a UsageError naming those they
 * have (`selected`: the trials are a selection, not all of the study's, which the message says).
 */
export function curvePoints(
  study: { name: string; metric: string },
  trials: readonly TrialCurves[],
  opts: { only?: readonly string[]; selected?: boolean } = {},
): CurvePoint[] {
  const ordered = trials.map((t) => ({ number: t.number, curves: orderedCurves(study.metric, t) })).sort((a, b) => a.number - b.number);
  if (opts.only) {
    const recorded = recordedMetrics(study.metric, ordered.map((t) => t.curves));
    const [none, they] = opts.selected ? [`none of the trials selected in "${study.name}"`, 'they'] : [`no trial of "${study.name}"`, 'its trials'];
    for (const name of opts.only) {
      if (recorded.includes(name)) continue;
      const have = recorded.length ? `${they} have curves of: ${recorded.join(', ')}` : `${they} have no curves yet`;
      throw new UsageError(`${none} has a curve of "${name}" (${didYouMean(name, recorded)}${have})`);
    }
  }
  const wanted = opts.only ? new Set(opts.only) : undefined;
  const points: CurvePoint[] = [];
  for (const t of ordered) {
    for (const [metric, curve] of t.curves) {
      if (wanted && !wanted.has(metric)) continue;
      for (const p of curve) points.push({ trial: t.number, metric, step: p.step, value: p.value });
    }
  }
  return points;
}

/** A trial's curves with points, in output order: the learning curve first, then the others by name. */
function orderedCurves(metric: string, t: TrialCurves): [string, readonly StepValue[]][] {
  // The writers leave the study's metric out of the other curves (it is the learning curve); one there anyway would repeat its steps.
  const others = Object.keys(t.metricCurves).filter((n) => n !== metric).sort();
  return [[metric, t.curve] as [string, readonly StepValue[]], ...others.map((n): [string, readonly StepValue[]] => [n, t.metricCurves[n]!])].filter(
    ([, curve]) => curve.length > 0,
  );
}

/** The metrics some trial has points of: the study's first, then the others by name. */
function recordedMetrics(metric: string, curves: readonly (readonly [string, readonly StepValue[]][])[]): string[] {
  const names = new Set(curves.flatMap((c) => c.map(([n]) => n)));
  return [...names].sort((a, b) => (a === metric ? -1 : b === metric ? 1 : a < b ? -1 : a > b ? 1 : 0));
}
