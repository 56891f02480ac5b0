import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, startCli, tempDir } from '../helpers/run-cli.js';

describe('a study with repeats', () => {
  const db = path.join(tempDir(), 'rep.db');
  const file = path.join(ROOT, 'test/fixtures/slow-repeats.json');

  it('runs each configuration with k seeds; best shows means, 95% intervals and ties, as table and JSON', async () => {
    const run = await runCli(['run', file, '--db', db, '--quiet']);
    expect(run.code).toBe(0);
    const runBest = /^best: configuration of trials ([\d, ]+)  val_loss mean (\S+) over 4 seeds  budget \d+$/m.exec(run.stdout);
    expect(runBest, run.stdout).not.toBeNull();
    const trials = JSON.parse((await runCli(['trials', 'repeats-iris', '--db', db, '--json'])).stdout) as Array<{ params: { lr: number }; seed: number; value: number }>;
    expect(trials).toHaveLength(16);
    for (const lr of [0.001, 0.05, 0.1, 0.3]) {
      const mine = trials.filter((t) => t.params.lr === lr);
      expect(mine).toHaveLength(4);
      expect(new Set(mine.map((t) => t.seed)).size).toBe(4);
    }
    const best = JSON.parse((await runCli(['best', 'repeats-iris', '--db', db, '--json', '--top', '4'])).stdout) as Array<{
      rank: number; params: { lr: number }; n: number; mean: number; std: number; ci95: [number, number]; tiedWithBest: boolean; pValue: number | null; value: number; trials: number[];
    }>;
    expect(best.map((b) => b.rank)).toEqual([1, 2, 3, 4]);
    for (const b of best) {
      const values = trials.filter((t) => t.params.lr === b.params.lr).map((t) => t.value);
      const mean = values.reduce((a, v) => a + v, 0) / values.length;
      expect(b.n).toBe(4);
      expect(b.mean).toBeCloseTo(mean, 12);
      expect(b.value).toBe(b.mean);
      expect(b.ci95[0]).toBeLessThanOrEqual(b.mean);
      expect(b.ci95[1]).toBeGreaterThanOrEqual(b.mean);
    }
    for (let i = 1; i < best.length; i++) expect(best[i]!.mean).toBeGreaterThanOrEqual(best[i - 1]!.mean);
    expect(best[0]!.tiedWithBest).toBe(true);
    expect(best[0]!.pValue).toBeNull();
    // lr = 0.001 trains far too slowly in 6 epochs: clearly worse, not tied.
    const slow = best.find((b) => b.params.lr === 0.001)!;
    expect(slow.tiedWithBest).toBe(false);
    expect(slow.pValue).toBeLessThan(0.05);

    const table = await runCli(['best', 'repeats-iris', '--db', db]);
    expect(table.stdout).toMatch(/val_loss mean\s+±95% CI\s+n\s+tied/);
    expect(table.stdout).toMatch(/\bbest\b/);
    const show = await runCli(['show', 'repeats-iris', '--db', db]);
    expect(show.stdout).toMatch(/4 repeats/);
    // The summaries quote the configuration `best` ranks first (its mean), not the luckiest single seed.
    expect(runBest![1]!.split(', ').map(Number)).toEqual(best[0]!.trials);
    expect(Number(runBest![2])).toBeCloseTo(best[0]!.mean, 3);
    expect(show.stdout).toContain(runBest![0]);
    expect(show.stdout).toMatch(/top configurations:[\s\S]*±95% CI/);
    const showJson = JSON.parse((await runCli(['show', 'repeats-iris', '--db', db, '--json'])).stdout);
    expect(showJson.ranking[0].ci95).toHaveLength(2);
  }, 60_000);
});

describe('a reader while a study runs', () => {
  it('rungs best answers while the runner writes, and the runner is not disturbed', async () => {
    const db = path.join(tempDir(), 'busy.db');
    const run = startCli(['run', path.join(ROOT, 'test/fixtures/slow-sha.json'), '--db', db, '--threads', '2', '--quiet']);
    let answered = 0;
    let finished = false;
    void run.done.then(() => (finished = true));
    while (!finished) {
      const r = await runCli(['best', 'slow-sha', '--db', db, '--json']);
      // Before the study exists the reader says so (exit 2 or 3); once it does, it answers.
      if (r.code === 0) {
        answered++;
        expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
      } else expect(r.stderr).toMatch(/no study named|no database/);
    }
    const res = await run.done;
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    expect(answered).toBeGreaterThan(2);
  }, 120_000);
});
