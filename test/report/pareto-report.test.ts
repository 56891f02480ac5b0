import { describe, expect, it } from 'vitest';
import { paretoChart } from '../../src/report/pareto-chart.js';
import { historyChart } from '../../src/report/history-chart.js';
import { importanceChart } from '../../src/report/importance-chart.js';
import { renderFrontTable } from '../../src/report/render-front-table.js';
import { renderReportHeader } from '../../src/report/render-report-header.js';
import { renderReport } from '../../src/report/render-report.js';
import type { ReportData } from '../../src/report/report-data.js';
import type { Objective } from '../../src/search/strategy.js';
import { LOSS_SIZE_THROUGHPUT, multiObjectiveReportData, sampleReportData } from './sample-report-data.js';

interface Series {
  type: string;
  id?: string;
  name: string;
  data: Array<[number, number, number]>;
  step?: string;
}
interface Axis {
  type: string;
  name: string;
}
const optionOf = (data: ReportData) => {
  const objectives = data.study.objectives!;
  const chart = paretoChart(data, objectives);
  return { chart, option: chart.option as unknown as { series: Series[]; xAxis: Axis; yAxis: Axis; tooltip: { formatter: string } } };
};
const numbers = (s: Series | undefined) => s?.data.map((p) => p[2]);

describe('paretoChart', () => {
  it('draws every complete trial on the first two objectives, the front as its own series joined by a step line in front order', () => {
    const data = multiObjectiveReportData();
    const { chart, option } = optionOf(data);
    expect(chart.id).toBe('chart-pareto');
    const [others, front, line] = option.series;
    expect(option.series.map((s) => [s.type, s.name])).toEqual([
      ['scatter', 'other trials'],
      ['scatter', 'Pareto front'],
      ['line', 'Pareto front'],
    ]);
    expect(numbers(front)).toEqual(data.paretoFront);
    expect(numbers(line)).toEqual(data.paretoFront);
    expect(line!.step).toBe('end');
    // The rest of the complete trials, and no failed or running one.
    const complete = data.trials.filter((t) => t.state === 'complete').map((t) => t.number);
    expect([...numbers(others)!, ...numbers(front)!].sort((a, b) => a - b)).toEqual(complete);
    expect(numbers(others)).not.toContain(5);
    expect(numbers(others)).not.toContain(29);
    // Points are the trials' objective values.
    const t0 = data.trials[data.paretoFront![0]!]!;
    expect(front!.data[0]).toEqual([t0.metrics.val_loss, t0.metrics.model_size, t0.number]);
    expect(option.tooltip.formatter).toBe('@objectives');
  });

  it('names the axes by metric and direction, log where a positive metric spans decades', () => {
    const { option } = optionOf(multiObjectiveReportData());
    expect(option.xAxis).toMatchObject({ name: 'val_loss ↓ minimize', type: 'value' });
    expect(option.yAxis).toMatchObject({ name: 'model_size ↓ minimize', type: 'log' });
    const swapped = multiObjectiveReportData([LOSS_SIZE_THROUGHPUT[2]!, LOSS_SIZE_THROUGHPUT[0]!]);
    expect(optionOf(swapped).option.xAxis.name).toBe('throughput ↑ maximize');
  });

  it('with three objectives draws the first two, without a line, and says which are left out', () => {
    const data = multiObjectiveReportData(LOSS_SIZE_THROUGHPUT);
    const { chart, option } = optionOf(data);
    expect(option.series.map((s) => s.type)).toEqual(['scatter', 'scatter']);
    expect(numbers(option.series[1])).toEqual(data.paretoFront);
    expect(chart.caption).toContain('With 3 objectives only the first two are drawn (not throughput)');
    // The front on three objectives holds trials the first two alone would not.
    expect(data.paretoFront!.length).toBeGreaterThan(multiObjectiveReportData().paretoFront!.length);
  });

  it('keeps metric names as data (escaped where the page writes them)', () => {
    const evil: Objective[] = [
      { metric: 'val<loss>', direction: 'minimize' },
      { metric: '<img src=x onerror=alert(1)>', direction: 'maximize' },
    ];
    const data = multiObjectiveReportData(evil);
    const { chart, option } = optionOf(data);
    expect(option.xAxis.name).toBe('val<loss> ↓ minimize');
    expect(chart.caption).toContain('val<loss>');
    const html = renderReport(data);
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2');
    expect(markup).not.toContain('<img');
    expect(markup).toContain('by val&lt;loss&gt; and &lt;img src=x onerror=alert(1)&gt;');
    expect(markup).toContain('<th class="num">&lt;img src=x onerror=alert(1)&gt; ↑ maximize</th>');
    expect(html.match(/<script\b/gi)?.length).toBe(4);
  });

  it('says so when no complete trial has every objective yet', () => {
    const data = multiObjectiveReportData();
    const none = { ...data, trials: data.trials.filter((t) => t.state !== 'complete'), paretoFront: [] };
    const option = paretoChart(none, data.study.objectives!).option as { title?: { text: string }; series?: unknown };
    expect(option.title?.text).toBe('No complete trial with a value for every objective yet');
    expect(option.series).toBeUndefined();
  });
});

