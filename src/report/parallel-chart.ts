import type { EChartsOption, SeriesOption } from 'echarts';
import type { ReportData } from './report-data.js';
import type { ChartSpec } from './chart-spec.js';
import { baseOption } from './base-option.js';
import { emptyOption } from './empty-option.js';
import { BETTER_TO_WORSE, COLORS } from './palette.js';
import { paramAxisKind } from './axis-kind.js';
import { categories, categoryLabel } from './categories.js';
import { paramNames } from '../search/param-names.js';
import { parallelParams } from './parallel-params.js';
import { valuedTrials } from './valued-trials.js';
import { valueAxisType } from './value-axis-type.js';
import { pbtParamsCaption } from './pbt-params-caption.js';

/**
 * Parallel coordinates: one axis per param that every trial with a value has (categorical axes for
 * non-numeric params, log axes where values span decades) and a last axis for
 * the value, lines coloured from better (blue) to worse (red). Pruned trials
 * are drawn faded: their value is at the budget they reached. Each line's
 * data ends with the trial number (an extra dimension no axis uses) for the
 * `@trial` tooltip.
 */
export function parallelChart(data: ReportData): ChartSpec {
  // A conditional param (absent from some trials) gets no axis: ECharts would join a line across the gap,
  // through a value the trial does not have. Its slice plot shows it.
  const valuedAll = valuedTrials(data.trials);
  const named = paramNames(data.trials);
  const all = named.filter((name) => valuedAll.every((t) => t.params[name] !== undefined));
  const partial = named.filter((name) => !all.includes(name));
  const names = parallelParams(all, data.importance);
  const most = names.length < all.length ? ` Showing the ${names.length} most important of ${all.length} params.` : '';
  const left = partial.length > 0 ? ` Not shown, as only some trials have ${partial.length === 1 ? 'it' : 'them'} (see the slice plots): ${partial.join(', ')}.` : '';
  const shown = most + left + pbtParamsCaption(data);
  const spec = {
    id: 'chart-parallel',
    title: 'Parallel coordinates',
    caption: `Each line is a trial: its params and its value (last axis). Blue is better; pruned trials are faded (value at the budget they reached).${shown}`,
    height: 400,
  };
  const valued = valuedAll;
  if (valued.length === 0 || names.length === 0) {
    // With no trial at all there are no params to name yet: that is not a study without params.
    const why = data.trials.length === 0 ? 'No trials yet' : names.length === 0 ? 'No parameters to show' : 'No trials with a value yet';
    return { ...spec, option: emptyOption(why) };
  }

  const axes = names.map((name, dim) => {
    const values = valued.map((t) => t.params[name]).filter((v) => v !== undefined);
    const kind = paramAxisKind(data.space?.[name], values);
    return kind === 'category'
      ? { dim, name, type: 'category' as const, data: categories(values), kind }
      : { dim, name, type: kind, kind };
  });
  const values = valued.map((t) => t.value);
  const valueDim = names.length;
  const row = (t: (typeof valued)[number]): Array<number | string | null> => [
    ...axes.map((axis) => {
      const v = t.params[axis.name];
      if (v === undefined) return null;
      return axis.kind === 'category' ? categoryLabel(v) : (v as number);
    }),
    t.value,
    t.number,
  ];

  const minimize = data.study.direction === 'minimize';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const rotate = names.length > 8;
  const series: SeriesOption[] = [
    { name: 'complete', states: ['complete', 'running', 'queued'], opacity: 0.75, width: 1.6 },
    { name: 'pruned', states: ['pruned'], opacity: 0.22, width: 1 },
  ]
    .map((g) => ({ g, rows: valued.filter((t) => g.states.includes(t.state)).map(row) }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ g, rows }) => ({
      type: 'parallel',
      name: g.name,
      data: rows,
      smooth: false,
      lineStyle: { width: g.width, opacity: g.opacity },
      emphasis: { lineStyle: { width: 3, opacity: 1 } },
      z: g.name === 'complete' ? 3 : 2,
    }));

  const option: EChartsOption = {
    ...baseOption(),
    tooltip: { ...baseOption().tooltip, trigger: 'item', formatter: '@trial' },
    parallel: { left: 40, right: 150, top: rotate ? 70 : 50, bottom: 30, parallelAxisDefault: {} },
    parallelAxis: [
      ...axes.map(({ kind: _kind, ...axis }) => ({
        ...axis,
        nameRotate: rotate ? 25 : 0,
        nameTextStyle: { fontSize: 11, color: COLORS.text },
        axisLabel: { fontSize: 10, color: COLORS.muted, ...(axis.type === 'category' ? {} : { formatter: '@num' }) },
      })),
      {
        dim: valueDim,
        name: data.study.metric,
        type: valueAxisType(values),
        scale: true,
        nameRotate: rotate ? 25 : 0,
        nameTextStyle: { fontSize: 12, fontWeight: 'bold', color: COLORS.text },
        axisLabel: { fontSize: 10, color: COLORS.muted, formatter: '@num' },
      },
    ],
    visualMap: {
      type: 'continuous',
      dimension: valueDim,
      min: min === max ? min - 1 : min,
      max: min === max ? max + 1 : max,
      right: 12,
      top: 'middle',
      itemHeight: 160,
      calculable: true,
      precision: 4,
      text: minimize ? ['worse', 'better'] : ['better', 'worse'],
      textStyle: { color: COLORS.muted, fontSize: 11 },
      inRange: { color: minimize ? BETTER_TO_WORSE : [...BETTER_TO_WORSE].reverse() },
    },
    series,
  };
  return { ...spec, option };
}
