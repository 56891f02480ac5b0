import { describe, expect, it } from 'vitest';
import { attrProblem, attrsSizeProblem, MAX_ATTRS_BYTES, returnedAttrs } from '../../src/pool/trial-attrs.js';
import { runObjectiveJob, type Objective } from '../../src/pool/run-objective-job.js';
import type { ObjectiveJob } from '../../src/pool/protocol.js';

const job: ObjectiveJob = { kind: 'objective', module: '(inline)', trialNumber: 4, params: { x: 0.5 }, seed: 1, budget: 2, fromBudget: 0, metric: 'loss' };

describe('trial attributes', () => {
  it('takes any JSON value and says why anything else is not one', () => {
    for (const v of ['a', 1, true, null, [1, 'b'], { a: { b: [] } }]) expect(attrProblem('k', v)).toBeNull();
    expect(attrProblem('k', undefined)).toBe('attribute "k" must be a JSON value: text, a number, a boolean, null, an array or an object (got undefined)');
    expect(attrProblem('f', () => 1)).toMatch(/^attribute "f" must be a JSON value: .* \(got function\)$/);
    expect(attrProblem('big', 1n)).toMatch(/^attribute "big" must be a JSON value \(.*BigInt/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(attrProblem('c', cycle)).toMatch(/^attribute "c" must be a JSON value \(.*circular/i);
    expect(attrProblem('', 'x')).toBe('an attribute\'s name must be a non-empty string (got "")');
  });

  it('keeps at most 64 kB of them a job', () => {
    expect(attrsSizeProblem({ a: 'x'.repeat(MAX_ATTRS_BYTES - 20) })).toBeNull();
    expect(attrsSizeProblem({ a: 'x'.repeat(MAX_ATTRS_BYTES) })).toBe('attributes take 65 kB of JSON, at most 64 kB are kept per job: store large data in a file and its path as the attribute');
  });

  it("takes a returned object's entries that are not numbers and are JSON values", () => {
    expect(returnedAttrs({ loss: 0.1, acc: 0.9, path: '/m', cfg: { a: 1 }, ok: false, none: null, f: () => 1, u: undefined })).toEqual({ path: '/m', cfg: { a: 1 }, ok: false, none: null });
  });

  it('an objective sets them with ctx.setAttr and returns them beside its numbers; a returned one replaces a set one', async () => {
    const objective: Objective = (p, ctx) => {
      ctx.setAttr('path', '/tmp/first');
      ctx.setAttr('layers', [64, 32]);
      ctx.report(1, 0.3);
      ctx.report(2, 0.2);
      return { loss: 0.2, accuracy: 0.91, path: `/models/${ctx.trialNumber}.bin` };
    };
    const r = await runObjectiveJob(job, objective);
    expect(r).toMatchObject({ state: 'complete', value: 0.2, metrics: { loss: 0.2, accuracy: 0.91 }, attrs: { path: '/models/4.bin', layers: [64, 32] } });
    // None set, none returned: no attrs at all.
    expect('attrs' in (await runObjectiveJob(job, () => 0.5))).toBe(false);
  });

  it('keeps those set before a failure, and refuses a bad one or too many at the call, failing the job with why', async () => {
    const failing = await runObjectiveJob(job, (p, ctx) => {
      ctx.setAttr('stage', 'loading');
      throw new Error('out of memory');
    });
    expect(failing).toMatchObject({ state: 'failed', message: 'out of memory', attrs: { stage: 'loading' } });
    const bad = await runObjectiveJob(job, (p, ctx) => {
      ctx.setAttr('when', undefined);
      return 1;
    });
    expect(bad).toMatchObject({ state: 'failed', message: 'setAttr(name, value): attribute "when" must be a JSON value: text, a number, a boolean, null, an array or an object (got undefined)' });
    const big = await runObjectiveJob(job, () => ({ loss: 1, weights: Array(20_000).fill(0.123456) }));
    expect(big).toMatchObject({ state: 'failed' });
    expect(big.state === 'failed' && big.message).toMatch(/^the objective's attributes take \d+ kB of JSON, at most 64 kB/);
    expect('attrs' in big).toBe(false);
  });
});
