/**
 * The other metrics' curves, end to end: a real study run by the built CLI on worker threads stores
 * train_loss, val_accuracy and val_log_loss at every epoch (trial_metric_curves), and its report,
 * opened in headless Chromium, redraws the learning curves with the metric picked in their select.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import type { MetricCurves } from '../../src/pool/protocol.js';
import type { TrialRow } from '../../src/storage/storage.js';
import { checkReportPage, launchChromium } from './chromium.js';
import { OUT, runAndReport } from './run-and-report.js';

const STUDY = {
  name: 'metric-curves-e2e',
  seed: 3,
  metric: 'val_loss',
  task: { dataset: 'iris', model: 'softmax' },
  space: { lr: { type: 'float', low: 0.001, high: 0.5, log: true }, batchSize: { type: 'categorical', choices: [8, 32] } },
  strategy: { type: 'successive-halving', candidates: 9, reductionFactor: 3, minBudget: 1, maxBudget: 9 },
};

/** What the checks read of the page (the project's tsconfig has no DOM lib). */
interface Page {
  echarts: {
    getInstanceByDom(el: unknown): { getOption(): { yAxis: Array<{ name: string }>; series: Array<{ id?: string; data: unknown[] }> } };
  };
  document: { getElementById(id: string): unknown };
}

let file: string;
let browser: Browser | undefined;
let trials: TrialRow[];
let curves: MetricCurves[];

beforeAll(async () => {
  let db: string;
  ({ db, file } = await runAndReport(STUDY, 'metric-curves', 2));
  const storage = openSqliteStorage(db);
  try {
    trials = await storage.getTrials((await storage.getStudy(STUDY.name))!.id);
    curves = await storage.getMetricCurves(trials.map((t) => t.id));
  } finally {
    await storage.close();
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("a study's other metrics' curves", () => {
  it('are stored at every epoch each trial trained, across its promotions, ending at its metrics', () => {
    expect(trials).toHaveLength(9);
    expect(Math.max(...trials.map((t) => t.budget))).toBe(9);
    trials.forEach((t, i) => {
      const c = curves[i]!;
      expect(Object.keys(c).sort()).toEqual(['train_loss', 'val_accuracy', 'val_log_loss']);
      for (const [name, points] of Object.entries(c)) {
        expect(points.map((p) => p.step)).toEqual(Array.from({ length: t.budget }, (_, k) => k + 1));
        expect(points.at(-1)!.value).toBe(t.metrics[name]);
      }
    });
  });

  it('are drawn in the report when picked in the learning curves\' select, and the study metric again when picked back', async () => {
    browser = await launchChromium();
    const check = await checkReportPage(browser, file, join(OUT, 'metric-curves.png'), []);
    expect(check.consoleErrors).toEqual([]);
    expect(check.networkRequests).toEqual([]);
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as unknown as { __rungsCharts?: unknown }).__rungsCharts !== undefined);
      const shown = () =>
        page.evaluate(() => {
          const g = globalThis as unknown as Page;
          const option = g.echarts.getInstanceByDom(g.document.getElementById('chart-curves')).getOption();
          return { y: option.yAxis[0]!.name, series: option.series.map((s) => ({ id: s.id, data: s.data })) };
        });
      expect((await shown()).y).toBe('val_loss');
      await page.selectOption('#chart-curves-metric', 'val_accuracy');
      const accuracy = await shown();
      expect(accuracy.y).toBe('val_accuracy');
      // One line per trial, its points the stored curve's.
      expect(accuracy.series.map((s) => s.id).sort()).toEqual(trials.map((t) => `trial-${t.number}`).sort());
      trials.forEach((t, i) => {
        const line = accuracy.series.find((s) => s.id === `trial-${t.number}`)!;
        expect(line.data).toEqual(curves[i]!['val_accuracy']!.map((p) => [p.step, p.value]));
      });
      await page.selectOption('#chart-curves-metric', '');
      expect((await shown()).y).toBe('val_loss');
    } finally {
      await page.close();
    }
  }, 60_000);
});
