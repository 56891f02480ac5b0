import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, startCli, tempDir, waitFor } from '../helpers/run-cli.js';

const STUDY = path.join(ROOT, 'test/fixtures/slow-sha.json');

function countFinished(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare("SELECT COUNT(*) AS n FROM trials WHERE state IN ('complete','pruned')").get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

async function ranking(db: string) {
  const res = await runCli(['trials', 'slow-sha', '--db', db, '--json']);
  expect(res.code).toBe(0);
  return (JSON.parse(res.stdout) as Array<{ number: number; state: string; value: number; budget: number; params: unknown }>).map((t) => ({
    number: t.number,
    state: t.state,
    value: t.value,
    budget: t.budget,
    params: t.params,
  }));
}

describe('crash safety: SIGKILL in the middle of a study, then --resume', () => {
  it('loses nothing completed, runs every trial exactly once, and ends with the ranking of an uninterrupted run', async () => {
    const dir = tempDir();
    const whole = path.join(dir, 'whole.db');
    const crashed = path.join(dir, 'crashed.db');

    const ref = await runCli(['run', STUDY, '--db', whole, '--threads', '2', '--quiet']);
    expect(ref.code).toBe(0);

    const first = startCli(['run', STUDY, '--db', crashed, '--threads', '2']);
    // Kill in the middle of rung 0 (27 trials at budget 1), with jobs running.
    await waitFor(() => countFinished(crashed) >= 8, 60_000);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const before = countFinished(crashed);
    expect(before).toBeGreaterThanOrEqual(8);
    expect(before).toBeLessThan(27 + 9 + 3);

    const again = await runCli(['run', STUDY, '--db', crashed, '--threads', '2', '--resume']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/requeued \d+ trial\(s\) left running/);

    const a = await ranking(whole);
    const b = await ranking(crashed);
    expect(b.map((t) => t.number)).toEqual([...Array(27).keys()]);
    expect(b).toEqual(a);
    const bestA = JSON.parse((await runCli(['best', 'slow-sha', '--db', whole, '--json', '--top', '3'])).stdout);
    const bestB = JSON.parse((await runCli(['best', 'slow-sha', '--db', crashed, '--json', '--top', '3'])).stdout);
    expect(bestB.map((t: { number: number }) => t.number)).toEqual(bestA.map((t: { number: number }) => t.number));
  }, 120_000);
});
