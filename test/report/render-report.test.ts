import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderReport } from '../../src/report/render-report.js';
import type { ReportData } from '../../src/report/report-data.js';
import { checkReportPage, launchChromium, type PageCheck, type TooltipProbe } from './chromium.js';
import {
  EVIL,
  LOSS_SIZE_THROUGHPUT,
  emptyReportData,
  multiObjectiveReportData,
  hostileReportData,
  manyParamsReportData,
  noValueReportData,
  conditionalReportData,
  sampleReportData,
  singleParamReportData,
} from './sample-report-data.js';

const OUT = resolve('test-output/report');

// Launched by the first test that needs it; when Chromium is missing every
// test fails with the install hint (a missing browser is never a skip).
let browser: Promise<Browser> | undefined;
const getBrowser = (): Promise<Browser> => (browser ??= launchChromium());

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.then((b) => b.close()).catch(() => undefined);
});

async function renderAndCheck(data: ReportData, name: string, screenshot?: string, probes: TooltipProbe[] = []): Promise<PageCheck> {
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, renderReport(data));
  return checkReportPage(await getBrowser(), file, screenshot === undefined ? undefined : join(OUT, screenshot), probes);
}

function expectAllDrawn(check: PageCheck, expectedCharts: number): void {
  expect(check.consoleErrors).toEqual([]);
  expect(check.networkRequests).toEqual([]);
  expect(check.pwned).toBe(false);
  expect(check.drawn).toBe(expectedCharts);
  expect(check.ids).toEqual(check.containers);
  for (const chart of check.charts) {
    expect(chart.width, `${chart.id} has a canvas`).toBeGreaterThan(0);
    expect(chart.inked, `${chart.id} drew something`).toBeGreaterThan(100);
  }
}

describe('renderReport in headless Chromium', () => {
  it('draws every chart of a 30-trial study with no console errors and writes a screenshot', async () => {
    const check = await renderAndCheck(sampleReportData(), 'report', 'report.png', [
      { chartId: 'chart-history', seriesIndex: 0, dataIndex: 0 },
      { chartId: 'chart-curves', seriesIndex: 0, dataIndex: 2 },
      { chartId: 'chart-importance', seriesIndex: 0, dataIndex: 0 },
      { chartId: 'chart-slice-1', seriesIndex: 0, dataIndex: 0 },
    ]);
    // history, curves, parallel, importance + one slice per param (3).
    expectAllDrawn(check, 7);
    expect(check.ids).toEqual([
      'chart-history',
      'chart-curves',
      'chart-parallel',
      'chart-importance',
      'chart-slice-0',
      'chart-slice-1',
      'chart-slice-2',
    ]);
    expect(existsSync(join(OUT, 'report.png'))).toBe(true);
    const [history, curve, importance, slice] = check.tooltips;
    expect(history).toMatch(/Trial #\d+\s+complete/);
    expect(history).toContain('optimizer');
    expect(curve).toMatch(/Trial #0[\s\S]*step 3: /);
    expect(importance).toBe('lr: 0.62');
    expect(slice).toMatch(/Trial #\d+/);
  }, 60_000);

  it('keeps hostile names and params as text, in the page and in tooltips', async () => {
    // Series 1 of the history is "pruned"; its first point is trial 0, whose optimizer is EVIL.
    const check = await renderAndCheck(hostileReportData(), 'hostile', undefined, [
      { chartId: 'chart-history', seriesIndex: 1, dataIndex: 0 },
    ]);
    expectAllDrawn(check, 7);
    expect(check.tooltips[0]).toContain('Trial #0');
    expect(check.tooltips[0]).toContain(EVIL);
  }, 60_000);

  it('draws placeholders for a study with zero trials', async () => {
    expectAllDrawn(await renderAndCheck(emptyReportData(), 'empty'), 4);
    // Its params are not known from trials yet: it says so, not that the study has none.
    const html = renderReport(emptyReportData());
    expect(html).toContain('No trials yet');
    expect(html).not.toContain('No parameters');
  }, 60_000);

  it('handles trials that have no value yet', async () => {
    expectAllDrawn(await renderAndCheck(noValueReportData(), 'no-values'), 7);
  }, 60_000);

  it('handles a single param', async () => {
    expectAllDrawn(await renderAndCheck(singleParamReportData(), 'single-param'), 5);
  }, 60_000);

  it('draws a conditional param that only some trials have, with a slice plot of those trials', async () => {
    const data = conditionalReportData();
    const having = data.trials.filter((t) => t.params.momentum !== undefined).length;
    expect(having).toBeGreaterThan(3);
    expect(having).toBeLessThan(data.trials.length);
    // history, curves, parallel, importance + one slice per param (4, momentum's sorted after lr).
    const check = await renderAndCheck(data, 'conditional', 'conditional.png', [{ chartId: 'chart-slice-2', seriesIndex: 0, dataIndex: 0 }]);
    expectAllDrawn(check, 8);
    expect(check.tooltips[0]).toMatch(/Trial #\d+/);
    expect(check.tooltips[0]).toContain('momentum');
    // The parallel chart has no momentum axis (a line would cross it where the trial has no value) and says so.
    const html = readFileSync(join(OUT, 'conditional.html'), 'utf8');
    expect(html).toContain('Not shown, as only some trials have it (see the slice plots): momentum.');
  }, 60_000);

  it('draws a multi-objective study: the Pareto front chart first, with a tooltip giving every objective', async () => {
    const data = multiObjectiveReportData();
    const first = data.paretoFront![0]!;
    const check = await renderAndCheck(data, 'pareto', 'pareto.png', [
      { chartId: 'chart-pareto', seriesIndex: 1, dataIndex: 0 },
      { chartId: 'chart-pareto', seriesIndex: 0, dataIndex: 0 },
    ]);
    // pareto, history, curves, parallel, importance + one slice per param (3).
    expectAllDrawn(check, 8);
    expect(check.ids[0]).toBe('chart-pareto');
    const [front, other] = check.tooltips;
    expect(front).toContain(`Trial #${first} on the Pareto front`);
    expect(front).toMatch(/val_loss ↓ = [\d.]+\s+model_size ↓ = \d+/);
    expect(front).toContain('optimizer');
    expect(other).toMatch(/^Trial #\d+\s+val_loss/);
    expect(other).not.toContain('Pareto front');
  }, 60_000);

  it('draws a three-objective study whose metric names are hostile, keeping them as text', async () => {
    const objectives = LOSS_SIZE_THROUGHPUT.map((o, i) => (i === 2 ? { ...o, metric: EVIL } : o));
    const check = await renderAndCheck(multiObjectiveReportData(objectives), 'pareto-3', undefined, [
      { chartId: 'chart-pareto', seriesIndex: 1, dataIndex: 0 },
    ]);
    expectAllDrawn(check, 8);
    expect(check.tooltips[0]).toContain(`${EVIL} ↑ = `);
  }, 60_000);

  it('wraps 24 slice plots in a grid', async () => {
    expectAllDrawn(await renderAndCheck(manyParamsReportData(), 'many-params', 'many-params.png'), 28);
  }, 60_000);
});
