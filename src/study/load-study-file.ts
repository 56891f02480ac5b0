/**
 * Reads, parses and validates a study file. Every problem is reported at once,
 * each line prefixed with the file: `studies/x.json: space.lr.low must be > 0 …`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, ValidationError } from '../errors.js';
import type { StudySpec } from './study-spec.js';
import { validateStudy } from './validate-study.js';

export interface LoadedStudyFile {
  spec: StudySpec;
  /** Directory of the file: relative dataset and objective paths resolve against it. */
  baseDir: string;
  file: string;
}

export function loadStudyFile(file: string): LoadedStudyFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `${file}: no such study file` : `${file}: cannot read the study file (${code ?? String(e)})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ValidationError([`not valid JSON: ${jsonErrorWhere(text, e as Error)}`], file);
  }
  const issues = validateStudy(data);
  if (issues.length > 0) throw new ValidationError(issues, file);
  return { spec: data as StudySpec, baseDir: path.dirname(path.resolve(file)), file };
}

/** Turns V8's "at position N" into a line and column. */
function jsonErrorWhere(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return e.message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `${e.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${col}`;
}