describe('a multi-objective report', () => {
  const data = multiObjectiveReportData();

  it('lists the objectives and the front size in the header, not one metric and one best', () => {
    const header = renderReportHeader(data);
    expect(header).toContain('<dt>objectives</dt><dd>val_loss <span class="dir" title="minimize">↓ minimize</span>, model_size <span class="dir" title="minimize">↓ minimize</span></dd>');
    expect(header).not.toContain('<dt>metric</dt>');
    expect(header).toContain('<div class="label">Pareto front</div><div class="value">7 trials</div>');
    expect(header).toContain(data.paretoFront!.map((n) => `#${n}`).join(' '));
    expect(renderReportHeader({ ...data, paretoFront: [] })).toContain('No complete trial with a value for every objective yet');
  });

  it('tables the front with a column per objective, in front order', () => {
    const table = renderFrontTable(data, LOSS_SIZE_THROUGHPUT);
    expect(table.match(/<th[^>]*>[^<]*<\/th>/g)).toEqual([
      '<th class="num">trial</th>',
      '<th class="num">val_loss ↓ minimize</th>',
      '<th class="num">model_size ↓ minimize</th>',
      '<th class="num">throughput ↑ maximize</th>',
      '<th>hidden</th>',
      '<th>lr</th>',
      '<th>optimizer</th>',
    ]);
    expect([...table.matchAll(/<tr><td class="num">#(\d+)</g)].map((m) => Number(m[1]))).toEqual(data.paretoFront);
    // By the first objective, best first.
    const losses = data.paretoFront!.map((n) => data.trials[n]!.metrics.val_loss!);
    expect(losses).toEqual([...losses].sort((a, b) => a - b));
    expect(renderFrontTable({ ...data, paretoFront: [] }, LOSS_SIZE_THROUGHPUT)).toContain('No complete trial');
  });

  it('puts the Pareto chart first and the front table in place of the top configurations', () => {
    const html = renderReport(data);
    expect(html.indexOf('id="chart-pareto"')).toBeLessThan(html.indexOf('id="chart-history"'));
    expect(html).toContain('<section class="card full" id="front"><h2>Pareto front</h2>');
    expect(html).not.toContain('id="top"');
    expect(html).toContain('FUNCTIONS.objectives = function');
  });

  it('draws the history of the first objective without a best-so-far line, and ranks importance on it, saying so', () => {
    const history = historyChart(data);
    const series = (history.option as { series: Array<{ id?: string; name: string }> }).series;
    expect(series.map((s) => s.name)).toEqual(['complete', 'failed']);
    expect(series.some((s) => s.id === 'best')).toBe(false);
    expect(history.caption).toContain('the first of 2 objectives');
    expect(importanceChart(data).caption).toContain('val_loss, the first of 2 objectives');
  });

  it('leaves a single-objective report without any of it', () => {
    const html = renderReport(sampleReportData());
    for (const text of ['chart-pareto', 'id="front"', 'objectives', 'paretoFront', 'Pareto']) expect(html).not.toContain(text);
    expect(html).toContain('id="top"');
    expect((historyChart(sampleReportData()).option as { series: Array<{ id?: string }> }).series.some((s) => s.id === 'best')).toBe(true);
  });
});
