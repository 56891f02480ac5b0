import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';

/**
 * A study of two objectives through the built CLI: an objective module that returns an array
 * (Optuna's tuple), trials stored with both values, the Pareto front from `best`, `show` and
 * `run`, the same trials on 1 and 2 threads; and a built-in task with val_loss against model_size.
 */
const OBJECTIVE = `export default function ({ x, y, mode }) {
  if (mode === 'nan') return [x, Number.NaN];
  if (mode === 'short') return [x];
  const g = 1 + 9 * y;
  return [x, g * (1 - Math.sqrt(x / g))];
}
`;

interface JsonTrial {
  number: number;
  state: string;
  params: Record<string, unknown>;
  value: number | null;
  metrics: Record<string, number>;
  values?: Array<number | null>;
  error: string | null;
}

function writeStudy(dir: string, extra: object = {}): string {
  fs.writeFileSync(path.join(dir, 'zdt.mjs'), OBJECTIVE);
  const file = path.join(dir, 'zdt.json');
  const study = {
    name: 'zdt',
    seed: 7,
    objective: './zdt.mjs',
    objectives: [{ metric: 'f1', direction: 'minimize' }, { metric: 'f2', direction: 'minimize' }],
    space: {
      x: { type: 'float', low: 0, high: 1 },
      y: { type: 'float', low: 0, high: 1 },
      mode: { type: 'categorical', choices: ['ok', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6', 'nan', 'short'] },
    },
    strategy: { type: 'random', trials: 60 },
    ...extra,
  };
  fs.writeFileSync(file, JSON.stringify(study));
  return file;
}

/** The trials no other complete trial beats on both values (both minimised), by brute force. */
function bruteFront(trials: JsonTrial[]): number[] {
  const done = trials.filter((t) => t.state === 'complete');
  const beats = (a: JsonTrial, b: JsonTrial) =>
    a.metrics.f1! <= b.metrics.f1! && a.metrics.f2! <= b.metrics.f2! && (a.metrics.f1! < b.metrics.f1! || a.metrics.f2! < b.metrics.f2!);
  return done.filter((t) => !done.some((o) => beats(o, t))).map((t) => t.number).sort((a, b) => a - b);
}

async function json<T>(args: string[]): Promise<T> {
  const res = await runCli(args);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as T;
}

/**
 * Runs the study with `strategy` on 1 thread, on 2, and on 2 stopped at `maxTrials` then resumed on 1; expects the
 * same trials (number, state, params, metrics) each way and returns them, by number.
 */
async function sameTrialsEveryWay(strategy: object, maxTrials: number): Promise<Pick<JsonTrial, 'number' | 'state' | 'params' | 'metrics'>[]> {
  const dir = tempDir();
  const file = writeStudy(dir, { strategy });
  const db = path.join(dir, 'study.db');
  const ok = async (args: string[]) => {
    const res = await runCli([...args, '--db', db, '--quiet']);
    expect(res.code, res.stderr).toBe(0);
  };
  await ok(['run', file, '--threads', '1']);
  await ok(['run', file, '--threads', '2', '--name', 'two']);
  await ok(['run', file, '--threads', '2', '--name', 'resumed', '--max-trials', String(maxTrials)]);
  await ok(['run', file, '--threads', '1', '--name', 'resumed', '--resume']);
  const cut = (ts: JsonTrial[]) => ts.map(({ number, state, params, metrics }) => ({ number, state, params, metrics })).sort((a, b) => a.number - b.number);
  const one = cut(await json<JsonTrial[]>(['trials', 'zdt', '--db', db, '--json']));
  expect(cut(await json<JsonTrial[]>(['trials', 'two', '--db', db, '--json']))).toEqual(one);
  expect(cut(await json<JsonTrial[]>(['trials', 'resumed', '--db', db, '--json']))).toEqual(one);
  return one;
}

describe('a study of two objectives through the built CLI', () => {
  it('stores both values, fails what it cannot rank, and gives the Pareto front from best, show and run; the same on 1 and 2 threads', async () => {
    const dir = tempDir();
    const file = writeStudy(dir);
    const db = path.join(dir, 'mo.db');
    const run = await runCli(['run', file, '--db', db, '--threads', '1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/trial \d+ complete {2}f1 [\d.e-]+ {2}f2 [\d.e-]+ {2}budget 1 {2}front \d+/);
    expect(run.stdout).toMatch(/Pareto front: \d+ trials? no other beats on every objective \(f1 ↓, f2 ↓\)/);

    const trials = await json<JsonTrial[]>(['trials', 'zdt', '--db', db, '--json']);
    expect(trials).toHaveLength(60);
    for (const t of trials) {
      const mode = t.params.mode;
      if (mode === 'nan') expect([t.state, t.error]).toEqual(['failed', 'diverged']);
      else if (mode === 'short') {
        expect(t.state).toBe('failed');
        expect(t.error).toMatch(/^the objective must give 2 numbers, \[f1, f2\] in that order, or an object \{ f1: number, f2: number \} \(got \[/);
      } else {
        expect(t.state).toBe('complete');
        expect(t.value).toBe(t.metrics.f1);
        // Optuna's trial.values: each objective's, in their order.
        expect(t.values).toEqual([t.metrics.f1, t.metrics.f2]);
        expect(t.metrics.f1).toBe(t.params.x);
        expect(Number.isFinite(t.metrics.f2)).toBe(true);
      }
    }
    expect(trials.filter((t) => t.state === 'failed').length).toBeGreaterThan(0);

    const front = await json<JsonTrial[]>(['best', 'zdt', '--db', db, '--json']);
    expect(front.map((t) => t.number).sort((a, b) => a - b)).toEqual(bruteFront(trials));
    expect(front.length).toBeGreaterThan(1);
    // By the first objective, best first.
    expect(front.map((t) => t.metrics.f1)).toEqual([...front.map((t) => t.metrics.f1!)].sort((a, b) => a - b));
    expect((await json<JsonTrial[]>(['best', 'zdt', '--db', db, '--json', '--top', '1'])).map((t) => t.number)).toEqual([front[0]!.number]);

    const best = await runCli(['best', 'zdt', '--db', db]);
    expect(best.stdout).toMatch(/^Pareto front \(f1 ↓, f2 ↓\):\n\s*# +state +f1 +f2 +budget/);
    const show = await runCli(['show', 'zdt', '--db', db]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('objectives f1 ↓, f2 ↓, seed 7');
    expect(show.stdout).toContain(`Pareto front: ${front.length} trials`);
    expect(show.stdout).not.toContain('top configurations');
    const shown = await json<{ paretoFront: JsonTrial[]; objectives: unknown }>(['show', 'zdt', '--db', db, '--json']);
    expect(shown.paretoFront.map((t) => t.number)).toEqual(front.map((t) => t.number));
    expect(shown.objectives).toEqual([{ metric: 'f1', direction: 'minimize' }, { metric: 'f2', direction: 'minimize' }]);

    // Which params matter for the second objective (Optuna's get_param_importances with a target): y only moves f2.
    const imp = await json<{ metric: string; trials: number; importance: Array<{ param: string; importance: number }> }>(['importance', 'zdt', '--db', db, '--json', '--objective', 'f2']);
    expect([imp.metric, imp.trials]).toEqual(['f2', trials.filter((t) => t.state === 'complete').length]);
    const first = await json<{ metric: string; importance: Array<{ param: string; importance: number }> }>(['importance', 'zdt', '--db', db, '--json']);
    expect(first.metric).toBe('f1');
    expect(first.importance[0]!.param).toBe('x');
    const unknown = await runCli(['importance', 'zdt', '--db', db, '--objective', 'f3']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('study "zdt" has no objective "f3" (its objectives: f1, f2)');

    const listed = await json<Array<{ name: string; objectives?: unknown; best: number | null }>>(['studies', '--db', db, '--json']);
    expect(listed).toEqual([expect.objectContaining({ name: 'zdt', objectives: shown.objectives, best: null, paretoFront: front.length })]);
    expect((await runCli(['studies', '--db', db])).stdout).toMatch(new RegExp(`zdt +f1, f2 +min, min +60 +\\d+ +\\d+ +front ${front.length} `));
    // show --top: how many of the front's trials it lists.
    const top2 = await runCli(['show', 'zdt', '--db', db, '--top', '2']);
    expect(top2.stdout).toContain(`… and ${front.length - 2} more (rungs best lists them all)`);
    expect(top2.stdout).not.toContain('rungs:');

    const two = await runCli(['run', file, '--db', db, '--threads', '2', '--name', 'zdt2', '--json']);
    expect(two.code, two.stderr).toBe(0);
    const events = two.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; paretoFront?: number | JsonTrial[] });
    const summary = events.at(-1) as { type: string; paretoFront: JsonTrial[]; best: unknown };
    expect([summary.type, summary.best]).toEqual(['summary', null]);
    // Each end event counts the front so far; the last count is the front's size.
    const counts = events.filter((e) => e.type === 'end').map((e) => e.paretoFront as number);
    expect(counts).toHaveLength(60);
    expect(counts.at(-1)).toBe(front.length);
    expect(summary.paretoFront.map((t) => t.number)).toEqual(front.map((t) => t.number));
    const again = await json<JsonTrial[]>(['trials', 'zdt2', '--db', db, '--json']);
    const cut = (ts: JsonTrial[]) => ts.map(({ number, state, params, metrics, error }) => ({ number, state, params, metrics, error }));
    expect(cut(again)).toEqual(cut(trials));
  }, 120_000);

  it('nsga2: the same trials on 1 and 2 threads and across --max-trials + --resume; generation 5 better than generation 0', async () => {
    const one = await sameTrialsEveryWay({ type: 'nsga2', trials: 120, popsize: 20 }, 50);
    expect(one).toHaveLength(120);
    // Bred children: generation 5's f2 is lower than generation 0's (random search's draws), by the median.
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const f2 = (from: number) => one.filter((t) => t.number >= from && t.number < from + 20 && t.state === 'complete').map((t) => t.metrics.f2!);
    expect(med(f2(100))).toBeLessThan(med(f2(0)));
  }, 120_000);

  it('tpe: the same trials on 1 and 2 threads and across --max-trials + --resume, failed trials included', async () => {
    const one = await sameTrialsEveryWay({ type: 'tpe', trials: 60, startupTrials: 8 }, 25);
    expect(one).toHaveLength(60);
    expect(one.some((t) => t.state === 'failed')).toBe(true);
  }, 120_000);

  it('refuses a strategy that ranks by one value before anything is stored, naming the file and the field', async () => {
    const dir = tempDir();
    const file = writeStudy(dir, { strategy: { type: 'cmaes', trials: 20 } });
    const db = path.join(dir, 'refused.db');
    const res = await runCli(['run', file, '--db', db]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(file);
    expect(res.stderr).toContain('strategy.type "cmaes" ranks trials by one value and cannot search 2 objectives');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(db)).toBe(false);
  }, 60_000);

  it('studies/loss-vs-size.json: val_loss against the MLP\'s weights, model_size counted right', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'size.db');
    const res = await runCli(['run', path.join(ROOT, 'studies/loss-vs-size.json'), '--db', db, '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    const trials = await json<JsonTrial[]>(['trials', 'loss-vs-size', '--db', db, '--json']);
    expect(trials.length).toBeGreaterThan(0);
    // digits: 64 inputs, h hidden units, 10 classes: 64h + h + 10h + 10 weights and biases.
    for (const t of trials.filter((x) => x.state === 'complete')) expect(t.metrics.model_size).toBe(75 * (t.params.hiddenUnits as number) + 10);
    const front = await json<JsonTrial[]>(['best', 'loss-vs-size', '--db', db, '--json']);
    expect(front.length).toBeGreaterThan(1);
    // Along the front, a larger model must buy a lower loss.
    for (let i = 1; i < front.length; i++) {
      expect(front[i]!.metrics.val_loss).toBeGreaterThanOrEqual(front[i - 1]!.metrics.val_loss!);
      expect(front[i]!.metrics.model_size).toBeLessThan(front[i - 1]!.metrics.model_size!);
    }
  }, 60_000);
});
