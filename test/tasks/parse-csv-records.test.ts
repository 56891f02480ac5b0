import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsvRecords } from '../../src/tasks/parse-csv-records.js';

describe('parseCsvRecords', () => {
  it('splits fields and records with LF and CRLF, skipping blank lines', () => {
    expect(parseCsvRecords('a,b\r\n1,2\n\n3,4\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('handles quoted fields with commas, escaped quotes and newlines, and keeps line numbers', () => {
    const recs = parseCsvRecords('h1,h2\n"a,b","say ""hi"""\n"multi\nline",x\nlast,1');
    expect(recs).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['a,b', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', 'x'] },
      { line: 5, fields: ['last', '1'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsvRecords('a,,c\n1,2,')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['1', '2', ''] },
    ]);
  });

  it('strips a UTF-8 BOM', () => {
    expect(parseCsvRecords('\ufeffx,y\n')[0]!.fields).toEqual(['x', 'y']);
  });

  it('reports an unclosed quote with the line it opened on', () => {
    try {
      parseCsvRecords('a\n"open\nmore');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      expect((e as CsvSyntaxError).line).toBe(2);
    }
  });
});
