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
    // A byte-order mark (editors on Windows write one) is not JSON, but no reason to refuse the file.
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ValidationError([`not valid JSON: ${jsonErrorWhere(text, e as Error)}`], file);
  }
  const issues = validateStudy(data);
  const baseDir = path.dirname(path.resolve(file));
  // The objective module must exist now, not fail trial after trial later.
  const objective = (data as { objective?: unknown }).objective;
  if (issues.length === 0 && typeof objective === 'string' && !fs.existsSync(path.resolve(baseDir, objective))) {
    issues.push(`objective: no such file ${JSON.stringify(objective)} (looked for ${path.resolve(baseDir, objective)})`);
  }
  const dataset = (data as { task?: { dataset?: unknown } }).task?.dataset as { csv?: unknown } | undefined;
  if (issues.length === 0 && typeof dataset?.csv === 'string' && !fs.existsSync(path.resolve(baseDir, dataset.csv))) {
    issues.push(`task.dataset.csv: no such file ${JSON.stringify(dataset.csv)} (looked for ${path.resolve(baseDir, dataset.csv)})`);
  }
  if (issues.length > 0) throw new ValidationError(issues, file);
  return { spec: data as StudySpec, baseDir, file };
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
