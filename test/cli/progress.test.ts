import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, tempDir } from '../helpers/run-cli.js';

const exec = promisify(execFile);

const DURATION = String.raw`(\d+\.\ds|\d+m\d\ds|\d+h\d\dm)`;
/** The live line: a bar of epochs, trials that finished a job of those planned, the latest job's budget, best so far, elapsed, ETA. */
const FRAME = new RegExp(String.raw`^\[[#.]{16}\] trials \d+/\d+  budget \d+  best \S+  ${DURATION}( eta ${DURATION})?$`);

describe('run output', () => {
  it('on a terminal: a live progress line (epochs bar, trials done of total, budget, best so far, elapsed, ETA) redrawn in place', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'tty.log');
    // util-linux `script` gives the CLI a real pseudo-terminal.
    await exec('script', ['-qfc', `${process.execPath} ${CLI} run studies/quickstart.json --db ${path.join(dir, 't.db')}`, log], { cwd: ROOT });
    const out = fs.readFileSync(log, 'utf8');
    const frames = out.split('\r\x1b[2K').filter((f) => f.startsWith('['));
    expect(frames.length).toBeGreaterThan(10);
    expect(frames.some((f) => /eta \d/.test(f))).toBe(true);
    const last = frames.at(-1)!;
    expect(last).toMatch(/^\[#{16}\] trials 27\/27 {2}budget 27 {2}best 0\.0\d+ {2}\d+\.\ds/);
    for (const f of frames) expect(f.split('\n')[0]!.length).toBeLessThanOrEqual(80);
    for (const f of frames) expect(f.split(/\r?\n/)[0]).toMatch(FRAME);
    expect(out).toMatch(/study "quickstart" finished/);
  }, 60_000);

  it('with a pruner on one rung, the bar fills as trials finish: it ends full, though pruned trials trained less than planned', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'pruned.log');
    await exec('script', ['-qfc', `${process.execPath} ${CLI} run studies/random-early-stopping.json --db ${path.join(dir, 'p.db')}`, log], { cwd: ROOT });
    const frames = fs.readFileSync(log, 'utf8').split('\r\x1b[2K').filter((f) => f.startsWith('['));
    // 30 trials, 16 of them pruned: 729 of the 1,200 planned epochs (the bar stopped at ########........ before).
    expect(frames.at(-1)).toMatch(/^\[#{16}\] trials 30\/30 /);
    for (const f of frames) expect(f.split(/\r?\n/)[0]).toMatch(FRAME);
  }, 60_000);

  it('not on a terminal: one plain line per event; --quiet: the summary only; --json: JSON lines', async () => {
    const dir = tempDir();
    const plain = await runCli(['run', 'studies/quickstart.json', '--db', path.join(dir, 'a.db')]);
    expect(plain.stdout).not.toContain('\x1b[');
    expect(plain.stdout.match(/^trial \d+ start/gm)).toHaveLength(27 + 9 + 3);
    const quiet = await runCli(['run', 'studies/quickstart.json', '--db', path.join(dir, 'b.db'), '--quiet']);
    expect(quiet.stdout.trim().split('\n')).toHaveLength(4);
    const json = await runCli(['run', 'studies/quickstart.json', '--db', path.join(dir, 'c.db'), '--json']);
    const events = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0].type).toBe('plan');
    expect(events.filter((e) => e.type === 'end')).toHaveLength(39);
    expect(events.at(-1).type).toBe('summary');
  }, 60_000);

  it("README's run reference shows the live line as it is printed", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const run = readme.slice(readme.indexOf('- **run** '), readme.indexOf('- **plan** '));
    const example = /`(\[[#.]+\][^`]*)`/.exec(run);
    expect(example).not.toBeNull();
    expect(example![1]).toMatch(FRAME);
    // It once said "jobs done of planned", which the line does not count.
    expect(run).not.toMatch(/jobs done/);
  });
});
