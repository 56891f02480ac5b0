import type { EChartsOption, SeriesOption } from 'echarts';
import type { ReportData, ReportTrial } from './report-data.js';
import type { ChartSpec } from './chart-spec.js';
import type { StepValue } from '../pool/protocol.js';
import type { LineageSegment } from '../stats/lineage.js';
import { baseOption } from './base-option.js';
import { emptyOption } from './empty-option.js';
import { COLORS, rampColors } from './palette.js';
import { formatNumber } from './format-number.js';
import { valueAxisType } from './value-axis-type.js';
import { hasForks, reportLineages, survivingTrials } from './report-lineages.js';

/** A trial and the points of its curve that can be drawn. */
interface Curve {
  trial: ReportTrial;
  points: StepValue[];
}
/** How a trial's curve is drawn: its legend name, colour and opacity. */
interface CurveStyle {
  name: string;
  color: string;
  opacity: number;
}

/** Legend names of a PBT study's curves (LINEAGE_SERIES is also the id of the lineage line). */
const LINEAGE_SERIES = 'lineage';
const SURVIVING = 'survivors & ancestors';
const DIED_OUT = 'died out';
const FAILED: CurveStyle = { name: 'failed', color: COLORS.failed, opacity: 0.8 };

/**
 * Learning curves: one line per trial (series id `trial-<n>`), coloured by the
 * budget (rung) the trial reached. Trials of one budget share a series name,
 * so the legend has one entry per budget (click to hide/show) plus `failed`.
 *
 * A PBT study (some trial has `forkOf`) is drawn by lineage instead: a forked
 * trial's curve starts at its donor's point at the fork epoch (the checkpoint
 * it copied), so each line continues the one it forked from; blue are the
 * trials whose weights live on in the population (its members and their
 * ancestors), grey those whose line died out; the y axis fits the blue ones, as it fits the
 * healthy ones elsewhere (failedAboveRange). On top, series `lineage` (orange,
 * diamonds at the forks) follows one trial's lineage segment by segment: the
 * best trial's, and the trial picked in the page's lineage select through the
 * spec's `lineages` (one series update per offered trial).
 */
export function curvesChart(data: ReportData): ChartSpec {
  const pbt = hasForks(data.trials);
  const spec = {
    id: 'chart-curves',
    title: 'Learning curves',
    caption: pbt
      ? `${data.study.metric} at each step of every trial; a forked trial's line starts at its donor's point at the fork epoch. Blue: trials whose weights live on in the population (the axis fits them); grey: lines that died out; failed in red. Orange: the lineage picked in the PBT schedule (click a complete trial's line to pick it), forks as diamonds.`
      : `${data.study.metric} at each step of every trial, coloured by the budget the trial reached; failed trials in red.`,
    height: 360,
  };
  const withCurves = curvesOf(data, (n) => data.curves[n]);
  if (withCurves.length === 0) return { ...spec, option: emptyOption('No learning curves recorded yet') };

  // A PBT study's trials whose weights live on (undefined for any other study).
  const surviving = pbt ? survivingTrials(data.trials) : undefined;
  const byNumber = new Map(withCurves.map((c) => [c.trial.number, c]));
  const lineages = pbt ? reportLineages(data) : [];
  const option = curvesOption(data.study.metric, withCurves, surviving, lineages[0] ? lineageSeries(lineagePoints(lineages[0].segments, byNumber)) : undefined);
  // The other metrics' curves (train_loss, val_accuracy, an objective's reported extras), for the chart's metric select.
  const names = [...new Set(Object.values(data.metricCurves ?? {}).flatMap((m) => Object.keys(m)))].sort();
  const metrics = Object.fromEntries(
    names.flatMap((name) => {
      const curves = curvesOf(data, (n) => data.metricCurves?.[n]?.[name]);
      return curves.length === 0 ? [] : [[name, curvesOption(name, curves, surviving, undefined)]];
    }),
  );
  const others = Object.keys(metrics);
  const withMetrics =
    others.length > 0 ? { metrics, caption: `${spec.caption} The select above the chart draws another metric's curves instead (${others.join(', ')}).` } : {};
  if (lineages.length === 0) return { ...spec, option, ...withMetrics };
  const variants = Object.fromEntries(
    lineages.map(({ number, segments }) => [number, { series: [{ id: LINEAGE_SERIES, data: lineagePoints(segments, byNumber) }] }]),
  );
  return { ...spec, option, lineages: variants, ...withMetrics };
}

