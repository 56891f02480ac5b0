import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';

interface Listed {
  number: number;
  state: string;
  params: Record<string, unknown>;
  value: number;
  budget: number;
  metrics: Record<string, number>;
}

/**
 * Runs `study` with the built CLI on real worker threads twice, on the SIMD kernels and on the TypeScript loops
 * (RUNGS_KERNELS=js picks the loops), and gives each run's trials: number, state, params, value, budget, metrics.
 */
async function runBothWays(study: { name: string }): Promise<{ js: Listed[]; wasm: Listed[] }> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'study.json'), JSON.stringify(study));
  const trials: Listed[][] = [];
  for (const kernels of ['js', 'wasm']) {
    const db = `${kernels}.db`;
    const run = await runCli(['run', 'study.json', '--db', db, '--quiet', '--threads', '2'], { cwd: dir, env: { RUNGS_KERNELS: kernels } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const listed = JSON.parse((await runCli(['trials', study.name, '--db', db, '--json'], { cwd: dir })).stdout) as Listed[];
    trials.push(listed.map((t) => ({ number: t.number, state: t.state, params: t.params, value: t.value, budget: t.budget, metrics: t.metrics })));
  }
  return { js: trials[0]!, wasm: trials[1]! };
}

/** The models' SIMD kernels and their TypeScript loops give the same study, every trial's value and metrics equal. */
describe('a study on the SIMD kernels and on the TypeScript loops', () => {
  it('MLP: stores the same trials, value for value', async () => {
    const { js, wasm } = await runBothWays({
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
    } as { name: string });
    expect(js).toHaveLength(9);
    // Both activations ran (the kernels differ in where tanh is applied).
    expect(new Set(js.map((t) => t.params['activation']))).toEqual(new Set(['relu', 'tanh']));
    expect(js.every((t) => Number.isFinite(t.value))).toBe(true);
    expect(wasm).toEqual(js);
  }, 120_000);

  for (const [model, dataset] of [
    ['logistic', 'breast-cancer'],
    ['softmax', 'digits'],
    ['linear', { synthetic: 'regression', samples: 1500, features: 13, noise: 0.5 }],
  ] as const) {
    it(`${model}: stores the same trials, value for value, with the held-out test scores`, async () => {
      const { js, wasm } = await runBothWays({
        name: `${model}-kernels`,
        seed: 3,
        metric: 'val_loss',
        task: { dataset, model, test: 0.2, epochs: 4 },
        space: {
          optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'momentum'] },
          lr: { type: 'float', low: 0.001, high: 0.3, log: true },
          // Full batch (0), and batches that leave rows over from the kernels' blocks of 8 and chunks of 256.
          batchSize: { type: 'categorical', choices: [0, 13, 300] },
        },
        strategy: { type: 'random', trials: 8 },
      } as { name: string });
      expect(js).toHaveLength(8);
      expect(new Set(js.map((t) => t.params['batchSize'])).size).toBeGreaterThan(1);
      expect(js.every((t) => Number.isFinite(t.value) && Number.isFinite(t.metrics['test_loss']!))).toBe(true);
      expect(wasm).toEqual(js);
    }, 120_000);
  }
});
