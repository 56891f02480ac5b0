import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTaskJob } from '../../src/tasks/run-task-job.js';
import { DatasetCache } from '../../src/tasks/dataset-cache.js';
import { DIVERGENCE_FACTOR } from '../../src/tasks/trainer.js';
import type { JobResult, TaskJob } from '../../src/pool/protocol.js';
import type { TaskSpec } from '../../src/tasks/task-spec.js';
import { spareModelKernels } from '../../src/tasks/model-wasm.js';

const cache = new DatasetCache();

function job(over: Partial<TaskJob> & { task?: TaskSpec } = {}): TaskJob {
  return {
    kind: 'task',
    trialNumber: 0,
    params: {},
    seed: 123,
    budget: 5,
    metric: 'val_loss',
    task: { dataset: 'iris', model: 'softmax' },
    studySeed: 7,
    baseDir: '/nowhere',
    maxBudget: over.budget ?? 5,
    ...over,
  };
}

function complete(r: JobResult): Extract<JobResult, { state: 'complete' }> {
  if (r.state !== 'complete') throw new Error(`expected complete, got ${r.state}: ${'message' in r ? r.message : ''}`);
  return r;
}

describe('runTaskJob', () => {
  it("gives its MLPs' memory back when it ends, and the job that reuses it gets the same result", () => {
    const mlp: TaskSpec = { dataset: 'iris', model: { type: 'mlp', hidden: [9, 5], activation: 'relu' } };
    const folds = { ...mlp, folds: 3 };
    const first = complete(runTaskJob(job({ task: folds, params: { lr: 0.05 }, budget: 4 }), cache));
    const spare = spareModelKernels();
    expect(spare).toBeGreaterThanOrEqual(3);
    const again = complete(runTaskJob(job({ task: folds, params: { lr: 0.05 }, budget: 4 }), cache));
    expect(spareModelKernels()).toBe(spare);
    expect(again).toEqual({ ...first, durationMs: again.durationMs });
    // From the checkpoint, on reused memory: the same as four epochs more in one job.
    const resumed = complete(runTaskJob(job({ task: mlp, params: { lr: 0.05 }, budget: 8, checkpoint: complete(runTaskJob(job({ task: mlp, params: { lr: 0.05 }, budget: 4 }), cache)).checkpoint }), cache));
    const straight = complete(runTaskJob(job({ task: mlp, params: { lr: 0.05 }, budget: 8 }), cache));
    expect(resumed.metrics).toEqual(straight.metrics);
    expect(resumed.checkpoint).toEqual(straight.checkpoint);
  });

  it('stops after the first epoch below the budget where its stop rule fires, pruned, with that epoch\'s metrics and no checkpoint', () => {
    const full = complete(runTaskJob(job({ params: { lr: 0.05 }, budget: 10 }), cache));
    const at = (s: number) => full.curve[s - 1]!.value;
    // A median just below this trial's val_loss at epoch 4 stops it there; one at epoch 3 above it does not.
    const stop = { direction: 'minimize' as const, thresholds: [{ step: 3, value: at(3) + 1 }, { step: 4, value: Math.min(at(1), at(2), at(3), at(4)) - 1e-9 }] };
    const r = runTaskJob(job({ params: { lr: 0.05 }, budget: 10, stop }), cache);
    expect(r.state).toBe('pruned');
    expect(r).toMatchObject({ budget: 4, epochsTrained: 4, value: at(4) });
    expect(r.curve).toEqual(full.curve.slice(0, 4));
    expect('checkpoint' in r).toBe(false);
    if (r.state === 'pruned') expect(r.metrics.val_loss).toBe(at(4));
    // At the budget the trial is complete whatever the rule says.
    const last = runTaskJob(job({ params: { lr: 0.05 }, budget: 10, stop: { direction: 'minimize', thresholds: [{ step: 10, value: -1 }] } }), cache);
    expect(complete(last).value).toBe(full.value);
  });

  it('builds no checkpoint when told nothing will continue from it, and trains the same', () => {
    const mlp: TaskSpec = { dataset: 'iris', model: { type: 'mlp', hidden: [6], activation: 'relu' } };
    for (const task of [mlp, { ...mlp, folds: 3 }]) {
      const saved = complete(runTaskJob(job({ task, params: { lr: 0.05 }, budget: 3 }), cache));
      const unsaved = complete(runTaskJob(job({ task, params: { lr: 0.05 }, budget: 3, saveCheckpoint: false }), cache));
      expect(saved.checkpoint?.length).toBeGreaterThan(0);
      expect('checkpoint' in unsaved).toBe(false);
      const { checkpoint: _, durationMs: __, ...rest } = saved;
      expect(unsaved).toEqual({ ...rest, durationMs: unsaved.durationMs });
    }
  });

  it('trains to the budget and returns the curve, value, metrics and a checkpoint', () => {
    const r = complete(runTaskJob(job({ params: { lr: 0.05 }, metric: 'val_accuracy', budget: 20 }), cache));
    expect(r.curve.map((p) => p.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(r.value).toBe(r.curve.at(-1)!.value);
    expect(r.value).toBe(r.metrics.val_accuracy);
    expect(r.value).toBeGreaterThan(0.85);
    expect(Object.keys(r.metrics).sort()).toEqual(['model_size', 'train_loss', 'val_accuracy', 'val_log_loss', 'val_loss']);
    expect(r.budget).toBe(20);
    expect(r.epochsTrained).toBe(20);
    expect(r.checkpoint).toBeInstanceOf(Uint8Array);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("records every other metric's curve, epoch by epoch, ending at the metrics it returns; none for model_size", () => {
    const r = complete(runTaskJob(job({ params: { lr: 0.05 }, budget: 6 }), cache));
    const curves = r.metricCurves!;
    // val_loss is the learning curve itself; model_size is the model's, the same every epoch.
    expect(Object.keys(curves).sort()).toEqual(['train_loss', 'val_accuracy', 'val_log_loss']);
    for (const [name, points] of Object.entries(curves)) {
      expect(points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(points.at(-1)!.value).toBe(r.metrics[name]);
    }
    // Training lowers the training loss.
    expect(curves['train_loss']!.at(-1)!.value).toBeLessThan(curves['train_loss']![0]!.value);
    // A warm-started job records only its own epochs.
    const next = complete(runTaskJob(job({ params: { lr: 0.05 }, budget: 9, checkpoint: r.checkpoint! }), cache));
    expect(next.metricCurves!['train_loss']!.map((p) => p.step)).toEqual([7, 8, 9]);
  });

  it('with folds, records the mean of the folds at each epoch and no fold_<i> curves', () => {
    const r = complete(runTaskJob(job({ params: { lr: 0.05 }, budget: 3, task: { dataset: 'iris', model: 'softmax', folds: 3 } }), cache));
    expect(Object.keys(r.metrics).filter((m) => m.startsWith('fold_'))).toHaveLength(3);
    expect(Object.keys(r.metricCurves!).sort()).toEqual(['train_loss', 'val_accuracy', 'val_log_loss']);
    expect(r.metricCurves!['val_accuracy']!.at(-1)!.value).toBe(r.metrics['val_accuracy']);
  });

  it('search-space params win over the task optimizer values, which win over defaults', () => {
    const task: TaskSpec = { dataset: 'iris', model: 'softmax', optimizer: { optimizer: 'sgd', lr: 1e-6 } };
    const slow = complete(runTaskJob(job({ task }), cache));
    const fast = complete(runTaskJob(job({ task, params: { lr: 0.5 } }), cache));
    expect(fast.value).toBeLessThan(slow.value - 0.1);
    // lr 1e-6 barely moves from log(3).
    expect(slow.value).toBeCloseTo(Math.log(3), 3);
  });

  it('is reproducible and seeded by job.seed; the split is the same for every trial', () => {
    const mlp: TaskSpec = { dataset: { synthetic: 'moons' }, model: { type: 'mlp', hidden: [8] } };
    const a = complete(runTaskJob(job({ task: mlp }), cache));
    expect(complete(runTaskJob(job({ task: mlp }), cache)).curve).toEqual(a.curve);
    expect(complete(runTaskJob(job({ task: mlp, seed: 999 }), cache)).curve).not.toEqual(a.curve);
    expect(complete(runTaskJob(job({ task: mlp, studySeed: 8 }), cache)).curve).not.toEqual(a.curve);
  });

  it('warm start from a checkpoint gives the same curve as training straight through', () => {
    const task: TaskSpec = { dataset: 'iris', model: { type: 'mlp', hidden: [8], activation: 'tanh' }, optimizer: { schedule: 'cosine' } };
    const straight = complete(runTaskJob(job({ task, budget: 9, maxBudget: 9 } as Partial<TaskJob>), cache));
    const first = complete(runTaskJob(job({ task, budget: 3, maxBudget: 9 } as Partial<TaskJob>), cache));
    const rest = complete(runTaskJob(job({ task, budget: 9, maxBudget: 9, checkpoint: first.checkpoint! } as Partial<TaskJob>), cache));
    expect(rest.curve.map((p) => p.step)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(rest.epochsTrained).toBe(6);
    expect(rest.budget).toBe(9);
    expect([...first.curve, ...rest.curve]).toEqual(straight.curve);
    expect(rest.metrics).toEqual(straight.metrics);
    expect(Buffer.from(rest.checkpoint!).equals(Buffer.from(straight.checkpoint!))).toBe(true);
  });

  it("a PBT fork's first job continues its donor's weights with a minibatch order of its own seed, and later jobs continue its own", () => {
    const task: TaskSpec = { dataset: 'iris', model: { type: 'mlp', hidden: [8], activation: 'tanh' }, optimizer: { optimizer: 'adam' } };
    const base = { task, batchSize: 16, maxBudget: 9 } as Partial<TaskJob>;
    const donor = complete(runTaskJob(job({ ...base, params: { lr: 0.05, batchSize: 16 }, budget: 3 }), cache));
    const copy = (seed: number, forked: boolean) =>
      complete(runTaskJob(job({ ...base, params: { lr: 0.05, batchSize: 16 }, seed, budget: 6, checkpoint: donor.checkpoint!, ...(forked ? { forkOf: { from: 0, budget: 3 } } : {}) }), cache));
    // A plain continuation ignores its seed: the checkpoint's order goes on. Two forks with the same params differ.
    expect(copy(5, false).curve).toEqual(copy(6, false).curve);
    const a = copy(5, true);
    const b = copy(6, true);
    expect(a.curve.map((p) => p.step)).toEqual([4, 5, 6]);
    expect(a.curve).not.toEqual(b.curve);
    expect(copy(5, true).curve).toEqual(a.curve);
    // The fork's next job continues from its own checkpoint (no forkOf): as if it had trained straight on.
    const straight = complete(runTaskJob(job({ ...base, params: { lr: 0.05, batchSize: 16 }, seed: 5, budget: 9, checkpoint: donor.checkpoint!, forkOf: { from: 0, budget: 3 } }), cache));
    const next = complete(runTaskJob(job({ ...base, params: { lr: 0.05, batchSize: 16 }, seed: 5, budget: 9, checkpoint: a.checkpoint! }), cache));
    expect([...a.curve, ...next.curve]).toEqual(straight.curve);
  });

  it('a checkpoint already at the budget is evaluated without training', () => {
    const first = complete(runTaskJob(job({ budget: 4 }), cache));
    const again = complete(runTaskJob(job({ budget: 4, checkpoint: first.checkpoint! }), cache));
    expect(again.curve).toEqual([]);
    expect(again.epochsTrained).toBe(0);
    expect(again.value).toBe(first.value);
  });

  it('MLP shape params from the space override the model', () => {
    const task: TaskSpec = { dataset: 'iris', model: { type: 'mlp', hidden: [4] } };
    const base = complete(runTaskJob(job({ task, budget: 1 }), cache));
    const wide = complete(runTaskJob(job({ task, budget: 1, params: { hiddenUnits: 16, hiddenLayers: 2 } }), cache));
    // 4→16→16→3 has more parameters than 4→4→3: the checkpoint is larger.
    expect(wide.checkpoint!.length - base.checkpoint!.length).toBe(8 * 3 * ((16 * 4 + 16 + 16 * 16 + 16 + 16 * 3 + 3) - (4 * 4 + 4 + 4 * 3 + 3)));
  });

  it('k-fold: the value is the mean over folds, with per-fold metrics, and warm-starts too', () => {
    const task: TaskSpec = { dataset: 'iris', model: 'softmax', folds: 3 };
    const r = complete(runTaskJob(job({ task, budget: 4 }), cache));
    const folds = [r.metrics.fold_0_val_loss!, r.metrics.fold_1_val_loss!, r.metrics.fold_2_val_loss!];
    expect(folds.every(Number.isFinite)).toBe(true);
    expect(r.value).toBeCloseTo((folds[0]! + folds[1]! + folds[2]!) / 3, 12);
    expect(r.metrics.val_loss).toBe(r.value);
    const head = complete(runTaskJob(job({ task, budget: 2 }), cache));
    const tail = complete(runTaskJob(job({ task, budget: 4, checkpoint: head.checkpoint! }), cache));
    expect([...head.curve, ...tail.curve]).toEqual(r.curve);
    // A single-split checkpoint is refused for a k-fold task, as a failed result.
    const single = complete(runTaskJob(job({ budget: 2 }), cache));
    const mixed = runTaskJob(job({ task, budget: 4, checkpoint: single.checkpoint! }), cache);
    expect(mixed).toMatchObject({ state: 'failed', reason: 'error' });
  });

  it('divergence (sgd, lr 1e6) is failed/diverged, not a huge value', () => {
    const task: TaskSpec = { dataset: { synthetic: 'regression' }, model: 'linear', optimizer: { optimizer: 'sgd', lr: 1e6 } };
    const r = runTaskJob(job({ task, budget: 50 }), cache);
    expect(r.state).toBe('failed');
    if (r.state !== 'failed') return;
    expect(r.reason).toBe('diverged');
    expect(r.message).toMatch(/diverged at epoch \d+/);
    expect('value' in r).toBe(false);
    expect(r.curve.length).toBeLessThan(50);
    for (const p of r.curve) expect(Number.isFinite(p.value)).toBe(true);
  });

  it('a loss that blows up to a huge finite number is divergence too (momentum, lr 0.31, on digits)', () => {
    const task: TaskSpec = { dataset: 'digits', model: { type: 'mlp', hidden: [8], activation: 'relu' }, epochs: 4 };
    const params = { optimizer: 'momentum', lr: 0.31042294011669114, batchSize: 16, weightDecay: 1.5622307187162857e-6 };
    const r = runTaskJob(job({ task, params, seed: 1293993660, budget: 4, studySeed: 5 }), cache);
    expect(r.state).toBe('failed');
    if (r.state !== 'failed') return;
    expect(r.reason).toBe('diverged');
    // What it recorded before is below the ceiling (10⁴ × the untrained loss, about ln 10 here).
    for (const p of r.curve) expect(p.value).toBeLessThan(DIVERGENCE_FACTOR * Math.log(10) * 1.5);
    expect(r.message).toMatch(/diverged at epoch [2-4]/);
    // The same network with a sane learning rate trains fine.
    const ok = runTaskJob(job({ task, params: { ...params, lr: 0.01 }, seed: 1293993660, budget: 4, studySeed: 5 }), cache);
    expect(ok.state).toBe('complete');
  });

  it('task.test: every job ends with the test rows\' metrics beside the validation ones, from the same model', () => {
    const task: TaskSpec = { dataset: 'iris', model: 'softmax', test: 0.2 };
    const r = complete(runTaskJob(job({ task, params: { lr: 0.1 }, budget: 4 }), cache));
    expect(Object.keys(r.metrics)).toEqual(expect.arrayContaining(['val_loss', 'val_accuracy', 'test_loss', 'test_log_loss', 'test_accuracy']));
    expect(r.metrics.test_log_loss).toBe(r.metrics.test_loss);
    expect(r.metrics.test_loss).toBeGreaterThan(0);
    // 30 test rows: the accuracy is a multiple of 1/30.
    expect(Math.abs(r.metrics.test_accuracy! * 30 - Math.round(r.metrics.test_accuracy! * 30))).toBeLessThan(1e-9);
    expect(r.metrics.model_size).toBeGreaterThan(0);
    expect(r.metrics).not.toHaveProperty('test_model_size');
    // A warm start ends with the same test metrics as a straight run to the same budget.
    const half = complete(runTaskJob(job({ task, params: { lr: 0.1 }, budget: 2, maxBudget: 4 }), cache));
    const rest = complete(runTaskJob(job({ task, params: { lr: 0.1 }, budget: 4, checkpoint: half.checkpoint }), cache));
    expect(rest.metrics.test_loss).toBe(r.metrics.test_loss);
    // The curve and value are still the validation rows'.
    expect(r.value).toBe(r.metrics.val_loss);
    // Without task.test there are none.
    const plain = complete(runTaskJob(job({ params: { lr: 0.1 }, budget: 4 }), cache));
    expect(Object.keys(plain.metrics).some((k) => k.startsWith('test_'))).toBe(false);
  });

  it('task.test with folds: the test metrics are the mean of the folds\' models on the same rows; regression names its own', () => {
    const task: TaskSpec = { dataset: { synthetic: 'regression', samples: 120, features: 3, seed: 4 }, model: 'linear', folds: 3, test: 0.25 };
    const r = complete(runTaskJob(job({ task, params: { lr: 0.05 }, budget: 3 }), cache));
    for (const k of ['test_loss', 'test_mse', 'test_rmse', 'test_mae', 'test_r2']) expect(Number.isFinite(r.metrics[k])).toBe(true);
    expect(r.metrics).toHaveProperty('fold_0_val_loss');
    expect(r.metrics).not.toHaveProperty('fold_0_test_loss');
  });

  it('a pruned job reports the test metrics at the epoch it stopped', () => {
    const task: TaskSpec = { dataset: 'iris', model: 'softmax', test: 0.2 };
    const stop = { direction: 'minimize' as const, thresholds: [{ step: 1, value: -1 }] };
    const r = runTaskJob(job({ task, params: { lr: 0.05 }, budget: 5, stop }), cache);
    expect(r.state).toBe('pruned');
    expect(r.state === 'pruned' && Number.isFinite(r.metrics.test_loss)).toBe(true);
  });

  it('an unknown metric fails with the available names', () => {
    const r = runTaskJob(job({ metric: 'val_auc' }), cache);
    expect(r).toMatchObject({ state: 'failed', reason: 'error' });
    if (r.state === 'failed') expect(r.message).toBe('unknown metric "val_auc" for this task (available: train_loss, val_loss, val_log_loss, val_accuracy, model_size)');
    const reg = runTaskJob(job({ metric: 'val_accuracy', task: { dataset: { synthetic: 'regression' }, model: 'linear' } }), cache);
    if (reg.state === 'failed') expect(reg.message).toContain('val_r2');
    else expect.unreachable();
  });

  it('a missing CSV file is a failed result, not an exception', () => {
    const r = runTaskJob(job({ task: { dataset: { csv: 'missing.csv' }, model: 'linear' }, baseDir: '/tmp/rungs-nowhere' }), cache);
    expect(r).toMatchObject({ state: 'failed', reason: 'error', curve: [], epochsTrained: 0 });
    if (r.state === 'failed') expect(r.message).toContain('/tmp/rungs-nowhere/missing.csv');
  });

  it('bad CSV contents, bad hyperparameters and model mismatches are failed results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rungs-job-'));
    writeFileSync(join(dir, 'bad.csv'), 'a,target\n1,0\nx,1\n');
    const bad = runTaskJob(job({ task: { dataset: { csv: 'bad.csv' }, model: 'logistic' }, baseDir: dir }), cache);
    expect(bad.state === 'failed' && bad.message).toMatch(/bad\.csv, line 3, column "a"/);
    const hp = runTaskJob(job({ params: { lr: -1, batchSize: 2.5 } }), cache);
    expect(hp.state === 'failed' && hp.message).toMatch(/hyperparameters\.lr must be a finite number > 0 \(got -1\).*batchSize/);
    const mismatch = runTaskJob(job({ task: { dataset: 'iris', model: 'logistic' } }), cache);
    expect(mismatch.state === 'failed' && mismatch.message).toMatch(/softmax/);
    const budget = runTaskJob(job({ budget: 0 }), cache);
    expect(budget.state === 'failed' && budget.message).toMatch(/budget/);
  });
});
