import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../src/index.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

describe('rungs importance through the built CLI, and StudyStore.importance', () => {
  it('ranks the params of a random study by their share, as the API does, in table, JSON and CSV', async () => {
    const db = path.join(tempDir(), 'importance.db');
    const run = await runCli(['run', 'studies/random-early-stopping.json', '--db', db, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const store = openStorage(db);
    const api = await store.importance('random-early-stopping');
    await store.close();
    // Four params, shares in [0, 1] summing to 1, largest first; the values taken at the epoch most trials reached.
    expect(api.importance.map((p) => p.param).sort()).toEqual(['batchSize', 'hiddenUnits', 'lr', 'optimizer']);
    expect(api.importance.reduce((s, p) => s + p.importance, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < 4; i++) expect(api.importance[i]!.importance).toBeLessThanOrEqual(api.importance[i - 1]!.importance);
    expect(api.trials).toBe(30);
    expect(api.step).toBeGreaterThanOrEqual(1);

    const json = await runCli(['importance', 'random-early-stopping', '--db', db, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ study: 'random-early-stopping', metric: 'val_loss', step: api.step, trials: 30, importance: api.importance });
    const table = await runCli(['importance', 'random-early-stopping', '--db', db]);
    expect(table.stdout).toContain(`study "random-early-stopping": importance of each param for val_loss, from 30 trials at step ${api.step}, the one most trials reached`);
    expect(table.stdout.split('\n')[3]).toMatch(new RegExp(`^${api.importance[0]!.param}\\s+${api.importance[0]!.importance.toFixed(3)}\\s+█+$`));
    const csv = await runCli(['importance', 'random-early-stopping', '--db', db, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('param,importance');
    expect(csv.stdout.trim().split('\n')).toHaveLength(5);

    const missing = await runCli(['importance', 'nope', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('rungs: no study named "nope" (studies here: random-early-stopping)');
  }, 120_000);

  it('--step takes every trial at the step asked (a halving study\'s higher rung), and says which steps have values when it has too few', async () => {
    const db = path.join(tempDir(), 'step.db');
    expect((await runCli(['run', 'studies/quickstart.json', '--db', db, '--quiet'])).code).toBe(0);
    const store = openStorage(db);
    const points = await store.curves('quickstart', { metrics: ['val_loss'] });
    const byDefault = await store.importance('quickstart');
    const at9 = await store.importance('quickstart', { step: 9 });
    await expect(store.importance('quickstart', { step: 0 })).rejects.toThrow('importance(): step must be an integer ≥ 1 (got 0)');
    await store.close();
    // The trials with a value of val_loss at step 9: the rung's.
    expect(at9).toMatchObject({ step: 9, trials: points.filter((p) => p.step === 9).length });
    expect(at9.trials).toBeLessThan(byDefault.trials);
    const json = JSON.parse((await runCli(['importance', 'quickstart', '--db', db, '--step', '9', '--json'])).stdout);
    expect(json).toMatchObject({ step: 9, trials: at9.trials, importance: at9.importance });
    const table = await runCli(['importance', 'quickstart', '--db', db, '--step', '9']);
    expect(table.stdout.split('\n')[0]).toBe(`study "quickstart": importance of each param for val_loss, from ${at9.trials} trials at step 9`);
    const none = await runCli(['importance', 'quickstart', '--db', db, '--step', '99']);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toMatch(/^rungs: study "quickstart": no trial has a value of val_loss at step 99, and importance needs at least 2 \(steps with values: 1 \(27 trials\), .*9 \(\d+ trials\)/);
  }, 60_000);

  it('says there is nothing to show when no trial has a value, instead of a table of zeros', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'none.db');
    writeFileSync(path.join(dir, 'fails.mjs'), "export default function () { throw new Error('no value today'); }\n");
    const study = { name: 'none', objective: './fails.mjs', space: { x: { type: 'float', low: 0, high: 1 } }, strategy: { type: 'random', trials: 3 } };
    writeFileSync(path.join(dir, 'none.json'), JSON.stringify(study));
    expect((await runCli(['run', path.join(dir, 'none.json'), '--db', db, '--quiet'])).code).toBe(1);
    const table = await runCli(['importance', 'none', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe('study "none": no trial has a value yet, so there is no importance to show\n');
    expect(JSON.parse((await runCli(['importance', 'none', '--db', db, '--json'])).stdout)).toMatchObject({ step: null, trials: 0 });
  }, 60_000);
});
