import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { trialsOf } from '../helpers/trials-of.js';

/** studies/conditional-optimizers.json with two points: a whole Adam configuration, and a momentum run with only its lr given. */
function writeStudy(dir: string, enqueue: unknown[], name = 'enq'): string {
  const study = JSON.parse(fs.readFileSync('studies/conditional-optimizers.json', 'utf8'));
  delete study.$schema;
  Object.assign(study, { name, enqueue });
  const file = path.join(dir, `${name}-${enqueue.length}.json`);
  fs.writeFileSync(file, JSON.stringify(study));
  return file;
}
const ADAM = { optimizer: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, batchSize: 32 };
const MOMENTUM = { optimizer: 'momentum', lr: 0.05 };

describe('enqueued points through the built CLI', () => {
  it('start the first trials from the points, the same on 1 and 2 threads, and plan says so', async () => {
    const dir = tempDir();
    const file = writeStudy(dir, [ADAM, MOMENTUM]);
    const plan = await runCli(['plan', file]);
    expect(plan.stdout).toContain('enqueue: trials 0–1 start from the 2 points given (params left out are drawn)');
    const db = path.join(dir, 'enq.db');
    for (const [name, threads] of [['one', '1'], ['two', '2']]) {
      const res = await runCli(['run', file, '--db', db, '--name', name!, '--threads', threads!, '--quiet']);
      expect(res.code, res.stderr).toBe(0);
    }
    const one = await trialsOf('one', db);
    expect(await trialsOf('two', db)).toEqual(one);
    expect(one).toHaveLength(40);
    expect(one[0]!.params).toEqual(ADAM);
    expect(one[1]!.params).toMatchObject(MOMENTUM);
    expect(Object.keys(one[1]!.params).sort()).toEqual(['batchSize', 'lr', 'momentum', 'optimizer']);
  }, 60_000);

  it('refuses a changed point on --resume, too many points, and bad values, before anything is stored', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'enq.db');
    const first = await runCli(['run', writeStudy(dir, [ADAM]), '--db', db, '--max-trials', '2', '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const changed = await runCli(['run', writeStudy(dir, [{ ...ADAM, lr: 0.002 }]), '--db', db, '--resume']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('cannot be resumed with a different definition: enqueue[0].lr changed from 0.001 to 0.002');
    const many = writeStudy(dir, Array.from({ length: 41 }, () => ({ optimizer: 'sgd' })), 'many');
    const tooMany = await runCli(['run', many, '--db', db]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain(`${many}: enqueue has 41 points, more than the 40 trials the strategy starts`);
    const bad = await runCli(['run', writeStudy(dir, [{ ...ADAM, lr: 3 }], 'bad'), '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('enqueue[0].lr must be within [0.0001, 1] (got 3)');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const listed = JSON.parse((await runCli(['studies', '--db', db, '--json'])).stdout) as { name: string }[];
    expect(listed.map((s) => s.name)).toEqual(['enq']);
  }, 60_000);
});
