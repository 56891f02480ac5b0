import { describe, expect, it } from 'vitest';
import { curvesChart } from '../../src/report/curves-chart.js';
import { pbtScheduleChart } from '../../src/report/pbt-schedule-chart.js';
import { renderLineageTable } from '../../src/report/render-lineage-table.js';
import { importanceChart } from '../../src/report/importance-chart.js';
import { parallelChart } from '../../src/report/parallel-chart.js';
import { renderGenerationsTable } from '../../src/report/render-generations-table.js';
import { PBT_PARAMS_NOTE } from '../../src/stats/pbt-params-note.js';
import { renderReport } from '../../src/report/render-report.js';
import { lineageChoices, reportLineages, survivingTrials } from '../../src/report/report-lineages.js';
import type { ReportData } from '../../src/report/report-data.js';
import { PBT_GENERATIONS, pbtReportData } from './sample-pbt-data.js';
import { EVIL, sampleReportData } from './sample-report-data.js';

type Point = number[] | { value: number[]; symbol?: string; symbolSize?: number };
interface Series {
  id: string;
  name: string;
  data: Point[];
  xAxisIndex?: number;
  yAxisIndex?: number;
  markLine?: { data: Array<{ xAxis: number; name: string }> };
  markArea?: { data: Array<[{ name: string; xAxis: number; label: { show: boolean; formatter?: string } }, { xAxis: number }]> };
}
interface Axis {
  type: string;
  name?: string;
  data?: string[];
  min?: number;
  max?: number;
}
const seriesOf = (option: unknown): Series[] => (option as { series: Series[] }).series;
const valueOf = (p: Point): number[] => (Array.isArray(p) ? p : p.value);

describe('the learning curves of a PBT study', () => {
  const data = pbtReportData();
  const chart = curvesChart(data);
  const series = seriesOf(chart.option);
  const trial = (n: number) => series.find((s) => s.id === `trial-${n}`)!;

  it("join each forked trial's line to its donor's point at the fork epoch", () => {
    // Trial 4 is a copy of trial 1 at epoch 3: its line starts at trial 1's value there (0.3), then its own epochs 4…9.
    expect(trial(4).data[0]).toEqual([3, 0.3]);
    expect(trial(4).data.slice(1).map(valueOf)).toEqual(data.curves[4]!.map((p) => [p.step, p.value]));
    expect(trial(5).data[0]).toEqual([6, 0.16]);
    expect(trial(5).data).toHaveLength(4);
    // Trials never forked start at their first epoch, as in any study.
    expect(trial(1).data[0]).toEqual([1, 0.9]);
    expect(trial(1).data).toHaveLength(9);
  });

  it('colour the trials whose weights live on apart from those that died out, under a lineage legend', () => {
    expect([0, 2].map((n) => trial(n).name)).toEqual(['died out', 'died out']);
    expect([1, 3, 4, 5].map((n) => trial(n).name)).toEqual(Array(4).fill('survivors & ancestors'));
    expect((chart.option as { legend: { data: string[] } }).legend.data).toEqual(['lineage', 'survivors & ancestors', 'died out']);
    expect(chart.caption).toContain("starts at its donor's point at the fork epoch");
  });

  it("draw the best trial's lineage as one line through its segments, forks as diamonds", () => {
    const lineage = series.find((s) => s.id === 'lineage')!;
    expect(series[series.length - 1]).toBe(lineage);
    // Trial 1's epochs 1–3, trial 4's 4–6, trial 5's 7–9: [step, value, trial].
    expect(lineage.data.map(valueOf)).toEqual([
      [1, 0.9, 1], [2, 0.5, 1], [3, 0.3, 1],
      [4, 0.26, 4], [5, 0.2, 4], [6, 0.16, 4],
      [7, 0.13, 5], [8, 0.1, 5], [9, 0.09, 5],
    ]);
    const diamonds = lineage.data.filter((p) => !Array.isArray(p) && p.symbol === 'diamond').map((p) => valueOf(p)[0]);
    expect(diamonds).toEqual([3, 6]);
  });

  it("carries every complete trial's lineage line, best first, for the page's select", () => {
    expect(Object.keys(chart.lineages!).map(Number).sort()).toEqual([1, 3, 4, 5]);
    const of4 = seriesOf(chart.lineages![4])[0]!;
    expect(of4.id).toBe('lineage');
    expect(of4.data.map((p) => valueOf(p)[2])).toEqual([1, 1, 1, 4, 4, 4, 4, 4, 4]);
    expect(seriesOf(chart.lineages![3])[0]!.data.map((p) => valueOf(p)[2])).toEqual(Array(9).fill(3));
  });

  it('fit the y axis to the trials whose weights live on: a line that died out may leave the top', () => {
    const spiky = pbtReportData();
    // Trial 0, replaced at epoch 3, blew up at epoch 2 without failing.
    spiky.curves[0]![1]!.value = 50;
    const yAxis = (curvesChart(spiky).option as { yAxis: { type: string; max?: number } }).yAxis;
    expect(yAxis.type).toBe('value');
    expect(yAxis.max).toBeGreaterThanOrEqual(0.97);
    expect(yAxis.max).toBeLessThan(2);
  });

  it('leave the curves of a study without forks as they were', () => {
    const plain = curvesChart(sampleReportData());
    expect(plain.lineages).toBeUndefined();
    expect(seriesOf(plain.option).some((s) => s.id === 'lineage')).toBe(false);
    expect(seriesOf(plain.option).every((s) => valueOf(s.data[0]!)[0] === 1)).toBe(true);
    // The same data with its forks removed draws as any study: by budget.
    const unforked = pbtReportData();
    for (const t of unforked.trials) delete t.forkOf;
    expect(seriesOf(curvesChart(unforked).option).map((s) => s.name)).toContain('budget 9');
  });
});

