import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/render-report.js';
import { hostileReportData as evilData, sampleReportData } from './sample-report-data.js';

function jsonBlock(html: string, id: string): unknown {
  const open = `<script type="application/json" id="${id}">`;
  const start = html.indexOf(open);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = html.indexOf('</script>', start);
  return JSON.parse(html.slice(start + open.length, end));
}

/** The HTML with every script body removed (no `</script` can occur inside one, see jsonForScript). */
function withoutScriptBodies(html: string): string {
  return html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2');
}

describe('renderReport escaping', () => {
  const data = evilData();
  const html = renderReport(data);

  it('keeps exactly its four script elements whatever the data holds', () => {
    expect(html.match(/<\/script/gi)?.length).toBe(4);
    expect(html.match(/<script\b/gi)?.length).toBe(4);
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('window.__pwned = 1</script>');
  });

  it('inlines the data as JSON that reads back exactly', () => {
    expect(jsonBlock(html, 'rungs-data')).toEqual(JSON.parse(JSON.stringify(data)));
    expect(Array.isArray(jsonBlock(html, 'rungs-charts'))).toBe(true);
  });

  it('escapes text in the markup (title, header, tables)', () => {
    const markup = withoutScriptBodies(html);
    expect(markup).not.toContain('<b></script>');
    expect(markup).toContain('&lt;b&gt;&lt;/script&gt;&lt;script&gt;');
    expect(markup).toContain('val&lt;loss&gt;');
    expect(markup).not.toMatch(/<script>window/);
  });
});

describe('renderReport offline', () => {
  const html = renderReport(sampleReportData());
  const markup = withoutScriptBodies(html);

  it('loads nothing from the network: no src/href to a URL, no external stylesheet', () => {
    expect(markup).not.toMatch(/<script\b[^>]*\bsrc\s*=/i);
    expect(markup).not.toMatch(/<link\b/i);
    expect(markup).not.toMatch(/\b(?:src|href|srcset|action|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(markup).not.toMatch(/@import|url\(\s*["']?(?:https?:)?\/\//i);
  });

  it('forbids any fetch with its Content-Security-Policy', () => {
    expect(markup).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  });

  it('inlines ECharts', () => {
    expect(html.length).toBeGreaterThan(500_000);
    expect(html).toMatch(/<script>[^<]*echarts/i);
  });

  it('sizes the top-k table by opts.top', () => {
    const rows = (h: string): number => (h.split('<table class="data top">')[1]?.split('</table>')[0]?.match(/<tr/g)?.length ?? 0) - 1;
    expect(rows(html)).toBe(10);
    expect(rows(renderReport(sampleReportData(), { top: 3 }))).toBe(3);
  });
});
