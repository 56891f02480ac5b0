import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type CurvePoint } from '../../src/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { fmtNum } from '../../src/cli/render-table.js';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { addCurveSideStudies } from '../helpers/curve-side-studies.js';

/** Successive halving over a softmax model on iris: 4 trials of 1, 2 and 4 epochs, each with train_loss, val_accuracy, … beside val_loss. */
const STUDY = {
  name: 'sha-iris',
  seed: 7,
  metric: 'val_loss',
  task: { dataset: 'iris', model: 'softmax', optimizer: { optimizer: 'adam' }, validation: 0.3 },
  space: { lr: { type: 'float', low: 0.001, high: 0.5, log: true } },
  strategy: { type: 'successive-halving', candidates: 4, reductionFactor: 2, minBudget: 1, maxBudget: 4 },
};

let db: string;
let api: CurvePoint[];
let best: number;

beforeAll(async () => {
  const dir = tempDir();
  db = path.join(dir, 'curves.db');
  fs.writeFileSync(path.join(dir, 'sha.json'), JSON.stringify(STUDY));
  const run = await runCli(['run', path.join(dir, 'sha.json'), '--db', db, '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  await addCurveSideStudies(db);
  const store = openStorage(db);
  api = await store.curves('sha-iris');
  best = (await store.best('sha-iris', 1))[0]!.number;
  await store.close();
}, 120_000);

const curves = (...args: string[]) => runCli(['curves', ...args, '--db', db]);
const tableRows = (stdout: string) => stdout.trimEnd().split('\n').slice(2).map((l) => l.trim().split(/\s+/));

describe('rungs curves through the built CLI', () => {
  it('prints every point as StudyStore.curves gives it, as CSV, JSON and a table', async () => {
    expect(new Set(api.map((p) => p.metric))).toEqual(new Set(['val_loss', 'train_loss', 'val_accuracy', 'val_log_loss']));
    const csv = await curves('sha-iris', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    const [header, ...lines] = csv.stdout.trimEnd().split('\n');
    expect(header).toBe('trial,metric,step,value');
    // Full precision: each value reads back as the number stored.
    expect(lines.map((l) => l.split(','))).toEqual(api.map((p) => [String(p.trial), p.metric, String(p.step), String(p.value)]));

    const json = await curves('sha-iris', '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(api);

    const table = await curves('sha-iris');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^trial\s+metric\s+step\s+value$/);
    const rows = tableRows(table.stdout);
    expect(rows).toHaveLength(api.length);
    // Values as the other tables show them (4 significant digits).
    rows.forEach((r, i) => expect(r).toEqual([String(api[i]!.trial), api[i]!.metric, String(api[i]!.step), fmtNum(api[i]!.value)]));
    expect(rows.some((r, i) => r[3] !== String(api[i]!.value))).toBe(true);
  }, 60_000);

  it('--trials, --metrics (comma-separated) and --top narrow it', async () => {
    const some = await curves('sha-iris', '--trials', '0', '--metrics', 'val_loss,train_loss');
    expect(some.code, some.stderr).toBe(0);
    const rows = tableRows(some.stdout);
    const want = api.filter((p) => p.trial === 0 && (p.metric === 'val_loss' || p.metric === 'train_loss'));
    expect(want.length).toBeGreaterThan(1);
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual(want.map((p) => [String(p.trial), p.metric, String(p.step)]));
    expect(rows[0]![1]).toBe('val_loss');

    const top = await curves('sha-iris', '--top', '1', '--format', 'csv');
    expect(top.code, top.stderr).toBe(0);
    const topLines = top.stdout.trimEnd().split('\n').slice(1);
    expect(topLines).toHaveLength(api.filter((p) => p.trial === best).length);
    expect(topLines.every((l) => l.startsWith(`${best},`))).toBe(true);
  }, 60_000);

  it('says so when a study has no curves yet: a line, an empty array, a header', async () => {
    expect((await curves('empty')).stdout).toBe('study "empty" has no curves yet\n');
    expect((await curves('empty', '--json')).stdout).toBe('[]\n');
    expect((await curves('empty', '--format', 'csv')).stdout).toBe('trial,metric,step,value\n');
  }, 60_000);

  it('refuses bad input with one line on stderr, exit 2, nothing on stdout', async () => {
    const cases: [string[], string | RegExp][] = [
      // The studies are listed in the store's order.
      [['nope'], /^rungs: no study named "nope" \(studies here: (?=.*\bempty\b)(?=.*\bsha-iris\b)(?=.*\btwo\b)[a-z, -]+\)$/],
      [['sha-iris', '--trials', '0', '9'], 'rungs: study "sha-iris" has no trial 9 (it has 4: 0 to 3)'],
      [['sha-iris', '--trials', 'x'], 'rungs: --trials must be an integer ≥ 0 (got "x")'],
      [
        ['sha-iris', '--metrics', 'val_los'],
        'rungs: no trial of "sha-iris" has a curve of "val_los" (did you mean "val_loss"? its trials have curves of: val_loss, train_loss, val_accuracy, val_log_loss)',
      ],
      [['sha-iris', '--metrics', ','], 'rungs: --metrics needs metric names (e.g. --metrics val_loss train_loss)'],
      [['sha-iris', '--trials', '0', '--top', '1'], 'rungs: --trials and --top conflict (--top picks the trials): give one of them'],
      [['sha-iris', '--top', '0'], 'rungs: --top must be an integer ≥ 1 (got 0)'],
      [['sha-iris', '--top', 'abc'], 'rungs: --top must be an integer ≥ 1 (got "abc")'],
      [['two', '--top', '1'], 'rungs: study "two" has 2 objectives (f1, f2), so no single best trial: rungs best two gives its Pareto front'],
    ];
    for (const [args, message] of cases) {
      const r = await curves(...args);
      expect([r.code, r.stdout], args.join(' ')).toEqual([EXIT.usage, '']);
      // One line: the message, no stack trace.
      if (typeof message === 'string') expect(r.stderr).toBe(`${message}\n`);
      else expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    }
  }, 60_000);
});
