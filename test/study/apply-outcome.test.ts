import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOutcome } from '../../src/study/apply-outcome.js';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import type { JobOutcome, TrialRow } from '../../src/storage/storage.js';
import { tempDir } from '../helpers/run-cli.js';

const comparable = ({ rev: _r, finishedAt: _f, heartbeatAt: _h, startedAt: _s, ...rest }: TrialRow) => rest;

describe('applyOutcome', () => {
  it('gives the trial exactly as storage reads it back after finishJob, job after job', async () => {
    const storage = openSqliteStorage(path.join(tempDir(), 'a.db'));
    const study = await storage.createStudy({ name: 's', direction: 'minimize', metric: 'val_loss', seed: 1, definition: {} });
    const { trial } = await storage.claim(study.id, 'me:1:x', 0, () => ({ kind: 'new', number: 0, params: { lr: 0.1, opt: 'adam' }, seed: 5, target: 3, bracket: 0 }));
    let row = trial!;
    const outcomes: JobOutcome[] = [
      { state: 'pruned', budget: 3, value: 0.5, metrics: { val_loss: 0.5, val_accuracy: 0.8 }, curve: [{ step: 1, value: 0.9 }, { step: 3, value: 0.5 }], epochsTrained: 3, durationMs: 12, error: null, checkpoint: new Uint8Array([1]) },
      { state: 'complete', budget: 9, value: 0.25, metrics: { val_loss: 0.25 }, curve: [{ step: 9, value: 0.25 }], epochsTrained: 6, durationMs: 20, error: null, checkpoint: null },
      { state: 'failed', budget: 9, value: null, metrics: {}, curve: [], epochsTrained: 4, durationMs: 5, error: 'diverged', checkpoint: null },
    ];
    for (const [i, o] of outcomes.entries()) {
      if (i > 0) row = (await storage.claim(study.id, 'me:1:x', 0, () => ({ kind: 'existing', number: 0, target: o.budget }))).trial!;
      await storage.finishJob(row.id, o);
      const stored = (await storage.getTrial(study.id, 0))!;
      expect(comparable(applyOutcome(row, o, Date.now()))).toEqual(comparable(stored));
    }
    await storage.close();
  });
});
