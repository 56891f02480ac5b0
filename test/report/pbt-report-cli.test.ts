/**
 * A real PBT study, run and reported by the built CLI as child processes, then opened in headless
 * Chromium: the page has the PBT schedule chart and the lineage table of the best trial (as
 * StudyStore.lineage gives it), and picking another trial in the select redraws both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openStorage } from '../../src/index.js';
import type { LineageSegment } from '../../src/stats/lineage.js';
import { runCli } from '../helpers/run-cli.js';
import { checkReportPage, launchChromium } from './chromium.js';
import { OUT, runAndReport } from './run-and-report.js';
import type { PbtGeneration } from '../../src/search/pbt-history.js';
import { escapeHtml } from '../../src/report/escape-html.js';
import { generationsCaption, renderGenerationsTable } from '../../src/report/render-generations-table.js';
import { PBT_PARAMS_NOTE } from '../../src/stats/pbt-params-note.js';


const STUDY = {
  name: 'pbt-report-e2e',
  seed: 11,
  task: { dataset: 'digits', model: { type: 'mlp', hidden: [16] }, optimizer: { optimizer: 'adam' } },
  metric: 'val_loss',
  space: {
    lr: { type: 'float', low: 0.0001, high: 0.5, log: true },
    batchSize: { type: 'categorical', choices: [16, 32, 64, 128] },
    weightDecay: { type: 'float', low: 1e-6, high: 0.01, log: true },
  },
  strategy: { type: 'pbt', population: 6, interval: 2, maxBudget: 8, quantile: 0.5, mutate: ['lr', 'batchSize', 'weightDecay'] },
};

/** What the checks read of the page (the project's tsconfig has no DOM lib). */
interface Page {
  echarts: { getInstanceByDom(el: unknown): { getOption(): { series: Array<{ id?: string; data: unknown[]; markLine?: { data: unknown[] } }> } } };
  document: {
    getElementById(id: string): unknown;
    querySelectorAll(selector: string): ArrayLike<{ hidden: boolean; getAttribute(name: string): string | null; querySelectorAll(s: string): ArrayLike<unknown> }>;
  };
}

let dir: string;
let db: string;
let file: string;
let browser: Browser | undefined;
let best: number;
let lineages: Map<number, LineageSegment[]>;

