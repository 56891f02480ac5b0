import type { EChartsOption, SeriesOption } from 'echarts';
import type { ReportData } from './report-data.js';
import type { ChartSpec } from './chart-spec.js';
import { baseOption } from './base-option.js';
import { emptyOption } from './empty-option.js';
import { COLORS, rampColors } from './palette.js';
import { formatNumber } from './format-number.js';
import { valueAxisType } from './value-axis-type.js';

/**
 * Learning curves: one line per trial (series id `trial-<n>`), coloured by the
 * budget (rung) the trial reached. Trials of one budget share a series name,
 * so the legend has one entry per budget (click to hide/show) plus `failed`.
 */
export function curvesChart(data: ReportData): ChartSpec {
  const spec = {
    id: 'chart-curves',
    title: 'Learning curves',
    caption: `${data.study.metric} at each step of every trial, coloured by the budget the trial reached; failed trials in red.`,
    height: 360,
  };
  const withCurves = [...data.trials]
    .sort((a, b) => a.number - b.number)
    .map((t) => ({ trial: t, points: (data.curves[t.number] ?? []).filter((p) => Number.isFinite(p.step) && Number.isFinite(p.value)) }))
    .filter((c) => c.points.length > 0);
  if (withCurves.length === 0) return { ...spec, option: emptyOption('No learning curves recorded yet') };

  const budgets = [...new Set(withCurves.filter((c) => c.trial.state !== 'failed').map((c) => c.trial.budget))].sort((a, b) => a - b);
  const colors = rampColors(budgets.length);
  const nameOf = (budget: number): string => `budget ${formatNumber(budget)}`;
  const colorOf = new Map(budgets.map((b, i) => [b, colors[i] ?? COLORS.complete]));
  const manyPoints = withCurves.reduce((sum, c) => sum + c.points.length, 0) > 3000;

  const series: SeriesOption[] = withCurves.map(({ trial, points }) => {
    const failed = trial.state === 'failed';
    const color = failed ? COLORS.failed : (colorOf.get(trial.budget) ?? COLORS.complete);
    return {
      type: 'line',
      id: `trial-${trial.number}`,
      name: failed ? 'failed' : nameOf(trial.budget),
      data: points.map((p) => [p.step, p.value]),
      // A curve of one point has no line to draw: without its symbol it would not show at all.
      showSymbol: !manyPoints || points.length === 1,
      symbol: 'circle',
      symbolSize: 3,
      lineStyle: { color, width: 1.4, opacity: 0.8, type: failed ? 'dashed' : 'solid' },
      itemStyle: { color },
      emphasis: { focus: 'series', lineStyle: { width: 2.5 } },
    };
  });
  const legend = [...budgets.map(nameOf), ...(withCurves.some((c) => c.trial.state === 'failed') ? ['failed'] : [])];
  const values = withCurves.flatMap((c) => c.points.map((p) => p.value));
  const healthy = withCurves.filter((c) => c.trial.state !== 'failed').flatMap((c) => c.points.map((p) => p.value));
  const yType = valueAxisType(healthy.length > 0 ? healthy : values);
  const failedLows = withCurves.filter((c) => c.trial.state === 'failed').map((c) => Math.min(...c.points.map((p) => p.value)));
  const yMax = failedAboveRange(values, healthy, failedLows, yType);

  const option: EChartsOption = {
    ...baseOption(),
    legend: { top: 0, data: legend, itemGap: 16 },
    grid: { left: 16, right: 24, top: 40, bottom: 36, containLabel: true },
    tooltip: { ...baseOption().tooltip, trigger: 'item', formatter: '@trial' },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 26, minInterval: 1, splitLine: { show: false } },
    yAxis: {
      type: yType,
      name: data.study.metric,
      nameTextStyle: { align: 'left' },
      scale: true,
      axisLabel: { formatter: '@num' },
      ...(yMax === undefined ? {} : { max: yMax }),
    },
    series,
  };
  return { ...spec, option };
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
