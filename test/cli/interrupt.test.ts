import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, startCli, tempDir, waitFor } from '../helpers/run-cli.js';

const STUDY = path.join(ROOT, 'test/fixtures/slow-sha.json');

describe('Ctrl-C', () => {
  it('first SIGINT: no new jobs, running ones finish and are recorded, those not started go back to the queue, exit 130; --resume completes the study', async () => {
    const db = path.join(tempDir(), 'int.db');
    const run = startCli(['run', STUDY, '--db', db, '--threads', '2'], { env: { RUNGS_TEST_SLEEP_MS: '60' } });
    // Under way: jobs have ended, and each worker holds its next job behind the one it runs.
    await waitFor(() => /^trial \d+ paused/m.test(run.out.stdout));
    run.child.kill('SIGINT');
    const res = await run.done;
    expect(res.code).toBe(130);
    expect(res.stdout).toMatch(/stopping: waiting for running trials to finish/);
    const starts = (res.stdout.match(/^trial \d+ start/gm) ?? []).length;
    // A successive-halving job that ends below the top rung prints "paused" (a promotion may continue its trial).
    expect(res.stdout).toMatch(/^trial \d+ paused {2}value \S+ {2}budget 1 /m);
    expect(res.stdout).not.toMatch(/^trial \d+ pruned/m);
    const ends = (res.stdout.match(/^trial \d+ (paused|complete|failed)/gm) ?? []).length;
    // The jobs handed out but not started when the stop came were taken back: the line names them.
    const line = /^trials? ([\d, ]+) had not started: back in the queue/m.exec(res.stdout);
    const taken = line ? line[1]!.split(', ').map(Number) : [];
    expect(ends + taken.length).toBe(starts);
    const trials = JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout) as Array<{ number: number; state: string; error: string | null }>;
    expect(trials.filter((t) => t.state === 'running')).toHaveLength(0);
    const queued = trials.filter((t) => t.state === 'queued');
    expect(queued.map((t) => t.number)).toEqual(taken);
    expect(queued.every((t) => t.error === 'not started: the run stopped first')).toBe(true);
    expect(trials.length).toBe(starts);

    const resumed = await runCli(['run', STUDY, '--db', db, '--resume', '--quiet']);
    expect(resumed.code).toBe(0);
    const all = JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout) as Array<{ state: string }>;
    expect(all).toHaveLength(27);
    expect(all.filter((t) => t.state === 'complete')).toHaveLength(3);
  }, 120_000);

  it('second SIGINT aborts running jobs: they go back to queued and --resume runs them', async () => {
    const db = path.join(tempDir(), 'int2.db');
    const run = startCli(['run', STUDY, '--db', db, '--threads', '2'], { env: { RUNGS_TEST_SLEEP_MS: '400' } });
    // A job has ended: the workers run the next ones (the second SIGINT aborts them) and hold one more each.
    await waitFor(() => /^trial \d+ paused/m.test(run.out.stdout));
    run.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    run.child.kill('SIGINT');
    const res = await run.done;
    expect(res.code).toBe(130);
    const trials = JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout) as Array<{ state: string; error: string | null }>;
    const queued = trials.filter((t) => t.state === 'queued');
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((t) => t.error === 'interrupted')).toBe(true);
    expect(trials.filter((t) => t.state === 'running')).toHaveLength(0);

    const resumed = await runCli(['run', STUDY, '--db', db, '--resume', '--quiet'], { env: { RUNGS_TEST_SLEEP_MS: '5' } });
    expect(resumed.code).toBe(0);
    const all = JSON.parse((await runCli(['trials', 'slow-sha', '--db', db, '--json'])).stdout) as Array<{ state: string }>;
    expect(all).toHaveLength(27);
    expect(all.filter((t) => t.state === 'queued' || t.state === 'running')).toHaveLength(0);
  }, 120_000);
});