describe('the lineages a PBT report offers', () => {
  it('are the complete trials, best first, each with its chain of segments', () => {
    const data = pbtReportData();
    expect(lineageChoices(data)).toEqual([5, 4, 1, 3]);
    const [best] = reportLineages(data);
    expect(best!.segments.map((s) => [s.number, s.from, s.to, s.value, s.changed])).toEqual([
      [1, 0, 3, 0.3, ['batchSize', 'lr', 'weightDecay']],
      [4, 3, 6, 0.16, ['batchSize', 'lr']],
      [5, 6, 9, 0.09, ['lr']],
    ]);
    expect([...survivingTrials(data.trials)].sort()).toEqual([1, 3, 4, 5]);
  });

  it('are the members still training when none is complete', () => {
    const data = pbtReportData();
    for (const t of data.trials) if (t.state === 'complete') Object.assign(t, { state: 'queued', budget: 6 });
    expect(lineageChoices(data)).toEqual([1, 3, 4, 5]);
  });
});

describe('pbtScheduleChart', () => {
  const data = pbtReportData();
  const chart = pbtScheduleChart(data);
  const option = chart.option as { series: Series[]; xAxis: Axis[]; yAxis: Axis[] };

  it('has one panel per mutated param over epochs 0…maxBudget', () => {
    expect(chart.id).toBe('chart-pbt-schedule');
    expect(option.series.map((s) => [s.name, s.xAxisIndex, s.yAxisIndex])).toEqual([
      ['lr', 0, 0],
      ['batchSize', 1, 1],
    ]);
    expect(option.xAxis.map((a) => [a.min, a.max])).toEqual([
      [0, 9],
      [0, 9],
    ]);
    expect(option.xAxis[1]!.name).toBe('epoch');
  });

  it('puts a log param on a log axis and a categorical one on its choices, in order', () => {
    expect(option.yAxis[0]).toMatchObject({ type: 'log', name: 'lr' });
    expect(option.yAxis[1]).toMatchObject({ type: 'category', name: 'batchSize', data: ['16', '32', '64', '128'] });
    // Without the log in the space, lr's values (one decade apart at most) get a plain axis.
    const linear = pbtReportData();
    linear.space!.lr = { type: 'float', low: 1e-4, high: 1 };
    expect((pbtScheduleChart(linear).option as { yAxis: Axis[] }).yAxis[0]!.type).toBe('value');
  });

  it("steps once per segment of the best trial's lineage, with that segment's value", () => {
    const [lr, batch] = option.series;
    // Each segment is a start (a dot) and an end (none): the staircase 1 (0–3), 4 (3–6), 5 (6–9).
    expect(lr!.data.map(valueOf)).toEqual([
      [0, 0.01, 1, 3], [3, 0.01, 1, 3],
      [3, 0.012, 4, 6], [6, 0.012, 4, 6],
      [6, 0.0096, 5, 9], [9, 0.0096, 5, 9],
    ]);
    expect(batch!.data.map((p) => valueOf(p).slice(0, 2))).toEqual([[0, '64'], [3, '64'], [3, '32'], [6, '32'], [6, '32'], [9, '32']]);
    const dots = (s: Series) => s.data.filter((p) => !Array.isArray(p) && p.symbol !== 'none').map((p) => (p as { symbolSize: number }).symbolSize);
    // A larger dot where the fork changed the param: lr at both forks, batchSize at the first only.
    expect(dots(lr!)).toEqual([5, 9, 9]);
    expect(dots(batch!)).toEqual([5, 9, 5]);
  });

  it('marks the forks and labels the segments in the first panel', () => {
    const [lr, batch] = option.series;
    expect(lr!.markLine!.data).toEqual([
      { xAxis: 3, name: 'trial #4 is a copy of trial #1 at epoch 3' },
      { xAxis: 6, name: 'trial #5 is a copy of trial #4 at epoch 6' },
    ]);
    expect(batch!.markLine!.data.map((d) => d.xAxis)).toEqual([3, 6]);
    const areas = lr!.markArea!.data;
    expect(areas.map(([a, b]) => [a.xAxis, b.xAxis, a.name])).toEqual([
      [0, 3, 'epochs 0–3: trial #1'],
      [3, 6, 'epochs 3–6: trial #4, a copy of trial #1 at epoch 3'],
      [6, 9, 'epochs 6–9: trial #5, a copy of trial #4 at epoch 6'],
    ]);
    expect(areas[1]![0].label).toMatchObject({ show: true, formatter: 'trial #4\ncopy of trial #1 at epoch 3' });
    expect(batch!.markArea!.data.every(([a]) => a.label.show === false)).toBe(true);
  });

  it("carries every complete trial's schedule for the page's select", () => {
    expect(Object.keys(chart.lineages!).map(Number).sort()).toEqual([1, 3, 4, 5]);
    const of3 = seriesOf(chart.lineages![3]);
    expect(of3.map((s) => s.id)).toEqual(['param-0', 'param-1']);
    expect(of3[0]!.data.map(valueOf)).toEqual([
      [0, 0.001, 3, 9],
      [9, 0.001, 3, 9],
    ]);
    expect(of3[0]!.markLine!.data).toEqual([]);
  });

  it('falls back to every param and the highest budget when the report has no PBT options', () => {
    const bare: ReportData = { ...pbtReportData(), pbt: undefined };
    const o = pbtScheduleChart(bare).option as { series: Series[]; xAxis: Axis[] };
    expect(o.series.map((s) => s.name)).toEqual(['batchSize', 'lr', 'weightDecay']);
    expect(o.xAxis[0]!.max).toBe(9);
  });

  it('says so when no trial has a lineage to draw', () => {
    const failed = pbtReportData();
    for (const t of failed.trials) t.state = 'failed';
    expect((pbtScheduleChart(failed).option as { title?: { text: string } }).title?.text).toBe('No lineage to draw yet');
  });
});

