import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';
import { trialsOf } from '../helpers/trials-of.js';

/** studies/quickstart.json with candidates "exhaust" and a maxEpochs of its own. */
function writeStudy(dir: string, maxEpochs: number | undefined, name = 'exh'): string {
  const study = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
  delete study.$schema;
  study.name = name;
  study.strategy = { ...study.strategy, candidates: 'exhaust', minBudget: 1, maxBudget: 9 };
  if (maxEpochs !== undefined) study.maxEpochs = maxEpochs;
  const file = path.join(dir, `${name}-${maxEpochs}.json`);
  fs.writeFileSync(file, JSON.stringify(study));
  return file;
}

describe('successive halving with candidates "exhaust", through the built CLI', () => {
  it('plans and runs the most candidates whose plan fits in maxEpochs, and refuses a changed maxEpochs on --resume', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'exh.db');
    // η 3, budgets 1 → 9: 20 candidates cost 20 + 6·2 + 2·6 = 44 epochs; 21 would cost 21 + 7·2 + 2·6 = 47.
    const file = writeStudy(dir, 45);
    const plan = await runCli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('candidates "exhaust": 20, the most whose plan fits in maxEpochs 45 (44 epochs; 21 would train 47)');
    const json = JSON.parse((await runCli(['plan', file, '--json'])).stdout);
    expect(json.exhausted).toEqual({ candidates: 20, epochs: 44, next: 47, maxEpochs: 45 });
    expect(json.withWarmStarts.epochs).toBe(44);

    const run = await runCli(['run', file, '--db', db, '--threads', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('candidates "exhaust": 20, the most whose plan fits in maxEpochs 45');
    expect(run.stdout).toMatch(/; 44 epochs trained;/);
    const trials = await trialsOf('exh', db);
    expect(trials).toHaveLength(20);

    // The same file again is the same study; a larger maxEpochs would be another one (26 candidates).
    expect((await runCli(['run', file, '--db', db, '--resume', '--quiet'])).code).toBe(0);
    const changed = await runCli(['run', writeStudy(dir, 60), '--db', db, '--resume']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('strategy.candidates changed from 20 to 26 ("exhaust" in maxEpochs 45 → "exhaust" in maxEpochs 60)');
    expect(changed.stderr).not.toMatch(/\n\s+at /);
    expect(await trialsOf('exh', db)).toEqual(trials);
  }, 120_000);

  it('refuses "exhaust" without a maxEpochs, or with one below a single candidate, naming the file and the fix', async () => {
    const dir = tempDir();
    const none = writeStudy(dir, undefined);
    const res = await runCli(['run', none, '--db', path.join(dir, 'x.db')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${none}: strategy.candidates "exhaust" takes the most candidates whose plan fits in the study's maxEpochs, and the study has no maxEpochs`);
    const small = writeStudy(dir, 8);
    const plan = await runCli(['plan', small]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain(`${small}: maxEpochs (8) is less than the plan of a single candidate (9 epochs)`);
    expect(plan.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
  }, 60_000);
});
