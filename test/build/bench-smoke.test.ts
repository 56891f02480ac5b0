/**
 * The quick benchmarks still run against the built package: each in its smallest mode, as a child process,
 * without the Python references (RUNGS_BENCH_PYTHON names no interpreter, so each skips them as it does on a
 * machine without Optuna). Benchmarks import deep modules and speak the worker's protocol directly, so a change
 * inside the package can break one without breaking a test (it happened twice: pool-only.mjs and
 * param-importance's --db). Nothing here is timed; the figures are the benchmarks' own business.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

const run = promisify(execFile);
/** A store with a small random study of the trivial objective, made by the built CLI, for --db. */
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'rungs-bench-smoke-'));
const DB = path.join(DIR, 'smoke.db');

const BENCHES: { script: string; args: string[]; results?: string[] }[] = [
  { script: 'framework-overhead/run.mjs', args: ['--trials', '2000', '--asha-trials', '2000', '--best-trials', '2000', '--cli-runs', '1', '--no-optuna'], results: ['RESULT overhead.asha_trials_per_s'] },
  { script: 'framework-overhead/pool-only.mjs', args: ['--trials', '2000'] },
  { script: 'framework-overhead/profile.mjs', args: ['--trials', '2000'] },
  { script: 'param-importance/compare.mjs', args: ['--n', '50'] },
  { script: 'param-importance/compare.mjs', args: ['--db', DB, '--study', 'smoke'] },
  { script: 'pareto-view/run.mjs', args: ['--trials', '500'] },
  { script: 'optimizer-core/run.mjs', args: ['--quick'], results: ['RESULT core.gd_full.simd_vs_loops', 'RESULT core.mlp_adam_b32.simd_vs_loops'] },
  { script: 'pruner-agreement/run.mjs', args: ['--trials', '20', '--budget', '10', '--no-optuna'] },
  { script: 'search-quality/run.mjs', args: ['--seeds', '1', '--tasks', 'spirals', '--test', '0.2'], results: ['RESULT search.spirals.sha.test_loss', 'RESULT search.spirals.asha.busy', 'RESULT search.spirals.busy_control.busy'] },
  { script: 'search-quality/rung-fidelity.mjs', args: ['--seeds', '1'] },
  { script: 'conditional-space/run.mjs', args: ['--seeds', '1', '--no-optuna'] },
  { script: 'cmaes-quality/run.mjs', args: ['--seeds', '1', '--tasks', 'sphere5', '--no-optuna'] },
];

describe('benchmarks in their smallest mode', () => {
  beforeAll(async () => {
    const file = path.join(DIR, 'smoke.json');
    const space = { x: { type: 'float', low: -5, high: 5 }, y: { type: 'float', low: -5, high: 5 } };
    const objective = path.join(ROOT, 'bench/framework-overhead/objective.mjs');
    fs.writeFileSync(file, JSON.stringify({ name: 'smoke', objective, budget: 1, seed: 1, space, strategy: { type: 'random', trials: 30 } }));
    await run(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'run', file, '--db', DB], { cwd: DIR });
  }, 60_000);
  afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

  for (const { script, args, results = [] } of BENCHES) {
    it(`node bench/${script} ${args.join(' ')}`, { timeout: 120_000 }, async () => {
      const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bench', script), ...args], {
        cwd: ROOT,
        env: { ...process.env, RUNGS_BENCH_PYTHON: path.join(ROOT, 'no-such-python') },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stderr).not.toMatch(/Error|at .*\.m?js:\d+/);
      expect(stdout.length).toBeGreaterThan(0);
      for (const line of results) expect(stdout).toContain(line);
    });
  }
});