describe('renderLineageTable', () => {
  it('has a row per segment: epochs, trial, what it started as, the changed params and the value at its end', () => {
    const [best] = reportLineages(pbtReportData());
    const table = renderLineageTable(best!.segments, 'val_loss');
    expect(table).toContain('<th class="num">val_loss at end</th>');
    const rows = [...table.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].slice(1).map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
    expect(rows).toEqual([
      ['0–3', '#1', 'first generation', 'batchSize 64, lr 0.01, weightDecay 0.001', '0.3'],
      ['3–6', '#4', 'copy of #1 at epoch 3', 'batchSize 64 → 32, lr 0.01 → 0.012', '0.16'],
      ['6–9', '#5', 'copy of #4 at epoch 6', 'lr 0.012 → 0.0096', '0.09'],
    ]);
    expect(table).toContain('<tr class="own"><td class="num">6–9</td>');
  });
});

describe('renderGenerationsTable', () => {
  it("has a row per generation: epochs, members, reached, the best and who was replaced by which fork, copying whom", () => {
    const table = renderGenerationsTable(PBT_GENERATIONS);
    const rows = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));
    expect(rows).toEqual([
      ['0', '0–3', '4', '4', '0.3 #1', '#0 → #4 (copy of #1)'],
      ['1', '3–6', '4', '4', '0.16 #4', '#2 → #5 (copy of #4)'],
      ['2', '6–9', '4', '4', '0.09 #5', 'none'],
    ]);
    // Several replacements go one per line; members that failed on the way are counted apart.
    const busy = renderGenerationsTable([{ ...PBT_GENERATIONS[0]!, reached: 3, failed: 1, replaced: [{ number: 0, by: 4, copyOf: 1 }, { number: 2, by: 5, copyOf: 3 }] }]);
    expect(busy).toContain('#0 → #4 <span class="note">(copy of #1)</span><br>#2 → #5 <span class="note">(copy of #3)</span>');
    expect(busy).toContain('<td class="num">3 <span class="note" title="failed on the way: replaced at the end">+1 failed</span></td>');
    expect(table).not.toMatch(/promot|rung/);
  });
});

