import type { EChartsOption } from 'echarts';
import type { ReportData } from './report-data.js';
import type { ChartSpec } from './chart-spec.js';
import { baseOption } from './base-option.js';
import { emptyOption } from './empty-option.js';
import { COLORS } from './palette.js';
import { pbtParamsCaption } from './pbt-params-caption.js';

/** Parameter importance as horizontal bars, most important on top. */
export function importanceChart(data: ReportData): ChartSpec {
  const rows = data.importance.filter((r) => Number.isFinite(r.importance)).sort((a, b) => b.importance - a.importance);
  const spec = {
    id: 'chart-importance',
    title: 'Parameter importance',
    caption:
      (data.study.objectives
        ? `How much of the variation in ${data.study.metric}, the first of ${data.study.objectives.length} objectives, each parameter explains (the others are not ranked here).`
        : `How much of the variation in ${data.study.metric} each parameter explains.`) + pbtParamsCaption(data),
    height: Math.max(220, 70 + rows.length * 26),
  };
  if (rows.length === 0) return { ...spec, option: emptyOption('No parameter importance computed yet') };
  const option: EChartsOption = {
    ...baseOption(),
    grid: { left: 16, right: 56, top: 12, bottom: 24, containLabel: true },
    tooltip: { ...baseOption().tooltip, trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: '@bar' },
    xAxis: { type: 'value', min: 0, axisLabel: { formatter: '@num' }, splitLine: { lineStyle: { color: COLORS.grid } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.param),
      axisTick: { show: false },
      axisLabel: { color: COLORS.text, width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: 'importance',
        data: rows.map((r) => r.importance),
        barMaxWidth: 18,
        itemStyle: { color: COLORS.complete, borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: COLORS.muted, fontSize: 11, formatter: '@num' },
      },
    ],
  };
  return { ...spec, option };
}
