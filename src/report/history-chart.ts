import type { EChartsOption, SeriesOption } from 'echarts';
import type { ReportData } from './report-data.js';
import type { ChartSpec } from './chart-spec.js';
import { baseOption } from './base-option.js';
import { emptyOption } from './empty-option.js';
import { COLORS } from './palette.js';
import { valuedTrials } from './valued-trials.js';
import { valueAxisType } from './value-axis-type.js';

/**
 * Optimization history: each trial's value by trial number (complete, pruned
 * and in-progress trials as separate series), the best-so-far line over
 * complete trials, and failed trials as red dashed vertical marks.
 * Scatter points are `[trial, value, trial]` so the page's `@trial` tooltip
 * finds the trial; best-so-far points are `[trial, best, bestTrial]`.
 *
 * A multi-objective study keeps the chart, on its first objective (the trials' value), without the
 * best-so-far line: a trial that joins the Pareto front need not beat the best first objective, so
 * that line would call progress flat while the front grows. The trials' spread over time and their
 * failures still tell how the search went; the Pareto chart shows the best.
 */
export function historyChart(data: ReportData): ChartSpec {
  const objectives = data.study.objectives;
  const spec = {
    id: 'chart-history',
    title: 'Optimization history',
    caption: objectives
      ? `${data.study.metric} (the first of ${objectives.length} objectives, ${data.study.direction}) of each trial by trial number; no best-so-far line, as the best of several objectives is the Pareto front.`
      : `${data.study.metric} of each trial by trial number; the line is the best complete trial so far (${data.study.direction}).`,
    height: 360,
  };
  const valued = valuedTrials(data.trials);
  const failed = data.trials.filter((t) => t.state === 'failed').map((t) => t.number).sort((a, b) => a - b);
  if (valued.length === 0) {
    const note = failed.length > 0 ? ` (${failed.length} failed)` : '';
    return { ...spec, option: emptyOption(`No trials with a value yet${note}`) };
  }

  const groups: Array<{ name: string; color: string; states: readonly string[] }> = [
    { name: 'complete', color: COLORS.complete, states: ['complete'] },
    { name: 'pruned', color: COLORS.pruned, states: ['pruned'] },
    { name: 'in progress', color: COLORS.running, states: ['running', 'queued'] },
  ];
  const series: SeriesOption[] = [];
  for (const group of groups) {
    const points = valued.filter((t) => group.states.includes(t.state)).map((t) => [t.number, t.value, t.number]);
    if (points.length === 0) continue;
    series.push({
      type: 'scatter',
      name: group.name,
      data: points,
      symbolSize: 8,
      itemStyle: { color: group.color, opacity: group.name === 'pruned' ? 0.7 : 0.9 },
      z: group.name === 'complete' ? 3 : 2,
    });
  }

  const best = objectives ? [] : bestSoFar(valued.filter((t) => t.state === 'complete'), data.study.direction === 'minimize');
  const lastNumber = Math.max(...data.trials.map((t) => t.number));
  const lastBest = best[best.length - 1];
  if (lastBest !== undefined && lastBest[0] < lastNumber) best.push([lastNumber, lastBest[1], lastBest[2]]);
  if (best.length > 0) {
    series.push({
      type: 'line',
      id: 'best',
      name: 'best so far',
      data: best,
      step: 'end',
      showSymbol: false,
      lineStyle: { color: COLORS.best, width: 2 },
      itemStyle: { color: COLORS.best },
      z: 4,
    });
  }
  if (failed.length > 0) {
    series.push({
      type: 'scatter',
      name: 'failed',
      data: [],
      itemStyle: { color: COLORS.failed },
      markLine: {
        symbol: 'none',
        label: { show: false },
        lineStyle: { color: COLORS.failed, type: 'dashed', width: 1, opacity: 0.6 },
        data: failed.map((n) => ({ xAxis: n, name: `trial ${n} failed` })),
      },
    });
  }

  const option: EChartsOption = {
    ...baseOption(),
    legend: { top: 0, itemGap: 16 },
    grid: { left: 16, right: 24, top: 40, bottom: 36, containLabel: true },
    tooltip: { ...baseOption().tooltip, trigger: 'item', formatter: '@trial' },
    xAxis: {
      type: 'value',
      name: 'trial',
      nameLocation: 'middle',
      nameGap: 26,
      minInterval: 1,
      min: Math.min(0, ...data.trials.map((t) => t.number)),
      max: Math.max(lastNumber, 1),
      splitLine: { show: false },
    },
    yAxis: {
      type: valueAxisType(valued.map((t) => t.value)),
      name: data.study.metric,
      nameTextStyle: { align: 'left' },
      scale: true,
      axisLabel: { formatter: '@num' },
    },
    series,
  };
  return { ...spec, option };
}

/** `[trial, best value so far, trial holding it]` at each complete trial that improved the best. */
function bestSoFar(complete: ReadonlyArray<{ number: number; value: number }>, minimize: boolean): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let best: { number: number; value: number } | undefined;
  for (const t of complete) {
    if (best === undefined || (minimize ? t.value < best.value : t.value > best.value)) best = t;
    out.push([t.number, best.value, best.number]);
  }
  return out;
}
