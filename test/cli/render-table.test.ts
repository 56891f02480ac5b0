import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/cli/render-table.js';

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

  it('grows past the width rather than cut a kept column', () => {
    const line = renderTable(columns, rows, 10).split('\n')[2]!;
    expect(line.startsWith('complete  0.06526  ')).toBe(true);
  });
});