beforeAll(async () => {
  ({ dir, db, file } = await runAndReport(STUDY, 'pbt-cli', 1));
  const bestRun = await runCli(['best', STUDY.name, '--db', db, '--json', '--top', '1']);
  best = (JSON.parse(bestRun.stdout) as Array<{ number: number }>)[0]!.number;
  const store = openStorage(db);
  try {
    const complete = (await store.storage.getTrials((await store.study(STUDY.name)).id)).filter((t) => t.state === 'complete');
    lineages = new Map(await Promise.all(complete.map(async (t) => [t.number, await store.lineage(STUDY.name, t.number)] as const)));
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('rungs report on a PBT study', () => {
  it("writes the PBT schedule chart and the best trial's lineage table", () => {
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<h2>PBT schedule</h2>');
    expect(html).toContain('<div class="chart" id="chart-pbt-schedule"');
    expect(html).toMatch(new RegExp(`<option value="${best}" selected>trial #${best} · val_loss [0-9.e-]+ \\(best\\)</option>`));
    // The table shown is the best trial's lineage, as the store gives it: one row per segment.
    const shown = /<div class="table-wrap" data-lineage="(\d+)">([\s\S]*?)<\/div>/.exec(html)!;
    expect(Number(shown[1])).toBe(best);
    const rows = [...shown[2]!.matchAll(/<tr(?: class="own")?><td class="num">(\d+)–(\d+)<\/td><td class="num">#(\d+)<\/td>/g)].map((m) => m.slice(1).map(Number));
    expect(rows).toEqual(lineages.get(best)!.map((s) => [s.from, s.to, s.number]));
    // Every complete trial is offered, and some have forks: at each boundary half the population is replaced.
    expect([...html.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b)).toEqual([...lineages.keys()].sort((a, b) => a - b));
    expect([...lineages.values()].some((l) => l.length > 1)).toBe(true);
  });

  it('shows the generations `rungs show` prints in place of the rung table', async () => {
    const html = readFileSync(file, 'utf8');
    const show = await runCli(['show', STUDY.name, '--db', db, '--json']);
    expect(show.code, show.stderr).toBe(0);
    const { generations } = JSON.parse(show.stdout) as { generations: PbtGeneration[] };
    // 6 members, half replaced at each of the boundaries 2, 4 and 6.
    expect(generations.map((g) => g.replaced.length)).toEqual([3, 3, 3, 0]);
    expect(html).not.toContain('<h2>Rungs</h2>');
    expect(html).toContain(`<h2>Generations</h2><p class="caption">${escapeHtml(generationsCaption(generations, 1))}</p><div class="table-wrap">${renderGenerationsTable(generations)}</div>`);
  });

  it('notes on the importance, parallel coordinates and slice plots that a trial counts with its last params only', () => {
    const html = readFileSync(file, 'utf8');
    // The importance, parallel coordinates and slice plots keep their numbers, with a caption note each.
    const note = escapeHtml(` Note: ${PBT_PARAMS_NOTE}.`);
    const charts = JSON.parse(/<script type="application\/json" id="rungs-charts">([\s\S]*?)<\/script>/.exec(html)![1]!) as { id: string; caption: string }[];
    expect(charts.filter((c) => c.caption.endsWith(` Note: ${PBT_PARAMS_NOTE}.`)).map((c) => c.id)).toEqual(['chart-parallel', 'chart-importance']);
    expect(html.split(note)).toHaveLength(4);
  });

  it('draws it in Chromium, and redraws the schedule, the lineage line and the table for a picked trial', async () => {
    browser = await launchChromium();
    const check = await checkReportPage(browser, file, join(OUT, 'pbt-cli.png'), [
      { chartId: 'chart-pbt-schedule', seriesIndex: 0, dataIndex: 0 },
    ]);
    expect(check.consoleErrors).toEqual([]);
    expect(check.networkRequests).toEqual([]);
    // The schedule, history, curves, parallel, importance and a slice per param (3).
    expect(check.ids).toEqual(['chart-pbt-schedule', 'chart-history', 'chart-curves', 'chart-parallel', 'chart-importance', 'chart-slice-0', 'chart-slice-1', 'chart-slice-2']);
    for (const chart of check.charts) expect(chart.inked, `${chart.id} drew something`).toBeGreaterThan(100);
    expect(check.tooltips[0]).toMatch(new RegExp(`^lr = [0-9.e-]+\\s+epochs 0–\\d+: trial #${lineages.get(best)![0]!.number}`));

    // Pick the complete trial with the longest lineage other than the best.
    const [picked, segments] = [...lineages].filter(([n]) => n !== best).sort((a, b) => b[1].length - a[1].length)[0]!;
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as unknown as { __rungsCharts?: unknown }).__rungsCharts !== undefined);
      await page.selectOption('#lineage-select', String(picked));
      const state = await page.evaluate(() => {
        const g = globalThis as unknown as Page;
        const option = (id: string) => g.echarts.getInstanceByDom(g.document.getElementById(id)).getOption();
        const lr = option('chart-pbt-schedule').series[0]!;
        const line = option('chart-curves').series.find((s) => s.id === 'lineage')!;
        const tables = Array.from(g.document.querySelectorAll('[data-lineage]'));
        return {
          forks: lr.markLine?.data.length,
          steps: lr.data.length,
          lineTrials: line.data.map((p) => {
            const v = Array.isArray(p) ? p : (p as { value: number[] }).value;
            return v[2];
          }),
          shown: tables.filter((t) => !t.hidden).map((t) => [Number(t.getAttribute('data-lineage')), t.querySelectorAll('tbody tr').length]),
        };
      });
      expect(state.shown).toEqual([[picked, segments.length]]);
      expect(state.forks).toBe(segments.length - 1);
      expect(state.steps).toBe(2 * segments.length);
      expect([...new Set(state.lineTrials)]).toEqual(segments.map((s) => s.number));

      // Another metric's curves have no lineage line; back to the study's metric, the picked trial's comes back.
      const lineageOn = () =>
        page.evaluate(() => {
          const g = globalThis as unknown as Page;
          const line = g.echarts.getInstanceByDom(g.document.getElementById('chart-curves')).getOption().series.find((s) => s.id === 'lineage');
          return line ? [...new Set(line.data.map((p) => (Array.isArray(p) ? p : (p as { value: number[] }).value)[2]))] : null;
        });
      await page.selectOption('#chart-curves-metric', 'train_loss');
      expect(await lineageOn()).toBeNull();
      await page.selectOption('#lineage-select', String(best));
      expect(await lineageOn()).toBeNull();
      await page.selectOption('#lineage-select', String(picked));
      await page.selectOption('#chart-curves-metric', '');
      expect(await lineageOn()).toEqual(segments.map((s) => s.number));
    } finally {
      await page.close();
    }
  }, 60_000);
});
