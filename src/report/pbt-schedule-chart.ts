import type { EChartsOption, SeriesOption } from 'echarts';
import type { ReportData } from './report-data.js';
import type { ChartSpec } from './chart-spec.js';
import type { LineageSegment } from '../stats/lineage.js';
import type { ParamValue } from '../search/space.js';
import { baseOption } from './base-option.js';
import { emptyOption } from './empty-option.js';
import { COLORS } from './palette.js';
import { paramAxisKind, type AxisKind } from './axis-kind.js';
import { categories, categoryLabel } from './categories.js';
import { reportLineages, scheduleEnd, scheduleParams } from './report-lineages.js';

/** Height of one param's panel, the room above it for its name, and above the first for the segment labels. */
const PANEL = 92;
const GAP = 36;
const TOP = 58;
const BOTTOM = 44;
/** Left edge of every panel (fixed, so their epoch axes line up) and a guess at the plot's width in the page (px). */
const LEFT = 92;
const PLOT_WIDTH = 1100;

/** A point of a param's step line: `[epoch, value, trial, end epoch]` (the last two for the `@schedule` tooltip). */
type SchedulePoint = [number, number | string | null, number, number];

/** One param's panel: its axis and how a value is placed on it. */
interface Panel {
  name: string;
  kind: AxisKind;
  labels: string[];
  y: (v: ParamValue | undefined) => number | string | null;
}

/**
 * PBT schedule (Ray Tune's PBT policy / replay view): the params that trained one trial's weights,
 * epoch by epoch from 0 to maxBudget, following its lineage (stats/lineage.ts). One panel per
 * mutated param, stacked over a shared epoch axis: a step line whose every step is a segment (the
 * params of trial n from its `from` to its `to` epoch), a log axis where the space declares the
 * param log-scaled, a category axis (the space's choices in order) for a categorical one. Segments
 * are shaded in turn and labelled above the first panel (`trial #14 / copy of #8 at epoch 12`);
 * dashed lines mark the forks. Drawn for the best trial (the first of lineageChoices); `lineages`
 * holds the series of every offered trial for the page's lineage select.
 */
export function pbtScheduleChart(data: ReportData): ChartSpec {
  const lineages = reportLineages(data);
  const params = scheduleParams(data);
  const spec = {
    id: 'chart-pbt-schedule',
    title: 'PBT schedule',
    caption:
      "The params that trained the picked trial's weights, epoch by epoch: each step is a segment of its lineage, the trial whose params trained it over those epochs; dashed lines are the forks, where a trial started as a copy of another's checkpoint. Larger dots: a param the fork changed.",
    height: TOP + Math.max(1, params.length) * (PANEL + GAP) - GAP + BOTTOM,
  };
  const first = lineages[0];
  if (!first) return { ...spec, option: emptyOption('No lineage to draw yet') };
  if (params.length === 0) return { ...spec, option: emptyOption('No mutated params') };

  const end = scheduleEnd(data);
  const panels = params.map((name) => panelOf(data, name, lineages.flatMap((l) => l.segments.map((s) => s.params[name]))));
  const last = panels.length - 1;
  const top = (i: number): number => TOP + i * (PANEL + GAP);
  const option: EChartsOption = {
    ...baseOption(),
    tooltip: { ...baseOption().tooltip, trigger: 'item', formatter: '@schedule' },
    grid: panels.map((_, i) => ({ left: LEFT, right: 28, top: top(i), height: PANEL })),
    xAxis: panels.map((_, i) => ({
      type: 'value',
      gridIndex: i,
      min: 0,
      max: end,
      minInterval: 1,
      ...(i === last ? { name: 'epoch', nameLocation: 'middle', nameGap: 26 } : {}),
      axisLabel: { show: i === last },
      splitLine: { show: false },
    })),
    yAxis: panels.map((p, i) => ({
      gridIndex: i,
      name: p.name,
      nameTextStyle: { align: 'right', fontWeight: 'bold' },
      ...(p.kind === 'category'
        ? { type: 'category', data: p.labels, axisLabel: { fontSize: 10, hideOverlap: true } }
        : { type: p.kind, scale: true, axisLabel: { fontSize: 10, formatter: '@num', hideOverlap: true } }),
      splitLine: { lineStyle: { color: COLORS.grid } },
    })),
    series: panels.map((p, i) => ({
      type: 'line',
      id: `param-${i}`,
      name: p.name,
      xAxisIndex: i,
      yAxisIndex: i,
      symbol: 'circle',
      showSymbol: true,
      lineStyle: { color: COLORS.complete, width: 2 },
      itemStyle: { color: COLORS.complete },
      ...panelData(p, first.segments, end, i === 0),
    })),
  };
  const variants = Object.fromEntries(
    lineages.map(({ number, segments }) => [number, { series: panels.map((p, i) => ({ id: `param-${i}`, ...panelData(p, segments, end, i === 0) })) }]),
  );
  return { ...spec, option, lineages: variants };
}

