import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderReport } from '../../src/report/render-report.js';
import type { ReportData } from '../../src/report/report-data.js';
import { checkReportPage, launchChromium, type PageCheck } from './chromium.js';
import {
  emptyReportData,
  manyParamsReportData,
  noValueReportData,
  sampleReportData,
  singleParamReportData,
} from './sample-report-data.js';

const OUT = resolve('test-output/report');

let browser: Browser | undefined;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function renderAndCheck(data: ReportData, name: string, screenshot?: string): Promise<PageCheck> {
  if (browser === undefined) throw new Error('Chromium did not start (see the beforeAll error)');
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, renderReport(data));
  return checkReportPage(browser, file, screenshot === undefined ? undefined : join(OUT, screenshot));
}

function expectAllDrawn(check: PageCheck, expectedCharts: number): void {
  expect(check.consoleErrors).toEqual([]);
  expect(check.networkRequests).toEqual([]);
  expect(check.drawn).toBe(expectedCharts);
  expect(check.ids).toEqual(check.containers);
  for (const chart of check.charts) {
    expect(chart.width, `${chart.id} has a canvas`).toBeGreaterThan(0);
    expect(chart.inked, `${chart.id} drew something`).toBeGreaterThan(100);
  }
}

describe('renderReport in headless Chromium', () => {
  it('draws every chart of a 30-trial study with no console errors and writes a screenshot', async () => {
    const check = await renderAndCheck(sampleReportData(), 'report', 'report.png');
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
  }, 60_000);

  it('draws placeholders for a study with zero trials', async () => {
    expectAllDrawn(await renderAndCheck(emptyReportData(), 'empty'), 4);
  }, 60_000);

  it('handles trials that have no value yet', async () => {
    expectAllDrawn(await renderAndCheck(noValueReportData(), 'no-values'), 7);
  }, 60_000);

  it('handles a single param', async () => {
    expectAllDrawn(await renderAndCheck(singleParamReportData(), 'single-param'), 5);
  }, 60_000);

  it('wraps 24 slice plots in a grid', async () => {
    expectAllDrawn(await renderAndCheck(manyParamsReportData(), 'many-params', 'many-params.png'), 28);
  }, 60_000);
});
