/**
 * RFC 4180-style CSV tokeniser: commas, double-quoted fields with "" as an
 * escaped quote, quoted fields that span lines, LF or CRLF line ends, a
 * leading UTF-8 BOM. It only splits text into fields; typing the cells is the
 * caller's job. Each record remembers the physical (1-based) line it starts on
 * so that error messages can point at it even after multi-line fields.
 */
export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

/** Thrown (and rewrapped by the caller with the file name) for an unclosed quote. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Splits `text` into records. Completely blank lines are skipped (a trailing
 * newline or blank separator lines are common and carry no row).
 *
 * @example parseCsvRecords('a,b\r\n1,"x,y"\n') // [{line:1, fields:['a','b']}, {line:2, fields:['1','x,y']}]
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text[i] === '"') {
        // Quoted field: read up to the closing quote, "" is a literal quote.
        i++;
        const quoteLine = line;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError('unclosed quote', quoteLine);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        // Anything between the closing quote and the next separator is kept
        // verbatim (lenient, like most readers) rather than rejected.
      }
      while (i < n) {
        const c = text[i]!;
        if (c === ',' || c === '\n' || c === '\r') break;
        field += c;
        i++;
      }
      fields.push(field);
      field = '';
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === ',') {
        i++;
        // A trailing comma at the very end of the input still means one more (empty) field.
        if (i >= n) fields.push('');
        if (i >= n) endOfRecord = true;
      } else {
        // \n, \r\n or a lone \r ends the record.
        if (text[i] === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        endOfRecord = true;
      }
    }
    const blank = fields.length === 1 && fields[0]!.trim() === '';
    if (!blank) records.push({ line: startLine, fields });
  }
  return records;
}