describe('a PBT report', () => {
  const html = renderReport(pbtReportData());

  it('shows the generations table in place of the rung table; other studies keep their rung table', () => {
    expect(html).not.toContain('id="rungs"');
    expect(html).toContain('<section class="card" id="generations"><h2>Generations</h2>');
    expect(html).toContain(renderGenerationsTable(PBT_GENERATIONS));
    const plain = renderReport(sampleReportData());
    expect(plain).toContain('<section class="card" id="rungs"><h2>Rungs</h2>');
    expect(plain).not.toContain('id="generations"');
    // With repeats, members are configurations, named by their first trial.
    const data = pbtReportData();
    data.pbt!.repeats = 2;
    expect(renderReport(data)).toContain('Members are configurations (× 2 repeats: 8 trials), each named by its first trial.');
    expect(html).not.toContain('Members are configurations');
  });

  it('notes on the importance, parallel coordinates and slice plots that a trial counts with its last params only', () => {
    const note = ` Note: ${PBT_PARAMS_NOTE}.`;
    const data = pbtReportData();
    expect(importanceChart(data).caption.endsWith(note)).toBe(true);
    expect(parallelChart(data).caption.endsWith(note)).toBe(true);
    const escaped = note.replace(/'/g, '&#39;');
    expect(html).toContain(`grey points are pruned trials.${escaped}</p>`);
    const plain = sampleReportData();
    expect(importanceChart(plain).caption).not.toContain('Note:');
    expect(parallelChart(plain).caption).not.toContain('Note:');
    expect(renderReport(plain)).not.toContain(PBT_PARAMS_NOTE.replace(/'/g, '&#39;'));
  });

  it('opens with the PBT schedule, a select of the complete trials (best first), then the lineage tables', () => {
    expect(html.indexOf('id="chart-pbt-schedule"')).toBeLessThan(html.indexOf('id="chart-history"'));
    expect(html.indexOf('id="chart-pbt-schedule"')).toBeLessThan(html.indexOf('<section class="card full" id="lineage">'));
    const options = [...html.matchAll(/<option value="(\d+)"( selected)?>([^<]*)<\/option>/g)].map((m) => [Number(m[1]), m[2] !== undefined, m[3]]);
    expect(options).toEqual([
      [5, true, 'trial #5 · val_loss 0.09 (best)'],
      [4, false, 'trial #4 · val_loss 0.11'],
      [1, false, 'trial #1 · val_loss 0.15'],
      [3, false, 'trial #3 · val_loss 0.25'],
    ]);
    // One table per offered trial; the best one's shown, the others hidden until picked.
    expect([...html.matchAll(/<div class="table-wrap" data-lineage="(\d+)"( hidden)?>/g)].map((m) => [Number(m[1]), m[2] !== undefined])).toEqual([
      [5, false],
      [4, true],
      [1, true],
      [3, true],
    ]);
    expect(html).toContain('FUNCTIONS.schedule = function');
    expect(html).toContain("lineageSelect.addEventListener('change'");
  });

  it('leaves a report without forks without any of it', () => {
    const plain = renderReport(sampleReportData());
    for (const text of ['chart-pbt-schedule', 'lineage', 'forkOf', 'PBT']) expect(plain).not.toContain(text);
  });

  it('keeps a hostile metric, param name and choice as text in the schedule, the select and the lineage table', () => {
    const data = pbtReportData();
    data.study.metric = EVIL;
    for (const t of data.trials) {
      t.params = { ...t.params, [EVIL]: t.params.batchSize === 32 ? EVIL : 'plain' };
      delete t.params.batchSize;
    }
    data.space = { lr: data.space!.lr!, [EVIL]: { type: 'categorical', choices: ['plain', EVIL] } };
    data.pbt = { ...data.pbt!, mutate: ['lr', EVIL] };
    const evil = renderReport(data);
    expect(evil.match(/<script\b/gi)?.length).toBe(4);
    const markup = evil.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2');
    expect(markup).not.toContain('<img');
    expect(markup).toContain('&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt; plain → &lt;/script&gt;');
    const schedule = pbtScheduleChart(data).option as { yAxis: Axis[] };
    expect(schedule.yAxis[1]).toMatchObject({ type: 'category', name: EVIL, data: ['plain', EVIL] });
  });
});
