import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../src/index.js';
import { countFinished } from '../helpers/count-finished.js';
import { ROOT, runCli, startCli, tempDir, waitFor } from '../helpers/run-cli.js';

const SLOW = path.join(ROOT, 'test/fixtures/slow-pbt.json');
const DIGITS = path.join(ROOT, 'studies/pbt-digits.json');

interface Row {
  number: number;
  state: string;
  budget: number;
  value: number | null;
  fork_of: number | null;
  fork_budget: number | null;
  epochs_trained: number;
  params: Record<string, unknown>;
  first_step: number | null;
}

/** Every trial of the database's one study, with its params and the first step of its curve, read with SQL. */
function rows(db: string): Row[] {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const trials = conn
      .prepare(
        `SELECT t.id, t.number, t.state, t.budget, t.value, t.fork_of, t.fork_budget, t.epochs_trained,
                (SELECT MIN(step) FROM trial_values v WHERE v.trial_id = t.id) AS first_step
         FROM trials t ORDER BY t.number`,
      )
      .all() as Array<Row & { id: number }>;
    const params = conn.prepare('SELECT name, value_num, value_text FROM trial_params WHERE trial_id = ?');
    return trials.map(({ id, ...t }) => ({
      ...t,
      params: Object.fromEntries((params.all(id) as Array<{ name: string; value_num: number | null; value_text: string | null }>).map((p) => [p.name, p.value_num ?? p.value_text])),
    }));
  } finally {
    conn.close();
  }
}

/** What each fork shows of PBT: it starts at its donor's budget, trains only from there, and copies the params left out of mutate. */
function checkForks(all: Row[], mutate: readonly string[], interval: number): void {
  const forks = all.filter((t) => t.fork_of !== null);
  expect(forks.length).toBeGreaterThan(0);
  for (const f of forks) {
    const donor = all[f.fork_of!]!;
    expect(f.number).toBeGreaterThan(donor.number);
    expect(f.fork_budget! % interval === 0 || f.fork_budget === donor.budget).toBe(true);
    expect(f.first_step).toBe(f.fork_budget! + 1);
    expect(f.epochs_trained).toBe(f.budget - f.fork_budget!);
    for (const [name, v] of Object.entries(f.params)) if (!mutate.includes(name)) expect(v).toEqual(donor.params[name]);
  }
}