/** Every trial's curve that has a point to draw, by trial number. */
function curvesOf(data: ReportData, curveOf: (trial: number) => readonly StepValue[] | undefined): Curve[] {
  return [...data.trials]
    .sort((a, b) => a.number - b.number)
    .map((t) => ({ trial: t, points: finitePoints(curveOf(t.number)) }))
    .filter((c) => c.points.length > 0);
}

/**
 * The chart's option for the curves of one metric (`yName`): a line per trial, coloured by budget or, in a PBT
 * study (`surviving`), by whether its weights live on; `lineage`, the picked lineage's line, on top.
 */
function curvesOption(yName: string, withCurves: readonly Curve[], surviving: ReadonlySet<number> | undefined, lineage: SeriesOption | undefined): EChartsOption {
  const { styleOf, legend: names } = surviving ? lineageStyles(surviving, withCurves) : budgetStyles(withCurves);
  const manyPoints = withCurves.reduce((sum, c) => sum + c.points.length, 0) > 3000;
  const byNumber = new Map(withCurves.map((c) => [c.trial.number, c]));

  const series: SeriesOption[] = withCurves.map(({ trial, points }) => {
    const failed = trial.state === 'failed';
    const { name, color, opacity } = styleOf(trial);
    const start = surviving ? forkPoint(trial, byNumber) : undefined;
    return {
      type: 'line',
      id: `trial-${trial.number}`,
      name,
      data: [...(start ? [start] : []), ...points.map((p) => [p.step, p.value])],
      // A curve of one point has no line to draw: without its symbol it would not show at all.
      showSymbol: !manyPoints || points.length === 1,
      symbol: 'circle',
      symbolSize: 3,
      lineStyle: { color, width: 1.4, opacity, type: failed ? 'dashed' : 'solid' },
      itemStyle: { color },
      emphasis: { focus: 'series', lineStyle: { width: 2.5 } },
    };
  });
  if (lineage) series.push(lineage);
  const legend = [...(lineage ? [LINEAGE_SERIES] : []), ...names];
  const values = withCurves.flatMap((c) => c.points.map((p) => p.value));
  // The axis fits the healthy curves; in a PBT study, those of the trials whose weights live on (the others may leave the top).
  const fits = (c: Curve): boolean => c.trial.state !== 'failed' && (surviving === undefined || surviving.has(c.trial.number));
  const healthy = withCurves.filter(fits).flatMap((c) => c.points.map((p) => p.value));
  const yType = valueAxisType(healthy.length > 0 ? healthy : values);
  const failedLows = withCurves.filter((c) => !fits(c)).map((c) => Math.min(...c.points.map((p) => p.value)));
  const yMax = failedAboveRange(values, healthy, failedLows, yType);

  return {
    ...baseOption(),
    legend: { top: 0, data: legend, itemGap: 16 },
    grid: { left: 16, right: 24, top: 40, bottom: 36, containLabel: true },
    tooltip: { ...baseOption().tooltip, trigger: 'item', formatter: '@trial' },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 26, minInterval: 1, splitLine: { show: false } },
    yAxis: {
      type: yType,
      name: yName,
      nameTextStyle: { align: 'left' },
      scale: true,
      axisLabel: { formatter: '@num' },
      ...(yMax === undefined ? {} : { max: yMax }),
    },
    series,
  };
}

/** The points of a curve that can be drawn. */
function finitePoints(curve: readonly StepValue[] | undefined): StepValue[] {
  return (curve ?? []).filter((p) => Number.isFinite(p.step) && Number.isFinite(p.value));
}

/** Colour by the budget reached: one legend entry per budget, then `failed`. */
function budgetStyles(withCurves: readonly Curve[]): { styleOf: (t: ReportTrial) => CurveStyle; legend: string[] } {
  const budgets = [...new Set(withCurves.filter((c) => c.trial.state !== 'failed').map((c) => c.trial.budget))].sort((a, b) => a - b);
  const colors = rampColors(budgets.length);
  const nameOf = (budget: number): string => `budget ${formatNumber(budget)}`;
  const colorOf = new Map(budgets.map((b, i) => [b, colors[i] ?? COLORS.complete]));
  const styleOf = (t: ReportTrial): CurveStyle =>
    t.state === 'failed'
      ? FAILED
      : { name: nameOf(t.budget), color: colorOf.get(t.budget) ?? COLORS.complete, opacity: 0.8 };
  return { styleOf, legend: [...budgets.map(nameOf), ...failedEntry(withCurves)] };
}

