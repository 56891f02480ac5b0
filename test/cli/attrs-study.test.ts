import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';

describe('trial attributes through the built CLI', () => {
  it('an objective module returns and sets them; trials, best and export give them back', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'attrs.db');
    writeFileSync(
      path.join(dir, 'objective.mjs'),
      "export default function (p, ctx) {\n  ctx.setAttr('layers', [64, 32]);\n  return { loss: (p.x - 0.3) ** 2, path: `/models/${ctx.trialNumber}.bin`, ok: p.x < 0.5 };\n}\n",
    );
    const study = { name: 'attrs', seed: 2, metric: 'loss', objective: './objective.mjs', space: { x: { type: 'float', low: 0, high: 1 } }, strategy: { type: 'random', trials: 4 } };
    writeFileSync(path.join(dir, 'study.json'), JSON.stringify(study));
    expect((await runCli(['run', path.join(dir, 'study.json'), '--db', db, '--quiet'])).code).toBe(0);

    const trials = JSON.parse((await runCli(['trials', 'attrs', '--db', db, '--json'])).stdout) as Array<{ number: number; params: { x: number }; attrs: Record<string, unknown> }>;
    expect(trials).toHaveLength(4);
    for (const t of trials) expect(t.attrs).toEqual({ layers: [64, 32], path: `/models/${t.number}.bin`, ok: t.params.x < 0.5 });
    const [best] = JSON.parse((await runCli(['best', 'attrs', '--db', db, '--json'])).stdout) as Array<{ number: number; attrs: Record<string, unknown> }>;
    expect(best!.attrs.path).toBe(`/models/${best!.number}.bin`);

    // CSV: one attr_ column each, after the other columns; text as it is, other values as JSON.
    const csv = (await runCli(['export', 'attrs', '--db', db])).stdout.trim().split('\n');
    expect(csv[0]!.split(',').slice(-3)).toEqual(['attr_layers', 'attr_ok', 'attr_path']);
    expect(csv[1]!.endsWith(`,"[64,32]",${trials[0]!.params.x < 0.5},/models/0.bin`)).toBe(true);
    const json = JSON.parse((await runCli(['export', 'attrs', '--db', db, '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ attr_layers: [64, 32], attr_path: '/models/0.bin' });
  }, 60_000);
});
