import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';

describe('rungs trials with failed trials', () => {
  const dir = tempDir();
  const db = path.join(dir, 'fail.db');
  const why = 'x=3 is more than this objective takes; it needs x below 3, and this message is long enough to be cut';

  it('the table gets an error column saying why each failed trial failed, shortened to fit 80 columns; --json is unchanged', async () => {
    // x = 3 fails with a long, two-line message; the others complete.
    fs.writeFileSync(
      path.join(dir, 'objective.mjs'),
      `export default async function ({ x }) { if (x === 3) throw new Error(${JSON.stringify(why.replace(', and', ',\nand'))}); return x; }\n`,
    );
    const file = path.join(dir, 'some-fail.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'some-fail', objective: './objective.mjs', space: { x: { type: 'int', low: 0, high: 3 } }, strategy: { type: 'grid' } }));
    expect((await runCli(['run', file, '--db', db, '--quiet'])).code).toBe(0);

    const failed = await runCli(['trials', 'some-fail', '--db', db, '--state', 'failed']);
    expect(failed.code).toBe(0);
    const [header, , row, ...rest] = failed.stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(header).toMatch(/ error$/);
    expect(row).toMatch(/^3\s+failed\s+0\s+3\s+x=3 is more than this objective takes; .*…$/);
    expect([...row!].length).toBeLessThanOrEqual(80);

    // Only the failed rows say something in that column.
    const all = (await runCli(['trials', 'some-fail', '--db', db])).stdout.trimEnd().split('\n');
    expect(all[0]).toMatch(/ error$/);
    expect(all.slice(2).filter((l) => l.includes('x=3 is more'))).toHaveLength(1);
    expect(all.slice(2, 5).every((l) => /^\d\s+complete\s+\d\s+1\s+\d$/.test(l))).toBe(true);

    const json = JSON.parse((await runCli(['trials', 'some-fail', '--db', db, '--state', 'failed', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(json).toHaveLength(1);
    expect(json[0]!.error).toBe(why.replace(', and', ',\nand'));
  }, 60_000);

  it('no error column when none of the listed trials failed', async () => {
    const res = await runCli(['trials', 'some-fail', '--db', db, '--state', 'complete']);
    expect(res.stdout.split('\n')[0]).not.toMatch(/error/);
  }, 30_000);
});

describe('rungs trials --state diverged', () => {
  const dir = tempDir();
  const db = path.join(dir, 'diverge.db');

  it('selects the failed trials that diverged; --state failed keeps every failed one', async () => {
    // x = 1 returns NaN (diverged), x = 2 throws (failed with a message), x = 0 and 3 complete.
    fs.writeFileSync(
      path.join(dir, 'objective.mjs'),
      `export default async function ({ x }) { if (x === 1) return NaN; if (x === 2) throw new Error('no x=2'); return x; }\n`,
    );
    const file = path.join(dir, 'diverge.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'diverge', objective: './objective.mjs', space: { x: { type: 'int', low: 0, high: 3 } }, strategy: { type: 'grid' } }));
    expect((await runCli(['run', file, '--db', db, '--quiet'])).code).toBe(0);

    const numbers = async (...states: string[]): Promise<number[]> => {
      const res = await runCli(['trials', 'diverge', '--db', db, '--json', ...states.flatMap((s) => ['--state', s])]);
      expect(res.code).toBe(0);
      return (JSON.parse(res.stdout) as Array<{ number: number }>).map((t) => t.number);
    };
    const trials = JSON.parse((await runCli(['trials', 'diverge', '--db', db, '--json'])).stdout) as Array<{ number: number; params: { x: number } }>;
    const numberOf = (x: number): number => trials.find((t) => t.params.x === x)!.number;

    expect(await numbers('diverged')).toEqual([numberOf(1)]);
    expect(await numbers('failed')).toEqual([numberOf(1), numberOf(2)].sort((a, b) => a - b));
    expect(await numbers('diverged', 'failed')).toEqual([numberOf(1), numberOf(2)].sort((a, b) => a - b));
    expect(await numbers('diverged', 'complete')).toEqual([numberOf(0), numberOf(1), numberOf(3)].sort((a, b) => a - b));

    const table = await runCli(['trials', 'diverge', '--db', db, '--state', 'diverged']);
    expect(table.stdout.trimEnd().split('\n').slice(2)).toEqual([expect.stringMatching(new RegExp(`^${numberOf(1)}\\s+diverged\\s`))]);
  }, 60_000);

  it('--help lists diverged among the choices; an unknown state is refused', async () => {
    const help = await runCli(['trials', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/--state .*\[choices: "queued", "running", "complete", "pruned", "failed", "diverged"\]/);
    const bad = await runCli(['trials', 'diverge', '--db', db, '--state', 'exploded']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/exploded/);
  }, 30_000);
});
