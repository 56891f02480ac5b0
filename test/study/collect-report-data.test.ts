import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineStudy, float, int, openStorage, runStudy } from '../../src/index.js';
import { collectReportData } from '../../src/study/collect-report-data.js';
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
});
