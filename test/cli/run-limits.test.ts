import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';

describe('run limits', () => {
  it('--timeout stops handing out jobs and says so; --resume finishes the study', async () => {
    const db = path.join(tempDir(), 'timeout.db');
    const file = path.join(ROOT, 'test/fixtures/slow-sha.json');
    const started = Date.now();
    const res = await runCli(['run', file, '--db', db, '--threads', '2', '--timeout', '0.3'], { env: { RUNGS_TEST_SLEEP_MS: '50' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.stdout).toMatch(/time limit reached/);
    expect(res.stdout).toMatch(/stopped \(timeout\)/);
    const trials = JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout) as Array<{ state: string }>;
    expect(trials.length).toBeGreaterThan(0);
    expect(trials.length).toBeLessThan(27);
    expect(trials.every((t) => t.state !== 'running' && t.state !== 'queued')).toBe(true);
    const resumed = await runCli(['run', file, '--db', db, '--resume', '--quiet'], { env: { RUNGS_TEST_SLEEP_MS: '1' } });
    expect(resumed.code).toBe(0);
    expect(JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout)).toHaveLength(27);
  }, 60_000);

  it('--max-epochs spends a study-wide epoch budget and says so; a bad value is refused before anything runs', async () => {
    const db = path.join(tempDir(), 'epochs.db');
    const res = await runCli(['run', 'studies/random-iris.json', '--db', db, '--max-epochs', '100', '--json']);
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { stopped: string; epochsTrained: number };
    expect(summary.stopped).toBe('budget');
    const trials = JSON.parse((await runCli(['trials', 'random-iris', '--db', db, '--json'])).stdout) as Array<{ epochsTrained: number; budget: number }>;
    const perTrial = trials[0]!.budget;
    expect(summary.epochsTrained).toBe(trials.reduce((a, t) => a + t.epochsTrained, 0));
    expect(summary.epochsTrained).toBeGreaterThanOrEqual(100);
    expect(summary.epochsTrained).toBeLessThan(100 + perTrial);
    const text = await runCli(['run', 'studies/random-iris.json', '--db', db, '--resume', '--max-epochs', '150']);
    expect(text.stdout).toMatch(/epoch budget \(maxEpochs\): 150 of the plan's 1200 epochs/);
    expect(text.stdout).toMatch(/stopped \(epoch budget spent\)/);
    const bad = await runCli(['run', 'studies/random-iris.json', '--db', db, '--resume', '--max-epochs', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-epochs must be an integer ≥ 1 \(got 0\)/);
  }, 60_000);

  it('--max-trials caps the trials, --seed and --name override the file', async () => {
    const db = path.join(tempDir(), 'cap.db');
    const res = await runCli(['run', 'studies/random-iris.json', '--db', db, '--max-trials', '5', '--seed', '99', '--name', 'capped', '--quiet']);
    expect(res.code).toBe(0);
    // The strategy had more to start: the summary says the cap stopped it, not that it finished.
    expect(res.stdout).toMatch(/^study "capped" stopped \(trial cap reached\) in /m);
    const trials = JSON.parse((await runCli(['trials', 'capped', '--db', db, '--json'])).stdout) as Array<{ number: number }>;
    expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
    const show = JSON.parse((await runCli(['show', 'capped', '--db', db, '--json'])).stdout);
    expect(show.seed).toBe(99);
  }, 60_000);
});
