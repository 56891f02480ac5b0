import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';

/** Where the report tests write their pages and screenshots. */
export const OUT = resolve('test-output/report');

/**
 * Runs `study` with the built CLI (a child process, real worker threads) into a new store, then `rungs report` into
 * OUT/<page>.html; the store's and the page's paths. Any output on stderr or a non-zero exit fails the test.
 */
export async function runAndReport(study: { name: string }, page: string, threads: number): Promise<{ dir: string; db: string; file: string }> {
  mkdirSync(OUT, { recursive: true });
  const dir = tempDir(`rungs-${page}-`);
  const db = join(dir, `${page}.db`);
  const studyFile = join(dir, `${page}.json`);
  writeFileSync(studyFile, JSON.stringify(study));
  const run = await runCli(['run', studyFile, '--db', db, '--threads', String(threads), '--quiet']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const file = join(OUT, `${page}.html`);
  const report = await runCli(['report', study.name, '--db', db, '--out', file]);
  expect(report.code).toBe(0);
  expect(report.stdout).toContain(`wrote ${file}`);
  return { dir, db, file };
}
