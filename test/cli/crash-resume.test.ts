import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countFinished } from '../helpers/count-finished.js';
import { ROOT, runCli, startCli, tempDir, waitFor } from '../helpers/run-cli.js';

const STUDY = path.join(ROOT, 'test/fixtures/slow-sha.json');

type Row = { number: number; state: string; value: number | null; budget: number; params: unknown; finishedAt: string | null; epochsTrained: number };

async function trialsOf(study: string, db: string): Promise<Row[]> {
  const res = await runCli(['trials', study, '--db', db, '--json']);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as Row[];
}

/** Runs a study file, SIGKILLs it once `finished` trials are done, and returns the database. */
async function runAndKill(file: string, db: string, finished: number): Promise<void> {
  const first = startCli(['run', file, '--db', db, '--threads', '2']);
  await waitFor(() => countFinished(db) >= finished, 60_000);
  first.child.kill('SIGKILL');
  expect((await first.done).signal).toBe('SIGKILL');
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

describe('resume after SIGKILL, Hyperband and ASHA', () => {
  it('Hyperband killed mid-rung finishes with the same trials, values and ranking as an uninterrupted run', async () => {
    const dir = tempDir();
    const file = path.join(ROOT, 'test/fixtures/slow-hyperband.json');
    const whole = path.join(dir, 'whole.db');
    const crashed = path.join(dir, 'crashed.db');
    expect((await runCli(['run', file, '--db', whole, '--threads', '2', '--quiet'])).code).toBe(0);
    await runAndKill(file, crashed, 6);
    expect((await runCli(['run', file, '--db', crashed, '--threads', '2', '--resume', '--quiet'])).code).toBe(0);
    const strip = (rows: Row[]) => rows.map(({ number, state, value, budget, params }) => ({ number, state, value, budget, params }));
    expect(strip(await trialsOf('slow-hyperband', crashed))).toEqual(strip(await trialsOf('slow-hyperband', whole)));
  }, 120_000);

  it('ASHA killed mid-run loses no completed work and repeats none', async () => {
    const dir = tempDir();
    const file = path.join(ROOT, 'test/fixtures/slow-asha.json');
    const db = path.join(dir, 'asha.db');
    await runAndKill(file, db, 10);
    const before = (await trialsOf('slow-asha', db)).filter((t) => t.state === 'complete' || t.state === 'pruned');
    expect(before.length).toBeGreaterThanOrEqual(10);
    expect((await runCli(['run', file, '--db', db, '--threads', '2', '--resume', '--quiet'])).code).toBe(0);
    const after = await trialsOf('slow-asha', db);
    expect(after.map((t) => t.number)).toEqual([...Array(30).keys()]);
    expect(after.every((t) => t.state === 'complete' || t.state === 'pruned')).toBe(true);
    for (const b of before) {
      const a = after.find((t) => t.number === b.number)!;
      expect(a.params).toEqual(b.params);
      if (a.budget === b.budget) {
        // Not promoted since: the very same result, not run again.
        expect(a.finishedAt).toBe(b.finishedAt);
        expect(a.epochsTrained).toBe(b.epochsTrained);
      } else {
        // Promoted after the resume: continued from its checkpoint, so no epoch was trained twice.
        expect(a.budget).toBeGreaterThan(b.budget);
        expect(a.epochsTrained).toBe(a.budget);
      }
    }
  }, 120_000);
});
