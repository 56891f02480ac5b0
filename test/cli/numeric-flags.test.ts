import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { runCli, tempDir, type CliResult } from '../helpers/run-cli.js';

const dir = tempDir();
const db = path.join(dir, 'flags.db');
const STUDY = 'studies/grid-regression.json';

/** A refused flag: the usage exit code and exactly this one line, no stack trace. */
function expectRefused(res: CliResult, line: string): void {
  expect(res.code).toBe(EXIT.usage);
  expect(res.stdout).toBe('');
  expect(res.stderr.trim()).toBe(`rungs: ${line}`);
}

const trialsOf = async (name: string, file = db) => JSON.parse((await runCli(['trials', name, '--db', file, '--json'])).stdout) as Array<{ number: number }>;

beforeAll(async () => {
  expect((await runCli(['run', STUDY, '--db', db, '--quiet'])).code).toBe(0);
}, 60_000);

describe('numeric flags', () => {
  it('show checks --top as best and report do, echoing what was typed', async () => {
    for (const cmd of ['show', 'best', 'report']) {
      for (const [typed, shown] of [['0', '0'], ['abc', '"abc"'], ['-2', '-2'], ['1.5', '1.5'], ['', '""']] as const) {
        expectRefused(await runCli([cmd, 'grid-regression', '--db', db, '--top', typed], { cwd: dir }), `--top must be an integer ≥ 1 (got ${shown})`);
      }
    }
    const ok = await runCli(['show', 'grid-regression', '--db', db, '--top', '2', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ranking).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.html'))).toEqual([]);
  }, 60_000);

  it('a value that is not a number is named as typed, not as NaN or 0', async () => {
    const cases: Array<[string[], string]> = [
      [['run', STUDY, '--db', db, '--threads', 'abc'], '--threads must be an integer in [1, 256] (got "abc")'],
      [['run', STUDY, '--db', db, '--threads', ''], '--threads must be an integer in [1, 256] (got "")'],
      [['run', STUDY, '--db', db, '--threads', '0x10'], '--threads must be an integer in [1, 256] (got "0x10")'],
      [['run', STUDY, '--db', db, '--seed', 'abc'], '--seed must be an integer in [0, 4294967295] (got "abc")'],
      [['run', STUDY, '--db', db, '--timeout', 'abc'], '--timeout must be a number of seconds > 0 (got "abc")'],
      [['run', STUDY, '--db', db, '--max-trials', '2.5'], '--max-trials must be an integer ≥ 1 (got 2.5)'],
      [['run', STUDY, '--db', db, '--max-epochs', 'ten'], '--max-epochs must be an integer ≥ 1 (got "ten")'],
      [['trials', 'grid-regression', '--db', db, '--limit', 'abc'], '--limit must be an integer ≥ 1 (got "abc")'],
      [['best', 'grid-regression', '--db', db, '--top', 'abc'], '--top must be an integer ≥ 1 (got "abc")'],
      [['run', STUDY, '--db', db, '--threads', '2', '--threads', '3'], '--threads was given 2 times (got 2, 3): give it once'],
    ];
    for (const [args, line] of cases) expectRefused(await runCli(args), line);
    expect(await trialsOf('grid-regression')).toHaveLength(12);
  }, 60_000);

  it('a numeric flag without a value is a usage error, not ignored', async () => {
    const fresh = path.join(dir, 'never.db');
    for (const args of [
      ['run', STUDY, '--db', fresh, '--threads'],
      ['run', STUDY, '--db', fresh, '--threads', '--quiet'],
      ['run', STUDY, '--db', fresh, '--seed'],
      ['best', 'grid-regression', '--db', db, '--top'],
      ['trials', 'grid-regression', '--db', db, '--limit'],
    ]) {
      const res = await runCli(args);
      const flag = args.find((a) => ['--threads', '--seed', '--top', '--limit'].includes(a))!;
      expect(res.code).toBe(EXIT.usage);
      expect(res.stdout).toBe('');
      expect(res.stderr.split('\n')[0]).toBe(`rungs: ${flag} needs a value`);
      expect(res.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(fs.existsSync(fresh)).toBe(false);
  }, 60_000);

  it('--seed is an integer in [0, 4294967295] like the study file\'s seed: no wrapping, no 1e30 stored', async () => {
    const seeds = path.join(dir, 'seeds.db');
    for (const typed of ['99999999999', '4294967296', '1e30', '-1', '0.5']) {
      expectRefused(await runCli(['run', STUDY, '--db', seeds, '--seed', typed, '--name', `s${typed.replace(/\W/g, '')}`]), `--seed must be an integer in [0, 4294967295] (got ${typed})`);
    }
    expect(fs.existsSync(seeds)).toBe(false);
    const top = await runCli(['run', STUDY, '--db', seeds, '--seed', '4294967295', '--quiet']);
    expect(top.code).toBe(0);
    expect(JSON.parse((await runCli(['show', 'grid-regression', '--db', seeds, '--json'])).stdout).seed).toBe(4294967295);
  }, 60_000);

  it('run --threads 1000000000 --overwrite: usage exit code, one line with the value, and the stored study keeps all its trials', async () => {
    const threads = path.join(dir, 'threads.db');
    expect((await runCli(['run', STUDY, '--db', threads, '--quiet'])).code).toBe(0);
    const before = await trialsOf('grid-regression', threads);
    expect(before).toHaveLength(12);
    const res = await runCli(['run', STUDY, '--db', threads, '--overwrite', '--threads', '1000000000']);
    expectRefused(res, '--threads must be an integer in [1, 256] (got 1000000000)');
    expect(res.stderr).not.toMatch(/\bat .*\.js:\d+|Error:/);
    expect(await trialsOf('grid-regression', threads)).toEqual(before);
  }, 60_000);
});
