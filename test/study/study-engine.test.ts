import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineStudy, float, runStudy } from '../../src/index.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';
import { tempDir } from '../helpers/run-cli.js';

/** Whether the code running now is inside a claim's transaction, and where each GP draw ran. */
const seen = vi.hoisted(() => ({ inClaim: false, draws: [] as boolean[] }));

vi.mock('../../src/search/gp-sample.js', async (original) => {
  const real = await original<typeof import('../../src/search/gp-sample.js')>();
  return { ...real, gpSample: (...args: Parameters<typeof real.gpSample>) => (seen.draws.push(seen.inClaim), real.gpSample(...args)) };
});

afterEach(() => vi.restoreAllMocks());

/** Wraps every claim's decision callback so that `seen.inClaim` is true while it runs (inside the transaction). */
function markClaims(): void {
  const claim = SqliteStorage.prototype.claim;
  vi.spyOn(SqliteStorage.prototype, 'claim').mockImplementation(function (this: SqliteStorage, ...args: Parameters<SqliteStorage['claim']>) {
    const [studyId, owner, rev, decide, ...rest] = args;
    return claim.call(this, studyId, owner, rev, (changed) => {
      seen.inClaim = true;
      try {
        return decide(changed);
      } finally {
        seen.inClaim = false;
      }
    }, ...rest);
  });
}

/** A two-param GP study on 2 threads whose objective waits delay(x) ms (4 random trials, then the GP, 2 at a time). */
function gpStudy(name: string, seed: number, trials: number, delay: (x: number) => number) {
  return defineStudy({
    name,
    seed,
    space: { x: float(-2, 2), y: float(-2, 2) },
    strategy: { type: 'gp', trials, startupTrials: 4, maxConcurrent: 2 },
    threads: 2,
    objective: async (p) => {
      await sleep(delay(p.x));
      return (p.x - 0.5) ** 2 + (p.y + 0.3) ** 2;
    },
  });
}

describe('the study engine', () => {
  it('makes a GP draw outside the storage transaction that claims its trial, and each draw once', async () => {
    markClaims();
    const study = gpStudy('gp-lock', 4, 16, () => 2);
    const summary = await runStudy(study, { storage: path.join(tempDir(), 'gp-lock.db') });
    expect(summary.counts.complete).toBe(16);
    // Trials 5 … 15 are the GP's (the first startupTrials + maxConcurrent − 1 are random), each drawn once, none under the lock.
    expect(seen.draws).toHaveLength(11);
    expect(seen.draws.every((inClaim) => !inClaim)).toBe(true);
  });

  it('two runs sharing one GP study draw outside the lock too, however often one finds the study changed by the other', async () => {
    seen.draws.length = 0;
    markClaims();
    const study = gpStudy('gp-shared', 5, 24, (x) => 1 + Math.floor(Math.abs(x) * 3));
    const db = path.join(tempDir(), 'gp-shared.db');
    await runStudy(study, { storage: db, maxTrials: 1 });
    const [a, b] = await Promise.all([runStudy(study, { storage: db, existing: 'resume' }), runStudy(study, { storage: db, existing: 'resume' })]);
    expect(Math.max(a.counts.complete, b.counts.complete)).toBe(24);
    expect(seen.draws.length).toBeGreaterThanOrEqual(24 - 5);
    expect(seen.draws.every((inClaim) => !inClaim)).toBe(true);
  });
});
