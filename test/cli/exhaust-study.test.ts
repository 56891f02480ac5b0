import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';
import { trialsOf } from '../helpers/trials-of.js';

/** studies/quickstart.json with candidates "exhaust" (or Hyperband with `strategy`) and a maxEpochs of its own. */
function writeStudy(dir: string, maxEpochs: number | undefined, name = 'exh', strategy?: Record<string, unknown>): string {
  const study = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
  delete study.$schema;
  study.name = name;
  study.strategy = strategy ?? { ...study.strategy, candidates: 'exhaust', minBudget: 1, maxBudget: 9 };
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
    expect(json.exhausted).toEqual({ option: 'candidates', count: 20, epochs: 44, next: 47, maxEpochs: 45 });
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

  it('runs Hyperband with iterations "exhaust": as many iterations as fit, the same trials on 1 and 2 threads', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'hb.db');
    // η 3, budgets 1 → 9: an iteration is 9@1 3@3 1@9, 5@3 1@9, 3@9 = 21 + 21 + 27 = 69 epochs, 17 trials; 2 fit in 150.
    const file = writeStudy(dir, 150, 'hb', { type: 'hyperband', iterations: 'exhaust', reductionFactor: 3, minBudget: 1, maxBudget: 9 });
    const plan = await runCli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('study "hb": hyperband, 2 iterations');
    expect(plan.stdout).toContain('iterations "exhaust": 2, the most whose plan fits in maxEpochs 150 (138 epochs; 3 would train 207)');
    expect(plan.stdout).toMatch(/^\s+5\s+0\s+3\s+9$/m);
    for (const [name, threads] of [['hb1', '1'], ['hb2', '2']]) {
      const res = await runCli(['run', file, '--db', db, '--name', name!, '--threads', threads!]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/; 138 epochs trained;/);
    }
    const one = await trialsOf('hb1', db);
    expect(one).toHaveLength(34);
    // show fills in every bracket of both iterations, and says where their count came from.
    const show = await runCli(['show', 'hb1', '--db', db]);
    expect(show.stdout).toMatch(/^\s+5\s+0\s+9\s+3\s+3\s/m);
    expect(show.stdout).toContain('iterations "exhaust": 2, the most whose plan fits in maxEpochs 150 (138 epochs; 3 would train 207)');
    expect(JSON.parse((await runCli(['show', 'hb1', '--db', db, '--json'])).stdout).exhausted).toEqual({ option: 'iterations', count: 2, epochs: 138, next: 207, maxEpochs: 150 });
    expect(await trialsOf('hb2', db)).toEqual(one);
    const bad = await runCli(['plan', writeStudy(dir, 150, 'bad', { type: 'hyperband', iterations: 0, minBudget: 1, maxBudget: 9 })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('strategy.iterations must be an integer >= 1 or "exhaust" (as many as fit in the study\'s maxEpochs) (got 0)');
  }, 120_000);
});

describe('successive halving with minBudget "exhaust", through the built CLI', () => {
  it('plans, runs and shows the largest first budget that halves the candidates to fewer than η, and names the cause on --resume', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'min.db');
    const sha = { type: 'successive-halving', candidates: 9, minBudget: 'exhaust', reductionFactor: 3, maxBudget: 27 };
    // 9@3 3@9 1@27; from 4 the ladder would be 4, 27 (4·3·3 > 27), which ends with 3 of them.
    const file = writeStudy(dir, undefined, 'minx', sha);
    const plan = await runCli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('minBudget "exhaust": 3, the largest from which 9 candidates halve to 1 by maxBudget 27');
    expect(plan.stdout).toMatch(/^\s+0\s+0\s+9\s+3$/m);
    expect(JSON.parse((await runCli(['plan', file, '--json'])).stdout).exhausted).toEqual({ option: 'minBudget', minBudget: 3, candidates: 9, maxBudget: 27, top: 1, needs: 9 });

    const run = await runCli(['run', file, '--db', db, '--threads', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('minBudget "exhaust": 3, the largest from which 9 candidates halve to 1 by maxBudget 27');
    // 9·3 + 3·(9 − 3) + 1·(27 − 9), with warm starts.
    expect(run.stdout).toMatch(/; 63 epochs trained;/);
    const trials = await trialsOf('minx', db);
    expect(trials).toHaveLength(9);
    const show = await runCli(['show', 'minx', '--db', db]);
    expect(show.stdout).toContain('minBudget "exhaust": 3, the largest from which 9 candidates halve to 1 by maxBudget 27');

    // The same study spelled with the number is the same study; more candidates move the first budget down, and the refusal says why.
    expect((await runCli(['run', writeStudy(dir, undefined, 'minx', { ...sha, minBudget: 3 }), '--db', db, '--resume', '--quiet'])).code).toBe(0);
    const changed = await runCli(['run', writeStudy(dir, undefined, 'minx', { ...sha, candidates: 27 }), '--db', db, '--resume']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('strategy.minBudget changed from 3 to 1 ("exhaust" for 9 candidates to maxBudget 27 → "exhaust" for 27 candidates to maxBudget 27)');
    expect(changed.stderr).not.toMatch(/\n\s+at /);
    expect(await trialsOf('minx', db)).toEqual(trials);
  }, 120_000);

  it('aggressiveElimination through the CLI: plan and run cut rung 0 harder and say so; spelled out false is the default on --resume', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'agg.db');
    const sha = { type: 'successive-halving', candidates: 60, minBudget: 1, reductionFactor: 3, maxBudget: 9, aggressiveElimination: true };
    // 60 → 20 → 6 → 2 needs 3 cuts and 1, 3, 9 makes 2: rung 0's cut twice, 60@1 6@3 2@9 (without it 60@1 20@3 6@9).
    const file = writeStudy(dir, undefined, 'agg', sha);
    const plan = await runCli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/^\s+0\s+1\s+6\s+3$/m);
    expect(plan.stdout).toMatch(/^\s+0\s+2\s+2\s+9$/m);
    expect(plan.stdout).toContain('note: strategy.aggressiveElimination: the ladder has 1 cut too few for 60 candidates, so rung 0\'s cut is made 2 times');
    const run = await runCli(['run', file, '--db', db, '--threads', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 reach maxBudget 9 instead of 6');
    // 60·1 + 6·2 + 2·6 epochs, with warm starts.
    expect(run.stdout).toMatch(/2 complete, 58 pruned, 0 failed; 84 epochs trained;/);
    const budgets = (JSON.parse((await runCli(['trials', 'agg', '--db', db, '--json'])).stdout) as { budget: number }[]).map((t) => t.budget);
    expect([1, 3, 9].map((b) => budgets.filter((x) => x === b).length)).toEqual([54, 4, 2]);
    const trials = await trialsOf('agg', db);
    // Off, spelled out, is the default: the same study as one without it; on → off is a change.
    const plain = { ...sha, aggressiveElimination: false };
    const off = writeStudy(dir, undefined, 'plain', plain);
    expect((await runCli(['run', off, '--db', db, '--quiet'])).code).toBe(0);
    const { aggressiveElimination: _unused, ...without } = plain;
    expect((await runCli(['run', writeStudy(dir, undefined, 'plain', without), '--db', db, '--resume', '--quiet'])).code).toBe(0);
    const changed = await runCli(['run', writeStudy(dir, undefined, 'agg', plain), '--db', db, '--resume']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('strategy.aggressiveElimination changed from true to false');
    expect(await trialsOf('agg', db)).toEqual(trials);
  }, 120_000);
});
