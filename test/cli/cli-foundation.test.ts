import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('rungs CLI end to end (built CLI as a child process)', () => {
  const dir = tempDir();
  const db = path.join(dir, 'q.db');

  it('runs the quickstart study and best --json lists the best configurations', async () => {
    const run = await runCli(['run', 'studies/quickstart.json', '--db', db, '--threads', '2']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/study "quickstart" finished/);
    // The summary line ends with how busy the 2 worker threads were.
    const busy = /epochs trained; 2 threads (\d+)% busy$/m.exec(run.stdout);
    expect(busy).not.toBeNull();
    expect(Number(busy![1])).toBeGreaterThan(0);
    expect(Number(busy![1])).toBeLessThanOrEqual(100);

    const best = await runCli(['best', 'quickstart', '--db', db, '--json', '--top', '3']);
    expect(best.code).toBe(0);
    const rows = JSON.parse(best.stdout) as Array<{ number: number; params: Record<string, unknown>; value: number; metrics: Record<string, number>; budget: number }>;
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(Object.keys(r.params).sort()).toEqual(['batchSize', 'beta1', 'beta2', 'lr']);
      expect(r.value).toBe(r.metrics.val_loss);
      expect(typeof r.metrics.val_accuracy).toBe('number');
    }
    // Best first: ranked by budget reached, then value.
    expect(rows[0]!.budget).toBe(27);
    expect(rows[0]!.value).toBeLessThanOrEqual(rows[1]!.budget === 27 ? rows[1]!.value : Number.POSITIVE_INFINITY);
    expect(rows[0]!.metrics.val_accuracy).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it('lists studies and trials as JSON', async () => {
    const studies = await runCli(['studies', '--db', db, '--json']);
    expect(studies.code).toBe(0);
    const list = JSON.parse(studies.stdout) as Array<{ name: string; trials: number }>;
    expect(list.map((s) => s.name)).toEqual(['quickstart']);
    // Successive halving with 27 candidates: every candidate is a trial.
    expect(list[0]!.trials).toBe(27);

    const trials = await runCli(['trials', 'quickstart', '--db', db, '--json']);
    const rows = JSON.parse(trials.stdout) as Array<{ number: number; state: string; budget: number }>;
    expect(rows.map((r) => r.number)).toEqual([...Array(27).keys()]);
    // Rungs 3 → 9 → 27 keep 27 → 9 → 3.
    expect(rows.filter((r) => r.budget === 27)).toHaveLength(3);
    expect(rows.filter((r) => r.budget >= 9)).toHaveLength(9);
    expect(rows.filter((r) => r.state === 'complete')).toHaveLength(3);
  }, 60_000);

  it('refuses an invalid study file with one clear line, exit 2, and leaves the database as it was', async () => {
    const bad = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    bad.name = 'broken';
    bad.space.lr.low = 0;
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad, null, 2));
    const before = sha(db);
    const res = await runCli(['run', file, '--db', db]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('bad.json: space.lr.low must be > 0 when log is true (got 0)');
    expect(res.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(sha(db)).toBe(before);
  }, 30_000);

  it('refuses to run an existing study again without --resume or --overwrite', async () => {
    const res = await runCli(['run', 'studies/quickstart.json', '--db', db]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/already exists.*--resume.*--overwrite/);
  }, 30_000);

  it('reports an unknown study with the names it has', async () => {
    const res = await runCli(['best', 'nope', '--db', db]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe('rungs: no study named "nope" (studies here: quickstart)');
  }, 30_000);
});
