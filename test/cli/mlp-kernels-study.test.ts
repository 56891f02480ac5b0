import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';

/**
 * The MLP's SIMD kernels and its TypeScript loops give the same study: the built CLI on real worker
 * threads, once with each (RUNGS_MLP_KERNELS=js picks the loops), every trial's value and metrics equal.
 */
describe('an MLP study on the SIMD kernels and on the TypeScript loops', () => {
  it('stores the same trials, value for value', async () => {
    const dir = tempDir();
    const study = {
      name: 'mlp-kernels',
      seed: 8,
      metric: 'val_loss',
      task: { dataset: 'digits', model: { type: 'mlp', hidden: [24] } },
      space: {
        activation: { type: 'categorical', choices: ['relu', 'tanh'] },
        hiddenUnits: { type: 'int', low: 5, high: 40 },
        optimizer: { type: 'categorical', choices: ['adam', 'momentum'] },
        lr: { type: 'float', low: 0.001, high: 0.3, log: true },
        batchSize: { type: 'categorical', choices: [7, 32, 100] },
      },
      strategy: { type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9 },
    };
    fs.writeFileSync(path.join(dir, 'study.json'), JSON.stringify(study));
    const trials: unknown[] = [];
    for (const kernels of ['js', 'wasm']) {
      const db = `${kernels}.db`;
      const run = await runCli(['run', 'study.json', '--db', db, '--quiet', '--threads', '2'], { cwd: dir, env: { RUNGS_MLP_KERNELS: kernels } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const listed = JSON.parse((await runCli(['trials', 'mlp-kernels', '--db', db, '--json'], { cwd: dir })).stdout) as Array<Record<string, unknown>>;
      trials.push(listed.map((t) => ({ number: t.number, state: t.state, params: t.params, value: t.value, budget: t.budget, metrics: t.metrics })));
    }
    const [js, wasm] = trials as Array<Array<{ params: { activation: string }; value: number }>>;
    expect(js).toHaveLength(9);
    // Both activations ran (the kernels differ in where tanh is applied).
    expect(new Set(js!.map((t) => t.params.activation))).toEqual(new Set(['relu', 'tanh']));
    expect(js!.every((t) => Number.isFinite(t.value))).toBe(true);
    expect(wasm).toEqual(js);
  }, 120_000);
});
