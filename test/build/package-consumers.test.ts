import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/run-cli.js';

const run = promisify(execFile);

/**
 * rungs as a dependency of someone else's project: a CommonJS one, as `npm init -y` makes it, with a
 * version of its own, laid out as `npm install` lays it out: rungs' package.json and dist/ in
 * node_modules/rungs, yargs a real directory of the project's node_modules (yargs finds "the"
 * package.json from where it is installed), the other dependencies linked from this checkout's.
 */
describe('rungs installed in a CommonJS project', () => {
  let project: string;
  const own = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  beforeAll(() => {
    project = tempDir('rungs-consumer-');
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '7.7.7' }));
    const modules = path.join(project, 'node_modules');
    mkdirSync(path.join(modules, 'rungs'), { recursive: true });
    cpSync(path.join(ROOT, 'dist'), path.join(modules, 'rungs', 'dist'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(modules, 'rungs', 'package.json'));
    for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
      if (name.startsWith('.')) continue;
      const from = path.join(ROOT, 'node_modules', name);
      if (name === 'yargs') cpSync(from, path.join(modules, name), { recursive: true });
      else symlinkSync(from, path.join(modules, name));
    }
    // What npm links for the bin: npx rungs runs this path.
    mkdirSync(path.join(modules, '.bin'));
    symlinkSync('../rungs/dist/cli/main.js', path.join(modules, '.bin', 'rungs'));
  });

  it("rungs --version prints rungs' version, not the project's", async () => {
    expect(own).not.toBe('7.7.7');
    const { stdout } = await run(process.execPath, [path.join('node_modules', '.bin', 'rungs'), '--version'], { cwd: project });
    expect(stdout.trim()).toBe(own);
  });

  it('require("rungs") gives the API', async () => {
    const { stdout } = await run(process.execPath, ['-e', "const r = require('rungs'); console.log(typeof r.runStudy, typeof r.TrialPruned, typeof r.openStorage)"], { cwd: project });
    expect(stdout.trim()).toBe('function function function');
  });

  it('a TypeScript objective there imports TrialPruned from rungs and runs', async () => {
    writeFileSync(
      path.join(project, 'objective.ts'),
      "import { TrialPruned } from 'rungs';\nexport default function (p: { x: number }) {\n  if (p.x > 0.8) throw new TrialPruned();\n  return (p.x - 0.3) ** 2;\n}\n",
    );
    const study = { name: 'cjs', seed: 3, objective: './objective.ts', space: { x: { type: 'float', low: 0, high: 1 } }, strategy: { type: 'random', trials: 8 } };
    writeFileSync(path.join(project, 'study.json'), JSON.stringify(study));
    const res = await run(process.execPath, [path.join('node_modules', '.bin', 'rungs'), 'run', 'study.json', '--db', 'r.db', '--json', '--quiet', '--threads', '1'], { cwd: project });
    expect(res.stderr).toBe('');
    const summary = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { counts: { complete: number; pruned: number; failed: number } };
    // Seed 3 draws x above 0.8 twice in 8 trials: those are pruned by the objective, the rest complete.
    expect(summary.counts.complete + summary.counts.pruned).toBe(8);
    expect(summary.counts.pruned).toBeGreaterThan(0);
    expect(summary.counts.failed).toBe(0);
  }, 60_000);
});