describe('PBT studies through the CLI', () => {
  it('runs a user objective the same on 1 and 2 threads, each fork continuing its donor\'s checkpoint', async () => {
    const dir = tempDir();
    const one = path.join(dir, 'one.db');
    const two = path.join(dir, 'two.db');
    expect((await runCli(['run', SLOW, '--db', one, '--threads', '1', '--quiet'])).code).toBe(0);
    expect((await runCli(['run', SLOW, '--db', two, '--threads', '2', '--quiet'])).code).toBe(0);
    const a = rows(one);
    expect(rows(two)).toEqual(a);
    // 6 members, 2 replaced at each of 4 boundaries (⌈0.25 × 6⌉ = 2); 6 × 10 epochs trained in all.
    expect(a).toHaveLength(6 + 4 * 2);
    expect(a.filter((t) => t.state === 'complete')).toHaveLength(6);
    expect(a.reduce((s, t) => s + t.epochs_trained, 0)).toBe(60);
    checkForks(a, ['lr'], 2);
  }, 60_000);

  it('notes the threads a population smaller than --threads leaves idle', async () => {
    const res = await runCli(['run', SLOW, '--db', path.join(tempDir(), 'idle.db'), '--threads', '8'], { env: { RUNGS_TEST_SLEEP_MS: '1' } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('note: the strategy runs at most 6 trials at once (its population): 2 of 8 threads will idle once under way');
  }, 60_000);

  it('says at the start when --max-trials stops the plan short (it counts replacements: it is not Ray\'s num_samples)', async () => {
    const res = await runCli(['run', SLOW, '--db', path.join(tempDir(), 'cap.db'), '--threads', '2', '--max-trials', '6'], { env: { RUNGS_TEST_SLEEP_MS: '1' } });
    expect(res.stdout).toContain("trial cap (maxTrials): 6 of the plan's 14 trials — no trial starts past it");
    // The first generation only: no replacement starts, so no member goes on past epoch 2 and none completes.
    expect(res.code).toBe(1);
  }, 60_000);

  it('fails every member of an objective that saves no checkpoint, saying why, rather than retrain each from scratch', async () => {
    const db = path.join(tempDir(), 'none.db');
    const res = await runCli(['run', SLOW, '--db', db, '--threads', '2'], { env: { RUNGS_TEST_SLEEP_MS: '1', RUNGS_TEST_NO_CHECKPOINT: '1' } });
    // No member can continue: the first generation fails, and the study ends with no complete trial.
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/saved no checkpoint: PBT continues each member from its checkpoint/);
    const all = rows(db);
    expect(all).toHaveLength(6);
    expect(all.every((t) => t.state === 'failed' && t.epochs_trained === 2)).toBe(true);
    const errors = new Database(db, { readonly: true }).prepare('SELECT DISTINCT error FROM trials').pluck().all();
    expect(errors).toEqual([expect.stringContaining('call ctx.saveCheckpoint(bytes) before the objective returns')]);
    // show says why, under the counts; --json has the reasons with their counts.
    const show = await runCli(['show', 'slow-pbt', '--db', db]);
    expect(show.stdout).toContain('failed ×6: saved no checkpoint: PBT continues each member from its checkpoint');
    const json = JSON.parse((await runCli(['show', 'slow-pbt', '--db', db, '--json'])).stdout);
    expect(json.failures).toEqual([{ error: errors[0], trials: 6 }]);
  }, 60_000);

  it('killed in the middle and resumed, ends with the trials of an uninterrupted run', async () => {
    const dir = tempDir();
    const whole = path.join(dir, 'whole.db');
    const crashed = path.join(dir, 'crashed.db');
    const env = { RUNGS_TEST_SLEEP_MS: '60' };
    expect((await runCli(['run', SLOW, '--db', whole, '--threads', '2', '--quiet'], { env })).code).toBe(0);
    const first = startCli(['run', SLOW, '--db', crashed, '--threads', '2'], { env });
    // Past the first boundary: some forks exist, and jobs are running.
    await waitFor(() => countFinished(crashed) >= 9, 60_000);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    expect(rows(crashed).some((t) => t.fork_of !== null)).toBe(true);
    const again = await runCli(['run', SLOW, '--db', crashed, '--threads', '2', '--resume', '--quiet'], { env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const strip = (r: Row[]) => r.map(({ epochs_trained: _e, ...t }) => t);
    expect(strip(rows(crashed))).toEqual(strip(rows(whole)));
  }, 120_000);

  it("trains studies/pbt-digits.json the same on 1 and 2 threads; a fork keeps its donor's width and trains on from its weights", async () => {
    const dir = tempDir();
    const one = path.join(dir, 'one.db');
    const two = path.join(dir, 'two.db');
    const plan = await runCli(['plan', DIGITS]);
    expect(plan.code).toBe(0);
    expect((await runCli(['run', DIGITS, '--db', one, '--threads', '1', '--quiet'])).code).toBe(0);
    const run = await runCli(['run', DIGITS, '--db', two, '--threads', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/16 complete, 32 pruned, 0 failed; 432 epochs trained/);
    const a = rows(two);
    expect(rows(one)).toEqual(a);
    checkForks(a, ['lr', 'weightDecay', 'batchSize'], 3);
    // Some fork changed its batch size from its donor's: the trainer takes the donor's checkpoint with another one.
    expect(a.some((t) => t.fork_of !== null && t.params['batchSize'] !== a[t.fork_of]!.params['batchSize'])).toBe(true);

    const store = openStorage(two);
    try {
      const [best] = await store.best('pbt-digits', 1);
      const segments = await store.lineage('pbt-digits', best!.number);
      expect(segments[0]!.from).toBe(0);
      expect(segments.at(-1)).toMatchObject({ number: best!.number, to: 27, value: best!.value });
      for (let i = 1; i < segments.length; i++) {
        expect(segments[i]!.from).toBe(segments[i - 1]!.to);
        expect(a[segments[i]!.number]!.fork_of).toBe(segments[i - 1]!.number);
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
