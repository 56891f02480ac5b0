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
}

/** Opens `file` in a new page, waits for the charts, and measures each chart's canvas. */
export async function checkReportPage(browser: Browser, file: string, screenshot?: string): Promise<PageCheck> {
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
    await page.waitForFunction(() => (window as unknown as { __rungsCharts?: unknown }).__rungsCharts !== undefined, undefined, {
      timeout: 20_000,
    });
    const result = await page.evaluate(() => {
      const w = window as unknown as { __rungsCharts: { drawn: number; ids: string[] } };
      const containers = [...document.querySelectorAll('.chart')].map((el) => el.id);
      const charts = containers.map((id) => {
        const canvas = document.getElementById(id)?.querySelector('canvas');
        if (!canvas || canvas.width === 0 || canvas.height === 0) return { id, width: 0, height: 0, inked: 0 };
        const ctx = canvas.getContext('2d');
        const pixels = ctx ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : new Uint8ClampedArray();
        let inked = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3]! > 0 && (pixels[i]! < 245 || pixels[i + 1]! < 245 || pixels[i + 2]! < 245)) inked++;
        }
        return { id, width: canvas.width, height: canvas.height, inked };
      });
      return { drawn: w.__rungsCharts.drawn, ids: w.__rungsCharts.ids, containers, charts };
    });
    if (screenshot !== undefined) await page.screenshot({ path: screenshot, fullPage: true });
    return { ...result, consoleErrors, networkRequests };
  } finally {
    await page.close();
  }
}
