/**
 * Reads a CSV file into a Dataset: a header row, numeric feature columns and
 * a target column chosen by name. Every problem is a DatasetError that names
 * the file, the 1-based line (the header is line 1) and the column.
 */
import { readFileSync } from 'node:fs';
import { DatasetError } from '../errors.js';
import type { Dataset, DatasetKind } from './dataset.js';
import { DEFAULT_TARGET } from './task-spec.js';
import { CsvSyntaxError, parseCsvRecords } from './parse-csv-records.js';
import { encodeLabelTarget, encodeNumericTarget } from './encode-target.js';

export interface LoadCsvOptions {
  /**
   * Force the task kind instead of inferring it from the target (integer
   * values with ≤ 20 distinct values are classes, anything else regression).
   * 'regression' requires a numeric target.
   */
  kind?: DatasetKind;
}

/** Cells that mean "missing" and are reported as such rather than as non-numeric. */
const MISSING = new Set(['', 'nan', 'na', 'n/a', 'null', 'none', '?']);

/**
 * @example loadCsv('data/iris.csv')            // 150×4, multiclass, 3 classes
 * @example loadCsv('houses.csv', 'price')      // regression on the "price" column
 */
export function loadCsv(path: string, target = DEFAULT_TARGET, options: LoadCsvOptions = {}): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new DatasetError(`cannot read CSV file ${path}: ${why}`);
  }
  let records;
  try {
    records = parseCsvRecords(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new DatasetError(`${path}, line ${e.line}: ${e.message}`);
    throw e;
  }
  const header = records[0];
  if (!header) throw new DatasetError(`${path}: the file is empty (expected a header row and data rows)`);
  const columns = header.fields.map((f) => f.trim());
  const targetIndex = columns.indexOf(target);
  if (targetIndex < 0) {
    throw new DatasetError(
      `${path}, line ${header.line}: no target column "${target}" in the header (columns: ${columns.join(', ')})`,
    );
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new DatasetError(`${path}, line ${header.line}: column "${c}" appears twice in the header`);
    seen.add(c);
  }
  const rows = records.slice(1);
  if (rows.length === 0) throw new DatasetError(`${path}: the file has a header but no data rows`);

  const width = columns.length;
  const d = width - 1;
  const n = rows.length;
  const x = new Float64Array(n * d);
  const rawTarget: string[] = new Array<string>(n);
  for (let r = 0; r < n; r++) {
    const rec = rows[r]!;
    if (rec.fields.length !== width) {
      throw new DatasetError(
        `${path}, line ${rec.line}: the row has ${rec.fields.length} field${rec.fields.length === 1 ? '' : 's'} but the header has ${width}` +
          (rec.fields.length < width
            ? ` (column "${columns[rec.fields.length]}" and after are missing)`
            : ` (extra field${rec.fields.length - width === 1 ? '' : 's'} after column "${columns[width - 1]}")`),
      );
    }
    let j = 0;
    for (let c = 0; c < width; c++) {
      const cell = rec.fields[c]!;
      if (c === targetIndex) {
        rawTarget[r] = cell.trim();
        continue;
      }
      x[r * d + j] = parseNumericCell(cell, path, rec.line, columns[c]!);
      j++;
    }
  }

  // Target: numeric if every cell is a finite number, otherwise class labels.
  const targetName = columns[targetIndex]!;
  const numeric = new Float64Array(n);
  let allNumeric = true;
  for (let r = 0; r < n; r++) {
    const cell = rawTarget[r]!;
    if (MISSING.has(cell.toLowerCase())) {
      throw new DatasetError(`${path}, line ${rows[r]!.line}, column "${targetName}": empty cell (missing target value)`);
    }
    const v = Number(cell);
    if (!Number.isFinite(v)) allNumeric = false;
    else numeric[r] = v;
  }
  let encoded;
  if (allNumeric) {
    if (options.kind && options.kind !== 'regression') {
      // Forcing classes on non-integer values would silently merge nothing
      // useful; say where the first non-integer label is.
      const bad = numeric.findIndex((v) => !Number.isInteger(v));
      if (bad >= 0) {
        throw new DatasetError(
          `${path}, line ${rows[bad]!.line}, column "${targetName}": the non-integer value ${rawTarget[bad]} cannot be a class label but the task kind was forced to ${options.kind}`,
        );
      }
    }
    encoded = encodeNumericTarget(numeric, options.kind);
  } else {
    if (options.kind === 'regression') {
      const bad = rawTarget.findIndex((c) => !Number.isFinite(Number(c)));
      throw new DatasetError(
        `${path}, line ${rows[bad]!.line}, column "${targetName}": "${rawTarget[bad]}" is not a number but the task kind was forced to regression`,
      );
    }
    encoded = encodeLabelTarget(rawTarget);
  }
  if (encoded.kind === 'binary' && encoded.classes > 2) {
    throw new DatasetError(`${path}: target "${targetName}" has ${encoded.classes} classes but the task kind was forced to binary`);
  }
  const ds: Dataset = {
    x,
    y: encoded.y,
    n,
    d,
    featureNames: columns.filter((_, c) => c !== targetIndex),
    kind: encoded.kind,
    classes: encoded.classes,
  };
  if (encoded.classLabels) ds.classLabels = encoded.classLabels;
  return ds;
}

function parseNumericCell(cell: string, path: string, line: number, column: string): number {
  const s = cell.trim();
  if (MISSING.has(s.toLowerCase())) {
    throw new DatasetError(`${path}, line ${line}, column "${column}": ${s ? `missing value "${s}"` : 'empty cell'} (expected a number)`);
  }
  const v = Number(s);
  if (!Number.isFinite(v)) {
    throw new DatasetError(`${path}, line ${line}, column "${column}": "${s}" is not a finite number`);
  }
  return v;
}
