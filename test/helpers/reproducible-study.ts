import { expect } from 'vitest';
import { listed, type Listed } from './listed-trials.js';
import { runCli } from './run-cli.js';

/**
 * The reproducibility a model-based study owes through the built CLI: the same trials on 1 and 2 threads
 * (studies "one" and "two"), after `--max-trials cutAt` then `--resume` ("cut"), and with `trials` raised on
 * `--resume` from `study` to `more` ("one" grown, against "fresh" run from the start). Returns the trials of
 * "one" before and after it grew.
 */
export async function expectReproducibleStudy(study: string, more: string, db: string, counts: { trials: number; cutAt: number; raisedTo: number }): Promise<{ one: Listed[]; grown: Listed[] }> {
  for (const [name, threads] of [['one', '1'], ['two', '2']] as const) {
    const res = await runCli(['run', study, '--db', db, '--name', name, '--threads', threads, '--quiet']);
    expect(res.code, res.stderr).toBe(0);
  }
  const one = await listed('one', db);
  expect(one).toHaveLength(counts.trials);
  expect(await listed('two', db)).toEqual(one);

  const cut = await runCli(['run', study, '--db', db, '--name', 'cut', '--max-trials', String(counts.cutAt), '--threads', '2', '--quiet']);
  expect(cut.code, cut.stderr).toBe(0);
  expect(await listed('cut', db)).toHaveLength(counts.cutAt);
  const resumed = await runCli(['run', study, '--db', db, '--name', 'cut', '--resume', '--threads', '2', '--quiet']);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(await listed('cut', db)).toEqual(one);

  const raised = await runCli(['run', more, '--db', db, '--name', 'one', '--resume', '--threads', '2']);
  expect(raised.code, raised.stderr).toBe(0);
  expect(raised.stdout).toContain(`strategy.trials ${counts.trials} → ${counts.raisedTo}`);
  const fresh = await runCli(['run', more, '--db', db, '--name', 'fresh', '--threads', '2', '--quiet']);
  expect(fresh.code, fresh.stderr).toBe(0);
  const grown = await listed('one', db);
  expect(grown).toHaveLength(counts.raisedTo);
  expect(await listed('fresh', db)).toEqual(grown);
  return { one, grown };
}
