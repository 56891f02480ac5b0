import { describe, expect, it } from 'vitest';
import { fitCell, renderTable, terminalWidth } from '../../src/cli/render-table.js';

describe('renderTable', () => {
  const columns = [{ header: 'state', keep: true }, { header: 'value', align: 'right' as const, keep: true }, { header: 'optimizer' }, { header: 'momentum', align: 'right' as const }];
  const rows = [['complete', '0.06526', 'momentum', '0.8509']];

  it('fits the width by shortening the widest columns that are not kept', () => {
    const lines = renderTable(columns, rows, 34).split('\n');
    expect(lines[0]).toBe('state       value  optim…  moment…');
    expect(lines[2]).toBe('complete  0.06526  momen…   0.8509');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(34);
  });

  it('leaves a table that fits as it is', () => {
    expect(renderTable(columns, rows, 80).split('\n')[2]).toBe('complete  0.06526  momentum     0.8509');
  });

  it('leaves out the last columns that are not kept when the rest cannot fit, and says which', () => {
    const lines = renderTable(columns, rows, 26).split('\n');
    expect(lines[2]).toBe('complete  0.06526  moment…');
    expect(lines.at(-1)).toBe('(1 more column to fit 26: momentum; --format csv or --json shows every column)');
    // Kept columns are never shortened nor left out, even past the width.
    expect(renderTable(columns, rows, 10).split('\n')[2]).toBe('complete  0.06526');
  });

  it('keeps shortened headers apart: when two would read alike, each keeps its start and its end', () => {
    const cols = [{ header: 'state', keep: true }, { header: 'hiddenLayers', align: 'right' as const }, { header: 'hiddenUnits', align: 'right' as const }];
    const lines = renderTable(cols, [['complete', '2', '64']], 24).split('\n');
    expect(lines[0]).toBe('state     hid…rs  hid…ts');
    expect(lines[2]).toBe('complete       2      64');
    // Headers that stay apart cut at the end, as cells do.
    expect(renderTable(columns, rows, 34).split('\n')[0]).toBe('state       value  optim…  moment…');
  });

  it('shortens a number to fewer digits instead of cutting it', () => {
    expect(fitCell('1.40e-4', 6)).toBe('1.4e-4');
    expect(fitCell('0.001236', 6)).toBe('0.0012');
    expect(fitCell('4.24e-8', 5)).toBe('4e-8');
    expect(fitCell('123456.7', 6)).toBe('123457');
    expect(fitCell('nesterov', 6)).toBe('neste…');
    expect(fitCell('0.5', 6)).toBe('0.5');
  });
  it('fits the terminal when it is wider than 80 columns (every table: studies, show, plan too), else 80', () => {
    const columns = [{ header: 'study' }, { header: 'strategy' }];
    const rows = [['a-study-name-that-is-long-'.repeat(3), 'x'.repeat(60)]];
    const saved = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
    try {
      Object.defineProperty(process.stdout, 'columns', { value: 200, configurable: true });
      expect(terminalWidth()).toBe(200);
      expect(renderTable(columns, rows)).toContain(rows[0]![0]);
      Object.defineProperty(process.stdout, 'columns', { value: 60, configurable: true });
      expect(terminalWidth()).toBe(80);
      expect(renderTable(columns, rows)).not.toContain(rows[0]![0]);
    } finally {
      if (saved) Object.defineProperty(process.stdout, 'columns', saved);
      else delete (process.stdout as { columns?: number }).columns;
    }
  });
});