/** How a param is drawn: the space's axis (log, categorical) where the report knows it, else guessed from `values`. */
function panelOf(data: ReportData, name: string, values: readonly (ParamValue | undefined)[]): Panel {
  const present = values.filter((v) => v !== undefined);
  const space = data.space?.[name];
  const kind = paramAxisKind(space, present);
  const labels = kind !== 'category' ? [] : space?.type === 'categorical' ? space.choices.map(categoryLabel) : categories(present);
  const y = (v: ParamValue | undefined): number | string | null =>
    v === undefined ? null : kind === 'category' ? categoryLabel(v) : typeof v === 'number' ? v : null;
  return { name, kind, labels, y };
}

/**
 * A param's step line over a lineage, and the segments behind it: two points per segment, its
 * start (a dot, larger where the fork changed this param) and its end (no dot); the forks as
 * dashed lines; the segments shaded in turn, labelled in the first panel.
 */
export function panelData(
  panel: Pick<Panel, 'name' | 'y'>,
  segments: readonly LineageSegment[],
  end: number,
  labelled: boolean,
): Pick<SeriesOption & { type: 'line' }, 'data' | 'markArea' | 'markLine'> {
  // The staircase is drawn point by point (no `step`): a category y axis would be the line's base axis, and step along it.
  const points = segments.flatMap((s, i) => {
    const y = panel.y(s.params[panel.name]);
    const start: SchedulePoint = [s.from, y, s.number, s.to];
    const finish: SchedulePoint = [s.to, y, s.number, s.to];
    return [
      { value: start, symbolSize: i > 0 && s.changed.includes(panel.name) ? 9 : 5 },
      { value: finish, symbol: 'none' },
    ];
  });
  return {
    data: points,
    markArea: {
      silent: false,
      data: segments.map((s, i) => [
        {
          name: segmentText(s, segments[i - 1]),
          xAxis: s.from,
          itemStyle: { color: i % 2 === 0 ? 'rgba(59,111,182,0.07)' : 'rgba(255,255,255,0)' },
          label: labelled ? segmentLabel(s, segments[i - 1], end) : { show: false },
        },
        { xAxis: s.to },
      ]),
    },
    markLine: {
      symbol: 'none',
      label: { show: false },
      lineStyle: { color: COLORS.muted, type: 'dashed', width: 1 },
      data: segments.slice(1).map((s, i) => ({ xAxis: s.from, name: forkText(s, segments[i]!) })),
    },
  };
}

/** `trial #14 is a copy of trial #8 at epoch 12`: the fork that starts segment `s`. */
function forkText(s: LineageSegment, before: LineageSegment): string {
  return `trial #${s.number} is a copy of trial #${before.number} at epoch ${s.from}`;
}

/** A segment's tooltip: `epochs 12–15: trial #14, a copy of trial #8 at epoch 12`. */
function segmentText(s: LineageSegment, before: LineageSegment | undefined): string {
  return `epochs ${s.from}–${s.to}: trial #${s.number}${before ? `, a copy of trial #${before.number} at epoch ${s.from}` : ''}`;
}

/** A segment's label above the first panel, as much of `trial #14 / copy of trial #8 at epoch 12` as its width holds. */
function segmentLabel(s: LineageSegment, before: LineageSegment | undefined, end: number): Record<string, unknown> {
  const width = end > 0 ? (PLOT_WIDTH * (s.to - s.from)) / end : 0;
  const second = before === undefined ? 'first generation' : width >= 150 ? `copy of trial #${before.number} at epoch ${s.from}` : `copy of #${before.number}`;
  const text = width >= 70 ? `trial #${s.number}\n${second}` : `#${s.number}`;
  return {
    show: width >= 24,
    position: 'top',
    distance: 4,
    formatter: text,
    color: COLORS.text,
    fontSize: 11,
    lineHeight: 14,
    width: Math.max(0, Math.floor(width - 6)),
    overflow: 'truncate',
  };
}
