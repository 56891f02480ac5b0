import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

const exec = promisify(execFile);
const TSC = path.join(ROOT, 'node_modules/.bin/tsc');
const FLAGS = ['--noEmit', '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', '--types', 'node'];

async function tsc(file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await exec(TSC, [...FLAGS, path.join(ROOT, 'test/types/fixtures', file)], { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describe("the objective's params are typed by the space", () => {
  it('compiles when every param name and type is right', async () => {
    const r = await tsc('correct.ts');
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);

  it('rejects a misspelt param name at compile time', async () => {
    const r = await tsc('typo.ts');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Property 'lrr' does not exist/);
    // Only the typo is an error: the right names typecheck.
    expect(r.out.trim().split('\n').filter((l) => l.includes('error TS'))).toHaveLength(1);
  }, 60_000);

  it('types a param declared with when as optional: using it unchecked does not compile', async () => {
    const ok = await tsc('conditional.ts');
    expect(ok.out).toBe('');
    expect(ok.code).toBe(0);
    const r = await tsc('conditional-unchecked.ts');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Type 'number \| undefined' is not assignable to type 'number'/);
    expect(r.out.trim().split('\n').filter((l) => l.includes('error TS'))).toHaveLength(1);
  }, 60_000);

  it('types enqueued points by the space: a value that is not a choice does not compile', async () => {
    const r = await tsc('enqueue-typo.ts');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Type '"adam"' is not assignable to type '"sgd" \| "momentum"( \| undefined)?'/);
  }, 60_000);

  it("types a study's objective by its objectives or metric: a misspelt metric, a number for two, an array for one, an object without the one metric do not compile", async () => {
    const ok = await tsc('objectives-correct.ts');
    expect(ok.out).toBe('');
    expect(ok.code).toBe(0);
    const r = await tsc('objectives-wrong.ts');
    expect(r.code).not.toBe(0);
    const errors = r.out.trim().split('\n').filter((l) => l.includes('error TS'));
    // One error per wrong study, on lines 6 to 10 of the fixture: the one metric is `metric`, or "value" without it.
    expect(errors.map((l) => /objectives-wrong\.ts\((\d+),/.exec(l)?.[1])).toEqual(['6', '7', '8', '9', '10']);
    expect(r.out).toMatch(/'sise'|Property 'size' is missing/);
    expect(r.out).toMatch(/Property 'loss' is missing/);
    expect(r.out).toMatch(/Property 'value' is missing/);
  }, 60_000);
});
