import { describe, expect, it } from 'vitest';
import { axisKind, paramAxisKind } from '../../src/report/axis-kind.js';
import { categories } from '../../src/report/categories.js';
import { formatParam } from '../../src/report/format-param.js';
import { escapeHtml } from '../../src/report/escape-html.js';
import { formatNumber } from '../../src/report/format-number.js';
import { formatTime } from '../../src/report/format-time.js';
import { jsonForScript } from '../../src/report/json-for-script.js';
import { parallelParams, MAX_PARALLEL_AXES } from '../../src/report/parallel-params.js';
import { renderRungTable } from '../../src/report/render-rung-table.js';
import { rungRows } from '../../src/report/rung-rows.js';
import { stateCounts } from '../../src/report/state-counts.js';
import { bestTrial } from '../../src/report/best-trial.js';
import { curvesChart } from '../../src/report/curves-chart.js';
import { sampleReportData } from './sample-report-data.js';

describe('report helpers', () => {
  it('escapeHtml escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('jsonForScript never writes <, >, & or line separators', () => {
    const text = jsonForScript({ a: '</script><!--&', b: '\u2028', c: Infinity });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!--&', b: '\u2028', c: null });
  });

  it('axisKind: category for non-numbers, log across two decades, value otherwise', () => {
    expect(axisKind([1e-4, 1e-3, 0.05])).toBe('log');
    expect(axisKind([16, 32, 128])).toBe('value');
    expect(axisKind([0, 1, 1000])).toBe('value');
    expect(axisKind(['adam', 'sgd'])).toBe('category');
    expect(axisKind([true, false])).toBe('category');
    expect(axisKind([1, 'auto'])).toBe('category');
    expect(axisKind([])).toBe('value');
  });

  it('paramAxisKind: the declared space wins over the values, which decide without it', () => {
    // Numeric choices of a categorical are categories; a log float is log even over one decade.
    expect(paramAxisKind({ type: 'categorical', choices: [0.99, 0.999, 0.9999] }, [0.99, 0.999])).toBe('category');
    expect(paramAxisKind({ type: 'float', low: 0.01, high: 0.1, log: true }, [0.01, 0.05])).toBe('log');
    expect(paramAxisKind({ type: 'int', low: 1, high: 1000 }, [1, 1000])).toBe('value');
    expect(paramAxisKind(undefined, [1e-4, 0.1])).toBe('log');
  });

  it('curvesChart keeps a one-point curve visible when there are too many points for symbols', () => {
    const data = sampleReportData();
    const trials = Array.from({ length: 4000 }, (_, i) => ({ ...data.trials[0]!, number: i, budget: 1, state: 'complete' as const, value: i / 4000 }));
    const curves = Object.fromEntries(trials.map((t) => [t.number, [{ step: 1, value: t.value }]]));
    const many = curvesChart({ ...data, trials, curves }).option as { series: Array<{ showSymbol: boolean }> };
    expect(many.series).toHaveLength(4000);
    expect(many.series.every((s) => s.showSymbol)).toBe(true);
    // Longer curves past 3,000 points draw their lines without symbols, as before.
    const long = Object.fromEntries(trials.slice(0, 400).map((t) => [t.number, Array.from({ length: 10 }, (_, k) => ({ step: k + 1, value: t.value }))]));
    const lines = curvesChart({ ...data, trials: trials.slice(0, 400), curves: long }).option as { series: Array<{ showSymbol: boolean }> };
    expect(lines.series.every((s) => !s.showSymbol)).toBe(true);
  });

  it('formatParam shows a null choice as null, and an absent param as a dash', () => {
    expect(formatParam(null)).toBe('null');
    expect(formatParam(undefined)).toBe('—');
    expect(formatParam(0.000123456)).toBe('1.235e-4');
  });

  it('categories sorts numbers numerically, then labels, without duplicates', () => {
    expect(categories(['sgd', 'adam', 'sgd'])).toEqual(['adam', 'sgd']);
    expect(categories([64, 'auto', 8, true])).toEqual(['8', '64', 'auto', 'true']);
    // null is a choice (its own category); undefined is a trial without the param (none).
    expect(categories([null, 3, undefined, null])).toEqual(['3', 'null']);
  });

  it('formatNumber', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(0.00001234)).toBe('1.234e-5');
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(2.5e7)).toBe('2.5e7');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(-Infinity)).toBe('−∞');
  });

  it('formatTime is UTC', () => {
    expect(formatTime(0)).toBe('1970-01-01 00:00:00 UTC');
  });

  it('parallelParams keeps the most important params when there are too many', () => {
    const names = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const importance = names.map((param, i) => ({ param, importance: i }));
    const kept = parallelParams(names, importance);
    expect(kept).toHaveLength(MAX_PARALLEL_AXES);
    expect(kept[0]).toBe('p8');
    expect(parallelParams(names.slice(0, 3), [])).toEqual(['p0', 'p1', 'p2']);
  });

  it('rungRows counts the trials that reached each rung', () => {
    const rows = rungRows(sampleReportData());
    expect(rows.map((r) => [r.rung, r.budget, r.planned, r.reached])).toEqual([
      [0, 3, 30, 29],
      [1, 9, 10, 10],
      [2, 27, 3, 3],
    ]);
  });

  it('rungRows counts the trials a pruner stopped below a rung, and no halving trial that waits at one', () => {
    const sha = rungRows(sampleReportData());
    expect(sha.map((r) => r.stopped)).toEqual([0, 0, 0]);
    const data = sampleReportData();
    const tpe = {
      ...data,
      plan: [{ bracket: 0, rungs: [{ rung: 0, trials: 4, budget: 20 }] }],
      trials: data.trials.slice(0, 4).map((t, i) => ({ ...t, bracket: 0, state: i < 2 ? ('pruned' as const) : ('complete' as const), budget: i < 2 ? i + 1 : 20, rungValues: [[i < 2 ? i + 1 : 20, 0.5] as [number, number]] })),
    };
    expect(rungRows(tpe)).toEqual([{ bracket: 0, rung: 0, budget: 20, planned: 4, reached: 2, stopped: 2 }]);
    expect(renderRungTable(tpe)).toContain('+2 stopped');
  });

  it('stateCounts and bestTrial', () => {
    const data = sampleReportData();
    expect(stateCounts(data.trials)).toEqual({ complete: 3, pruned: 26, failed: 1, running: 0, queued: 0 });
    const best = bestTrial(data.trials, 'minimize');
    expect(best?.state).toBe('complete');
    expect(best?.value).toBe(Math.min(...data.trials.filter((t) => t.state === 'complete').map((t) => t.value!)));
  });
});
