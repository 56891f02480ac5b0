import { writeFileSync } from 'node:fs';
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
    expect(res.stdout).toContain(`to continue: rungs run ${file} --db ${db} --resume\n`);
    const trials = JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout) as Array<{ state: string; error: string | null }>;
    expect(trials.length).toBeGreaterThan(0);
    expect(trials.length).toBeLessThan(27);
    expect(trials.some((t) => t.state === 'running')).toBe(false);
    // Jobs handed out but not started at the deadline went back to the queue instead of running.
    expect(trials.filter((t) => t.state === 'queued').every((t) => t.error === 'not started: the run stopped first')).toBe(true);
    const resumed = await runCli(['run', file, '--db', db, '--resume', '--quiet'], { env: { RUNGS_TEST_SLEEP_MS: '1' } });
    expect(resumed.code).toBe(0);
    expect(JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout)).toHaveLength(27);
  }, 60_000);

  it('--timeout does not wait for the job queued behind a running one: one thread runs one more job, not two', async () => {
    const db = path.join(tempDir(), 'queued.db');
    const file = path.join(tempDir(), 'slow.json');
    // Each trial holds its thread 2 s (RUNGS_TEST_SLEEP_MS); the one thread's next job waits in its worker behind it.
    const study = { name: 'slow', seed: 1, objective: path.join(ROOT, 'test/fixtures/slow-objective.mjs'), budget: 1, space: { x: { type: 'float', low: 0, high: 1 }, y: { type: 'float', low: 0, high: 1 } }, strategy: { type: 'random', trials: 6 } };
    writeFileSync(file, JSON.stringify(study));
    const res = await runCli(['run', file, '--db', db, '--threads', '1', '--timeout', '1'], { env: { RUNGS_TEST_SLEEP_MS: '2000' } });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/time limit reached/);
    expect(res.stdout).toMatch(/^trial 1 had not started: back in the queue \(--resume runs it\)$/m);
    const trials = JSON.parse((await runCli(['trials', 'slow', '--db', db, '--json'])).stdout) as Array<{ number: number; state: string; error: string | null }>;
    expect(trials.map((t) => [t.number, t.state, t.error])).toEqual([
      [0, 'complete', null],
      [1, 'queued', 'not started: the run stopped first'],
    ]);
    const resumed = await runCli(['run', file, '--db', db, '--resume', '--json', '--quiet'], { env: { RUNGS_TEST_SLEEP_MS: '1' } });
    expect(resumed.code).toBe(0);
    const after = JSON.parse((await runCli(['trials', 'slow', '--db', db, '--json'])).stdout) as Array<{ state: string; error: string | null }>;
    expect(after.map((t) => [t.state, t.error])).toEqual(Array(6).fill(['complete', null]));
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
    // The summary says how to go on: the flags that define the study come along, and the cap must grow.
    const hint = `to continue with a larger --max-trials: rungs run studies/random-iris.json --db ${db} --resume --name capped --seed 99`;
    expect(res.stdout.trim().split('\n').at(-1)).toBe(hint);
    const more = await runCli([...hint.split(': ')[1]!.split(' ').slice(1), '--max-trials', '7', '--quiet']);
    expect(more.code).toBe(0);
    expect(JSON.parse((await runCli(['trials', 'capped', '--db', db, '--json'])).stdout)).toHaveLength(7);
    // Without the --seed it was started with, the resume is refused, and the message says why.
    const noSeed = await runCli(['run', 'studies/random-iris.json', '--db', db, '--resume', '--name', 'capped']);
    expect(noSeed.code).toBe(2);
    expect(noSeed.stderr.trim()).toMatch(/seed changed from 99 to \d+ \(a run started with --seed needs the same --seed to resume\)$/);
  }, 60_000);
});
