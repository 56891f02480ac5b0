/**
 * Headless Chromium for the report tests, driven by playwright-core with the
 * system browser (never a downloaded one). Missing Chromium is a failure, not
 * a skip: CI installs it.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['RUNGS_CHROMIUM'] ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the report tests need a real browser. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (or set RUNGS_CHROMIUM to its path).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The little of the page's globals the checks use (the project's tsconfig has no DOM lib). */
interface PageGlobals {
  __rungsCharts?: { drawn: number; ids: string[] };
  __pwned?: unknown;
  echarts: {
    getInstanceByDom(el: unknown): { dispatchAction(action: Record<string, unknown>): void } | undefined;
  };
  document: {
    querySelectorAll(selector: string): ArrayLike<{ id: string }>;
    getElementById(id: string): { querySelector(selector: string): CanvasLike | null; innerText: string } | null;
  };
}

interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

export interface ChartCheck {
  id: string;
  width: number;
  height: number;
  /** Pixels whose colour is not the white background. */
  inked: number;
}

export interface PageCheck {
  drawn: number;
  ids: string[];
  /** Ids of every `.chart` container in the page. */
  containers: string[];
  charts: ChartCheck[];
  consoleErrors: string[];
  /** Requests to anything but file: or data: URLs. */
  networkRequests: string[];
  /** Whether data in the page managed to run script (sets window.__pwned). */
  pwned: boolean;
  /** Text of the tooltip shown for each requested point, in order. */
  tooltips: string[];
}

/** A data point whose tooltip to show (via ECharts' showTip action). */
export interface TooltipProbe {
  chartId: string;
  seriesIndex: number;
  dataIndex: number;
}

/** Opens `file` in a new page, waits for the charts, and measures each chart's canvas. */
export async function checkReportPage(
  browser: Browser,
  file: string,
  screenshot?: string,
  probes: readonly TooltipProbe[] = [],
): Promise<PageCheck> {
  const page: Page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const consoleErrors: string[] = [];
  const networkRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    if (!/^(file|data|blob):/.test(req.url())) networkRequests.push(req.url());
  });
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__rungsCharts !== undefined, undefined, {
      timeout: 20_000,
    });
    const result = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const rungsCharts = g.__rungsCharts ?? { drawn: 0, ids: [] };
      const containers = Array.from(g.document.querySelectorAll('.chart'), (el) => el.id);
      const charts = containers.map((id) => {
        const canvas = g.document.getElementById(id)?.querySelector('canvas');
        if (!canvas || canvas.width === 0 || canvas.height === 0) return { id, width: 0, height: 0, inked: 0 };
        const ctx = canvas.getContext('2d');
        const pixels = ctx ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : new Uint8ClampedArray();
        let inked = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3]! > 0 && (pixels[i]! < 245 || pixels[i + 1]! < 245 || pixels[i + 2]! < 245)) inked++;
        }
        return { id, width: canvas.width, height: canvas.height, inked };
      });
      return { drawn: rungsCharts.drawn, ids: rungsCharts.ids, containers, charts };
    });
    if (screenshot !== undefined) await page.screenshot({ path: screenshot, fullPage: true });
    const tooltips: string[] = [];
    for (const probe of probes) {
      tooltips.push(
        await page.evaluate((p) => {
          const g = globalThis as unknown as PageGlobals;
          const el = g.document.getElementById(p.chartId);
          g.echarts.getInstanceByDom(el)?.dispatchAction({ type: 'showTip', seriesIndex: p.seriesIndex, dataIndex: p.dataIndex });
          // The tooltip is a div ECharts adds inside the chart container.
          return el?.innerText ?? '';
        }, probe),
      );
    }
    const pwned = await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned !== undefined);
    return { ...result, consoleErrors, networkRequests, pwned, tooltips };
  } finally {
    await page.close();
  }
}