/** A PBT study's colours: the trials whose weights live on, those whose line died out, then `failed`. */
function lineageStyles(surviving: ReadonlySet<number>, withCurves: readonly Curve[]): { styleOf: (t: ReportTrial) => CurveStyle; legend: string[] } {
  const styleOf = (t: ReportTrial): CurveStyle =>
    t.state === 'failed'
      ? FAILED
      : surviving.has(t.number)
        ? { name: SURVIVING, color: COLORS.complete, opacity: 0.8 }
        : { name: DIED_OUT, color: COLORS.pruned, opacity: 0.55 };
  const present = new Set(withCurves.map((c) => styleOf(c.trial).name));
  return { styleOf, legend: [SURVIVING, DIED_OUT, ...failedEntry(withCurves)].filter((n) => present.has(n)) };
}

function failedEntry(withCurves: readonly Curve[]): string[] {
  return withCurves.some((c) => c.trial.state === 'failed') ? ['failed'] : [];
}

/** Where a forked trial's line starts: its donor's point at the fork epoch, if the donor's curve has it. */
function forkPoint(trial: ReportTrial, byNumber: ReadonlyMap<number, Curve>): [number, number] | undefined {
  const fork = trial.forkOf;
  if (!fork) return undefined;
  const at = byNumber.get(fork.from)?.points.find((p) => p.step === fork.budget);
  return at ? [at.step, at.value] : undefined;
}

/**
 * The points of a lineage, `[step, value, trial]`: each segment's trial's curve over its epochs
 * (from, to], the forks (the end of every segment but the last) as diamonds.
 */
function lineagePoints(
  segments: readonly LineageSegment[],
  byNumber: ReadonlyMap<number, Curve>,
): Array<[number, number, number] | { value: [number, number, number]; symbol: string; symbolSize: number }> {
  return segments.flatMap((s, i) =>
    (byNumber.get(s.number)?.points ?? [])
      .filter((p) => p.step > s.from && p.step <= s.to)
      .map((p) => {
        const value: [number, number, number] = [p.step, p.value, s.number];
        return i < segments.length - 1 && p.step === s.to ? { value, symbol: 'diamond', symbolSize: 10 } : value;
      }),
  );
}

/** The orange line of the picked lineage, above the trials' lines, with its own tooltip (`@lineage`). */
function lineageSeries(data: ReturnType<typeof lineagePoints>): SeriesOption {
  return {
    type: 'line',
    id: LINEAGE_SERIES,
    name: LINEAGE_SERIES,
    data,
    // Its points carry the tooltip (item trigger needs a symbol to hover).
    showSymbol: true,
    symbol: 'circle',
    symbolSize: 4,
    lineStyle: { color: COLORS.best, width: 2.6, opacity: 0.95 },
    itemStyle: { color: COLORS.best, borderColor: '#ffffff', borderWidth: 1 },
    tooltip: { formatter: '@lineage' },
    emphasis: { focus: 'series' },
    z: 5,
  };
}

/**
 * A y-axis maximum that keeps the curves of healthy trials readable when a
 * failed (diverging) curve climbs far above them: the range grows to show the
 * lowest point of each failed curve (by at most the healthy range again), and
 * the diverging part leaves the plot at the top. Undefined when no cap is needed.
 */
function failedAboveRange(
  all: readonly number[],
  healthy: readonly number[],
  failedLows: readonly number[],
  type: 'log' | 'value',
): number | undefined {
  if (healthy.length === 0) return undefined;
  const top = Math.max(...healthy);
  const low = Math.min(...healthy);
  if (Math.max(...all) <= top) return undefined;
  const allowance = type === 'log' ? top * (top / low) : top + (top - low);
  const shown = Math.max(top, ...failedLows.map((v) => Math.min(v, allowance)));
  const padded = type === 'log' ? shown * 1.5 : shown + 0.1 * (shown - low || Math.abs(shown) || 1);
  return niceCeil(padded);
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 × 10^k that is ≥ x (x > 0). */
function niceCeil(x: number): number {
  if (x <= 0 || !Number.isFinite(x)) return x;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * magnitude >= x * (1 - 1e-12)) ?? 10;
  return Number((step * magnitude).toPrecision(12));
}
