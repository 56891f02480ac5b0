import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const dir = tempDir();
const db = path.join(dir, 'out.db');
const STUDY = 'studies/grid-regression.json';

beforeAll(async () => {
  expect((await runCli(['run', STUDY, '--db', db, '--quiet'])).code).toBe(0);
}, 60_000);

describe('output flags', () => {
  it('--json with another --format is an error for every command that has both; with --format json it is the same', async () => {
    for (const [args, other] of [
      [['best', 'grid-regression', '--db', db], 'csv'],
      [['show', 'grid-regression', '--db', db], 'table'],
      [['trials', 'grid-regression', '--db', db], 'csv'],
      [['studies', '--db', db], 'csv'],
      [['plan', STUDY], 'table'],
      [['export', 'grid-regression', '--db', db], 'jsonl'],
      [['importance', 'grid-regression', '--db', db], 'csv'],
      [['curves', 'grid-regression', '--db', db], 'table'],
    ] as const) {
      const res = await runCli([...args, '--format', other, '--json']);
      expect(res.code).toBe(EXIT.usage);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim()).toBe(`rungs: --json and --format ${other} conflict (--json means --format json): give one of them`);
      const both = await runCli([...args, '--format', 'json', '--json']);
      expect(both.code).toBe(0);
      expect(both.stdout).toBe((await runCli([...args, '--json'])).stdout);
    }
  }, 60_000);

  it('export takes --json like the listing commands (README: "Listing commands take … --json"), as --format json', async () => {
    const res = await runCli(['export', 'grid-regression', '--db', db, '--json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const rows = JSON.parse(res.stdout) as unknown[];
    expect(rows).toHaveLength(12);
    expect(res.stdout).toBe((await runCli(['export', 'grid-regression', '--db', db, '--format', 'json'])).stdout);
    // The default stays CSV.
    expect((await runCli(['export', 'grid-regression', '--db', db])).stdout.split('\n')[0]).toMatch(/^number,state,value/);
  }, 30_000);

  it("export --out takes the format from the file's extension unless --format or --json says another", async () => {
    const out = tempDir();
    const file = (name: string) => fs.readFileSync(path.join(out, name), 'utf8');
    const json = (await runCli(['export', 'grid-regression', '--db', db, '--json'])).stdout;
    for (const [name, expected] of [
      ['m.json', json],
      ['m.JSON', json],
      ['m.jsonl', (await runCli(['export', 'grid-regression', '--db', db, '--format', 'jsonl'])).stdout],
      ['m.csv', (await runCli(['export', 'grid-regression', '--db', db])).stdout],
      ['m.txt', (await runCli(['export', 'grid-regression', '--db', db])).stdout],
    ] as const) {
      const res = await runCli(['export', 'grid-regression', '--db', db, '--out', path.join(out, name)]);
      expect(res.code).toBe(0);
      expect(file(name)).toBe(expected);
    }
    // An explicit format wins over the extension.
    expect((await runCli(['export', 'grid-regression', '--db', db, '--format', 'csv', '--out', path.join(out, 'c.json')])).code).toBe(0);
    expect(file('c.json').split('\n')[0]).toMatch(/^number,state,value/);
  }, 30_000);

  it('--db "" says the path is empty (and run does not train into a temporary database)', async () => {
    for (const args of [['studies'], ['best', 'grid-regression'], ['run', STUDY, '--quiet']]) {
      const res = await runCli([...args, '--db', '']);
      expect(res.code).toBe(EXIT.usage);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim()).toBe('rungs: --db must be the path of a database file (got "")');
    }
  }, 30_000);

  it('--db naming a directory says so, for reading and for run (nothing made in it)', async () => {
    const folder = tempDir();
    for (const args of [['studies'], ['run', STUDY, '--quiet']]) {
      const res = await runCli([...args, '--db', folder]);
      expect(res.code).toBe(EXIT.usage);
      expect(res.stderr.trim()).toBe(`rungs: --db ${folder} is a directory: give the path of a database file in it (e.g. ${folder}/rungs.db)`);
    }
    expect(fs.readdirSync(folder)).toEqual([]);
  }, 30_000);

  it('--out in a directory that does not exist says so, for report and export; --out "" is refused', async () => {
    const missing = path.join(dir, 'no-such-dir');
    for (const cmd of ['report', 'export']) {
      const out = path.join(missing, `r.${cmd === 'report' ? 'html' : 'csv'}`);
      const res = await runCli([cmd, 'grid-regression', '--db', db, '--out', out]);
      expect(res.code).toBe(EXIT.usage);
      expect(res.stderr.trim()).toBe(`rungs: cannot write ${out}: the directory ${missing} does not exist`);
      const empty = await runCli([cmd, 'grid-regression', '--db', db, '--out', '']);
      expect(empty.code).toBe(EXIT.usage);
      expect(empty.stderr.trim()).toBe('rungs: --out must be a file path (got "")');
      expect(empty.stdout).toBe('');
    }
    expect(fs.existsSync(missing)).toBe(false);
  }, 30_000);
});
