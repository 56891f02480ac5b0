import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, tempDir } from '../helpers/run-cli.js';

describe('a reader that goes away', () => {
  it('`rungs run … | head -1`: the study still runs to its end, exit 0, no stack trace', async () => {
    const db = path.join(tempDir(), 'pipe.db');
    const child = spawn(process.execPath, [CLI, 'run', 'studies/random-iris.json', '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Like `head -1`: read the first chunk, then close the pipe while the run is still printing.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
    const trials = JSON.parse((await runCli(['trials', 'random-iris', '--db', db, '--json'])).stdout) as Array<{ state: string }>;
    expect(trials).toHaveLength(30);
    expect(trials.every((t) => t.state === 'complete')).toBe(true);
  }, 60_000);
});

describe('a reader that is slow', () => {
  it('`rungs trials --json | (sleep 1; cat)`: every byte arrives, the CLI does not exit before its output is written', async () => {
    const db = path.join(tempDir(), 'slow-reader.db');
    const run = await runCli(['run', 'examples/branin-random.json', '--db', db, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    // 200 trials as JSON: more than a pipe holds (64 KiB on Linux), so the CLI must wait for its reader to drain it.
    const script = `"${process.execPath}" "${CLI}" trials branin-random --db "${db}" --json | (sleep 1; cat)`;
    const child = spawn('sh', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code, stderr).toBe(0);
    expect(stdout.length).toBeGreaterThan(65536);
    expect((JSON.parse(stdout) as unknown[]).length).toBe(200);
  }, 60_000);
});
