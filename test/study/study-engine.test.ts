import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudy, defineStudy, float, runStudy } from '../../src/index.js';
import { DrawThread } from '../../src/pool/draw-thread.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';
import { tempDir } from '../helpers/run-cli.js';
import { trialsOf } from '../helpers/trials-of.js';

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

/** A two-param GP study on 2 threads whose objective waits delay(x) ms (4 random trials, then the GP, 2 at a time), each configuration run `repeats` times. */
function gpStudy(name: string, seed: number, trials: number, delay: (x: number) => number, repeats = 1) {
  return defineStudy({
    name,
    seed,
    repeats,
    space: { x: float(-2, 2), y: float(-2, 2) },
    strategy: { type: 'gp', trials, startupTrials: 4, maxConcurrent: 2 },
    threads: 2,
    objective: async (p) => {
      await sleep(delay(p.x));
      return (p.x - 0.5) ** 2 + (p.y + 0.3) ** 2;
    },
  });
}

/** Counts the draws made on the run loop's draw thread. */
function countThreadDraws(): { count: number } {
  const counted = { count: 0 };
  const draw = DrawThread.prototype.draw;
  vi.spyOn(DrawThread.prototype, 'draw').mockImplementation(function (this: DrawThread, ...args: Parameters<DrawThread['draw']>) {
    counted.count++;
    return draw.apply(this, args);
  });
  return counted;
}

describe('the study engine', () => {
  // Trials 5 … 15 are the GP's (the first startupTrials + maxConcurrent − 1 are random); with repeats, configurations
  // 5 … 9 are, and their second repeats take the first's params.
  it.each([
    ['gp-lock', 16, 1, 11],
    ['gp-repeats', 10, 2, 5],
  ])('the run loop makes every GP draw on its draw thread, never on the main thread nor under the claim, each once (%s)', async (name, trials, repeats, draws) => {
    seen.draws.length = 0;
    markClaims();
    const onThread = countThreadDraws();
    const summary = await runStudy(gpStudy(name, 4, trials, () => 2, repeats), { storage: path.join(tempDir(), `${name}.db`) });
    expect(summary.counts.complete).toBe(trials * repeats);
    expect(onThread.count).toBe(draws);
    expect(seen.draws).toHaveLength(0);
  });

  it('ask/tell draws on the calling thread, outside the storage transaction, and gives the trials the draw thread gives', async () => {
    seen.draws.length = 0;
    markClaims();
    const db = path.join(tempDir(), 'gp-sync.db');
    const study = gpStudy('gp-sync', 4, 16, () => 0);
    await runStudy(study, { storage: db });
    const handle = await createStudy(gpStudy('gp-sync-ask', 4, 16, () => 0), { storage: db });
    for (let t = await handle.ask(); t; t = await handle.ask()) await handle.tell(t, (t.params.x - 0.5) ** 2 + (t.params.y + 0.3) ** 2);
    await handle.close();
    expect(seen.draws).toHaveLength(11);
    expect(seen.draws.every((inClaim) => !inClaim)).toBe(true);
    // Bit for bit: the same params and values (JSON keeps every bit of a double; toEqual tells 0.1 from 0.1 + 1e-17).
    expect(await trialsOf('gp-sync-ask', db)).toEqual(await trialsOf('gp-sync', db));
  });

  it('two runs sharing one GP study draw on their draw threads, however often one finds the study changed by the other', async () => {
    seen.draws.length = 0;
    markClaims();
    const onThread = countThreadDraws();
    const study = gpStudy('gp-shared', 5, 24, (x) => 1 + Math.floor(Math.abs(x) * 3));
    const db = path.join(tempDir(), 'gp-shared.db');
    await runStudy(study, { storage: db, maxTrials: 1 });
    const [a, b] = await Promise.all([runStudy(study, { storage: db, existing: 'resume' }), runStudy(study, { storage: db, existing: 'resume' })]);
    expect(Math.max(a.counts.complete, b.counts.complete)).toBe(24);
    expect(onThread.count).toBeGreaterThanOrEqual(24 - 5);
    expect(seen.draws).toHaveLength(0);
  });
});
