import type { EChartsOption, SeriesOption } from 'echarts';
import type { ReportData, ReportTrial } from './report-data.js';
import type { ChartSpec } from './chart-spec.js';
import type { Objective } from '../search/strategy.js';
import { baseOption } from './base-option.js';
import { emptyOption } from './empty-option.js';
import { COLORS } from './palette.js';
import { valueAxisType } from './value-axis-type.js';
import { frontTrials } from './front-trials.js';
import { objectiveLabel } from './objective-label.js';

/** A point of the chart: `[first objective, second objective, trial]` (the last for the `@objectives` tooltip). */
type Point = [number, number, number];

/**
 * The Pareto front of a multi-objective study, as Optuna's `plot_pareto_front`: every complete
 * trial on the first two objectives (axes named by metric and direction, log where a metric is
 * positive over two decades or more), the front's trials as their own series in the best colour,
 * and, with two objectives, a step line through them in front order: the edge of what the front
 * beats. With three or more the chart is the first two's projection, where the front is no
 * staircase (a front trial may sit beyond another that it beats on a third objective), so no line
 * joins it; the caption says which objectives are left out. Tooltips (`@objectives`) give the
 * trial, every objective's value and the params.
 */
export function paretoChart(data: ReportData, objectives: readonly Objective[]): ChartSpec {
  const [x, y] = objectives as [Objective, Objective];
  const hidden = objectives.slice(2).map((o) => o.metric);
  const caption =
    `Every complete trial by ${x.metric} and ${y.metric}; orange: the Pareto front, the trials no other complete trial beats on every objective` +
    (hidden.length === 0
      ? ', joined by a step line (what lies beyond it is beaten).'
      : `. With ${objectives.length} objectives only the first two are drawn (not ${hidden.join(', ')}): a front trial may look beaten here by one it beats there.`);
  const spec = { id: 'chart-pareto', title: 'Pareto front', caption, height: 420 };
  const point = (t: ReportTrial): Point[] => {
    const a = t.metrics[x.metric];
    const b = t.metrics[y.metric];
    return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) ? [[a, b, t.number]] : [];
  };
  const onFront = new Set(data.paretoFront ?? []);
  const others = data.trials
    .filter((t) => t.state === 'complete' && !onFront.has(t.number))
    .sort((a, b) => a.number - b.number)
    .flatMap(point);
  const front = frontTrials(data).flatMap(point);
  if (others.length + front.length === 0) return { ...spec, option: emptyOption('No complete trial with a value for every objective yet') };

  const series: SeriesOption[] = [];
  if (others.length > 0) {
    series.push({ type: 'scatter', name: 'other trials', data: others, symbolSize: 8, itemStyle: { color: COLORS.complete, opacity: 0.55 }, z: 2 });
  }
  if (front.length > 0) {
    series.push({ type: 'scatter', id: 'front', name: 'Pareto front', data: front, symbolSize: 10, itemStyle: { color: COLORS.best, opacity: 0.95 }, z: 4 });
  }
  if (hidden.length === 0 && front.length > 1) {
    // Same name as the front's points: one legend entry shows or hides both.
    series.push({
      type: 'line',
      id: 'front-line',
      name: 'Pareto front',
      data: front,
      step: 'end',
      showSymbol: false,
      silent: true,
      lineStyle: { color: COLORS.best, width: 2, opacity: 0.8 },
      itemStyle: { color: COLORS.best },
      z: 3,
    });
  }
  const all = [...others, ...front];
  const option: EChartsOption = {
    ...baseOption(),
    legend: { top: 0, itemGap: 16 },
    grid: { left: 16, right: 32, top: 48, bottom: 36, containLabel: true },
    tooltip: { ...baseOption().tooltip, trigger: 'item', formatter: '@objectives' },
    xAxis: {
      type: valueAxisType(all.map((p) => p[0])),
      name: objectiveLabel(x),
      nameLocation: 'middle',
      nameGap: 26,
      scale: true,
      axisLabel: { formatter: '@num' },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    yAxis: {
      type: valueAxisType(all.map((p) => p[1])),
      name: objectiveLabel(y),
      nameTextStyle: { align: 'left' },
      scale: true,
      axisLabel: { formatter: '@num' },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series,
  };
  return { ...spec, option };
}
