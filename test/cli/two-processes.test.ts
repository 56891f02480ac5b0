import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, startCli, tempDir } from '../helpers/run-cli.js';

describe('several processes on one study', () => {
  it('two `run --resume` processes on a fresh database share a grid: every cell runs exactly once', async () => {
    const db = path.join(tempDir(), 'two.db');
    const study = path.join(ROOT, 'test/fixtures/slow-grid.json');
    const a = startCli(['run', study, '--db', db, '--resume', '--threads', '1', '--json']);
    const b = startCli(['run', study, '--db', db, '--resume', '--threads', '1', '--json']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.stderr + rb.stderr).toBe('');
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const startsOf = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'start').map((e) => e.number as number);
    const sa = startsOf(ra.stdout);
    const sb = startsOf(rb.stdout);
    // Both did work, and together they ran the 30 cells once each.
    expect(sa.length).toBeGreaterThan(0);
    expect(sb.length).toBeGreaterThan(0);
    expect([...sa, ...sb].sort((x, y) => x - y)).toEqual([...Array(30).keys()]);
    const trials = JSON.parse((await runCli(['trials', 'slow-grid', '--db', db, '--json'])).stdout) as Array<{ params: { x: number; y: number }; state: string }>;
    expect(trials).toHaveLength(30);
    expect(new Set(trials.map((t) => `${t.params.x},${t.params.y}`)).size).toBe(30);
    expect(trials.every((t) => t.state === 'complete')).toBe(true);
  }, 120_000);

  it('honours a study-wide maxTrials across processes', async () => {
    const db = path.join(tempDir(), 'cap.db');
    const study = path.join(ROOT, 'test/fixtures/slow-random.json');
    const runs = [0, 1, 2].map(() => startCli(['run', study, '--db', db, '--resume', '--threads', '2', '--quiet']));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.stderr).join('')).toBe('');
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const trials = JSON.parse((await runCli(['trials', 'slow-random', '--db', db, '--json'])).stdout) as Array<{ number: number }>;
    expect(trials.map((t) => t.number)).toEqual([...Array(17).keys()]);
  }, 120_000);

  it('two processes share a successive-halving study across its rung barriers and end as one process would', async () => {
    const dir = tempDir();
    const study = path.join(ROOT, 'test/fixtures/slow-sha.json');
    const shared = path.join(dir, 'shared.db');
    const a = startCli(['run', study, '--db', shared, '--resume', '--threads', '1', '--json']);
    const b = startCli(['run', study, '--db', shared, '--resume', '--threads', '1', '--json']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const jobs = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'start').length;
    expect(jobs(ra.stdout)).toBeGreaterThan(0);
    expect(jobs(rb.stdout)).toBeGreaterThan(0);
    expect(jobs(ra.stdout) + jobs(rb.stdout)).toBe(27 + 9 + 3);
    const single = path.join(dir, 'single.db');
    expect((await runCli(['run', study, '--db', single, '--quiet'])).code).toBe(0);
    const rows = async (db: string) =>
      (JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout) as Array<{ number: number; state: string; value: number; budget: number; params: unknown }>).map(
        ({ number, state, value, budget, params }) => ({ number, state, value, budget, params }),
      );
    expect(await rows(shared)).toEqual(await rows(single));
  }, 120_000);
});
