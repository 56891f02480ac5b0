import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { defineStudy, float, runStudy, type RunEvent } from '../../src/index.js';
import { tempDir } from '../helpers/run-cli.js';

/** An inline objective that awaits I/O (a timer), and how many of its calls ran at once at most. */
function awaitingObjective() {
  const seen = { now: 0, most: 0, calls: 0 };
  const study = defineStudy({
    name: 'inline-io',
    seed: 3,
    space: { x: float(0, 1) },
    strategy: { type: 'random', trials: 8 },
    objective: async (p) => {
      seen.calls++;
      seen.most = Math.max(seen.most, ++seen.now);
      await sleep(15);
      seen.now--;
      return p.x;
    },
  });
  return { study, seen };
}

describe('runStudy with an inline objective', () => {
  it('runs one call at a time when no thread count is given, whatever the machine has', async () => {
    const { study, seen } = awaitingObjective();
    const events: RunEvent[] = [];
    const summary = await runStudy(study, { storage: path.join(tempDir(), 'one.db'), onEvent: (e) => events.push(e) });
    expect(summary.counts.complete).toBe(8);
    expect(seen.calls).toBe(8);
    expect(seen.most).toBe(1);
    // The plan announces the concurrency the run really has.
    expect(events.find((e) => e.type === 'plan')).toMatchObject({ threads: 1 });
  });

  it('overlaps up to `threads` calls when asked to', async () => {
    const { study, seen } = awaitingObjective();
    const events: RunEvent[] = [];
    const summary = await runStudy(study, { storage: path.join(tempDir(), 'three.db'), threads: 3, onEvent: (e) => events.push(e) });
    expect(summary.counts.complete).toBe(8);
    // 8 calls of 15 ms each, handed out 3 at a time: the timers overlap, and never more than 3.
    expect(seen.most).toBe(3);
    expect(events.find((e) => e.type === 'plan')).toMatchObject({ threads: 3 });
  });
});
