import type { EChartsOption, SeriesOption } from 'echarts';
import type { ReportData } from './report-data.js';
import type { ChartSpec } from './chart-spec.js';
import { baseOption } from './base-option.js';
import { emptyOption } from './empty-option.js';
import { COLORS } from './palette.js';
import { paramAxisKind } from './axis-kind.js';
import { categories, categoryLabel } from './categories.js';
import { paramNames } from '../search/param-names.js';
import { valuedTrials } from './valued-trials.js';
import { valueAxisType } from './value-axis-type.js';

/**
 * One small scatter per param: the value of each trial against that param's
 * value (categorical axis for non-numeric params, log axis where values span
 * decades). Ids are `chart-slice-<index>` (param names may hold any
 * character). Points are `[x, value, trial]` for the `@trial` tooltip.
 */
export function sliceCharts(data: ReportData): ChartSpec[] {
  const valued = valuedTrials(data.trials);
  const yType = valueAxisType(valued.map((t) => t.value));
  return paramNames(data.trials).map((name, index) => {
    const spec = { id: `chart-slice-${index}`, title: name, caption: '', height: 240 };
    const present = valued.filter((t) => t.params[name] !== undefined);
    if (present.length === 0) return { ...spec, option: emptyOption('No values yet') };
    const xValues = present.map((t) => t.params[name]);
    const kind = paramAxisKind(data.space?.[name], xValues);
    const labels = kind === 'category' ? categories(xValues) : [];
    const x = (v: unknown): number | string => (kind === 'category' ? categoryLabel(v) : (v as number));
    const series: SeriesOption[] = [
      { name: 'complete', states: ['complete', 'running', 'queued'], color: COLORS.complete, opacity: 0.85 },
      { name: 'pruned', states: ['pruned'], color: COLORS.pruned, opacity: 0.6 },
    ]
      .map((g) => ({ g, points: present.filter((t) => g.states.includes(t.state)).map((t) => [x(t.params[name]), t.value, t.number]) }))
      .filter(({ points }) => points.length > 0)
      .map(({ g, points }) => ({
        type: 'scatter',
        name: g.name,
        data: points,
        symbolSize: 7,
        itemStyle: { color: g.color, opacity: g.opacity },
        z: g.name === 'complete' ? 3 : 2,
      }));
    const option: EChartsOption = {
      ...baseOption(),
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { ...baseOption().tooltip, trigger: 'item', formatter: '@trial' },
      xAxis:
        kind === 'category'
          ? { type: 'category', data: labels, axisLabel: { fontSize: 10, hideOverlap: true }, splitLine: { show: false } }
          : { type: kind, scale: true, axisLabel: { fontSize: 10, formatter: '@num', hideOverlap: true }, splitLine: { show: false } },
      yAxis: { type: yType, scale: true, axisLabel: { fontSize: 10, formatter: '@num' }, splitLine: { lineStyle: { color: COLORS.grid } } },
      series,
    };
    return { ...spec, option };
  });
}
