import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const dir = tempDir();
const db = path.join(dir, 'names.db');
const STUDY = 'studies/grid-regression.json';
const RULE = 'must be 1-100 characters of letters, digits, ".", "_" or "-", starting with a letter or digit';

const studyNames = async () => (JSON.parse((await runCli(['studies', '--db', db, '--json'])).stdout) as Array<{ name: string }>).map((s) => s.name);

beforeAll(async () => {
  expect((await runCli(['run', STUDY, '--db', db, '--quiet'])).code).toBe(0);
}, 60_000);

describe('study names on the command line', () => {
  it('run --name is held to the study file\'s name rule: "bad name", "" and a missing value are refused and nothing is stored', async () => {
    for (const [args, shown] of [[['--name', 'bad name'], '"bad name"'], [['--name', ''], '""'], [['--name', 'x'.repeat(101)], `"${'x'.repeat(101)}"`], [['--name=-dash'], '"-dash"'], [['--name'], '""']] as const) {
      const res = await runCli(['run', STUDY, '--db', db, '--quiet', ...args]);
      expect(res.code).toBe(EXIT.usage);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim()).toBe(`rungs: --name ${RULE} (got ${shown})`);
    }
    expect(await studyNames()).toEqual(['grid-regression']);
    const ok = await runCli(['run', STUDY, '--db', db, '--quiet', '--name', 'Ok_name-1.2']);
    expect(ok.code).toBe(0);
    expect(await studyNames()).toEqual(expect.arrayContaining(['grid-regression', 'Ok_name-1.2']));
  }, 60_000);

  it('studies shows every name whole on 80 columns, even names that differ only at their end', async () => {
    const names = ['a-long-study-name-about-learning-rates-1', 'a-long-study-name-about-learning-rates-2'];
    for (const name of names) expect((await runCli(['run', STUDY, '--db', db, '--quiet', '--name', name])).code).toBe(0);
    const table = (await runCli(['studies', '--db', db])).stdout;
    for (const name of names) expect(table).toContain(`${name}  `);
  }, 60_000);

  it('an empty <study> is refused by every command that looks a study up, and report writes no "-report.html"', async () => {
    const cwd = tempDir();
    for (const cmd of ['show', 'best', 'report', 'export', 'trials', 'importance', 'curves', 'delete']) {
      const res = await runCli([cmd, '', '--db', db, '--yes'].filter((a) => cmd === 'delete' || a !== '--yes'), { cwd });
      expect(res.code).toBe(EXIT.usage);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim()).toBe('rungs: <study> must be the name of a study, not empty (got "")');
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(await studyNames()).toContain('grid-regression');
  }, 60_000);
});
