import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineStudy, float, int, openStorage, runStudy } from '../../src/index.js';
import { collectReportData } from '../../src/study/collect-report-data.js';
import { studySummary } from '../../src/study/study-summary.js';
import { tempDir } from '../helpers/run-cli.js';

describe('collectReportData', () => {
  it('gives a multi-objective study its objectives and its Pareto front (trial numbers, as StudyStore.paretoFront)', async () => {
    // Loss falls with the width, size grows with it: a front of trade-offs; a third of the trials fail.
    const study = defineStudy({
      name: 'loss-size',
      seed: 7,
      objectives: [
        { metric: 'loss', direction: 'minimize' },
        { metric: 'size', direction: 'minimize' },
      ],
      space: { width: int(1, 40), noise: float(0, 1) },
      strategy: { type: 'random', trials: 24 },
      objective: (p) => (p.noise > 0.67 ? [Number.NaN, 1] : [1 / p.width + p.noise, p.width * 10]),
    });
    const db = path.join(tempDir(), 'multi.db');
    await runStudy(study, { storage: db });
    const store = openStorage(db);
    try {
      const data = await collectReportData(store, 'loss-size');
      expect(data.study.objectives).toEqual([
        { metric: 'loss', direction: 'minimize' },
        { metric: 'size', direction: 'minimize' },
      ]);
      expect(data.study.metric).toBe('loss');
      const front = (await store.paretoFront('loss-size')).map((t) => t.number);
      expect(front.length).toBeGreaterThan(1);
      expect(data.paretoFront).toEqual(front);
      expect(data.trials.some((t) => t.state === 'failed')).toBe(true);
      for (const n of front) expect(data.trials.find((t) => t.number === n)?.state).toBe('complete');
    } finally {
      await store.close();
    }
  });

  it('gives a single-objective study neither', async () => {
    const study = defineStudy({ name: 'one', seed: 1, space: { x: float(0, 1) }, strategy: { type: 'random', trials: 4 }, objective: (p) => p.x });
    const db = path.join(tempDir(), 'one.db');
    await runStudy(study, { storage: db });
    const store = openStorage(db);
    try {
      const data = await collectReportData(store, 'one');
      expect('objectives' in data.study).toBe(false);
      expect('paretoFront' in data).toBe(false);
      expect(Object.keys(data.study)).toEqual(['name', 'direction', 'metric', 'strategy', 'seed', 'createdAt', 'updatedAt']);
    } finally {
      await store.close();
    }
  });

  it("gives a PBT study's trials their forks, and the strategy's mutated params and maxBudget", async () => {
    // The loss shrinks by a factor that depends on lr, epoch after epoch, from the checkpoint a fork copies.
    const study = defineStudy({
      name: 'pbt-lite',
      seed: 3,
      space: { lr: float(1e-3, 1, { log: true }), width: int(1, 8) },
      strategy: { type: 'pbt', population: 4, interval: 2, maxBudget: 6, quantile: 0.5, mutate: ['lr'] },
      objective: (p, ctx) => {
        let loss = ctx.checkpoint ? new Float64Array(ctx.checkpoint.slice().buffer)[0]! : 1;
        for (let step = ctx.fromBudget + 1; step <= ctx.budget; step++) {
          loss *= 1 - 0.5 * Math.exp(-Math.abs(Math.log10(p.lr) + 1.5));
          ctx.report(step, loss);
        }
        ctx.saveCheckpoint(new Uint8Array(new Float64Array([loss]).buffer));
        return loss;
      },
    });
    const db = path.join(tempDir(), 'pbt.db');
    await runStudy(study, { storage: db });
    const store = openStorage(db);
    try {
      const data = await collectReportData(store, 'pbt-lite');
      // Its generations are the ones `rungs show` tells (the report's generations table, in place of the rung table).
      const summary = await studySummary(store, 'pbt-lite');
      expect(data.pbt).toEqual({ mutate: ['lr'], maxBudget: 6, generations: summary.generations, repeats: 1 });
      expect(data.pbt!.generations.map((g) => g.replaced.length)).toEqual([2, 2, 0]);
      const rows = await store.storage.getTrials((await store.study('pbt-lite')).id);
      const forked = rows.filter((t) => t.forkOf !== undefined);
      // Two replaced at each of the two boundaries before the last.
      expect(forked).toHaveLength(4);
      for (const t of data.trials) expect(t.forkOf).toEqual(rows.find((r) => r.number === t.number)!.forkOf);
      expect(data.trials.filter((t) => !t.forkOf).every((t) => !('forkOf' in t))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
