import { describe, expect, it } from 'vitest';
import { RunReporter } from '../../src/cli/run-reporter.js';
import type { TrialRow } from '../../src/storage/storage.js';

/** A reporter in `mode` whose output is collected. */
function reporter(mode: 'lines' | 'json') {
  let text = '';
  const out = { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream;
  return { r: new RunReporter(mode, out, [{ metric: 'val_loss', direction: 'minimize' }]), text: () => text };
}

const donorParams = { batchSize: 32, lr: 0.00698, weightDecay: 1e-4 };

describe('RunReporter', () => {
  it("says what a fork's first job copied: its donor and the params it changed", () => {
    const { r, text } = reporter('lines');
    r.handle({ type: 'start', number: 14, budget: 15, fromBudget: 12, bracket: 0, params: { ...donorParams, lr: 0.00837 }, forkOf: { from: 8, budget: 12 }, donorParams });
    r.handle({ type: 'start', number: 15, budget: 15, fromBudget: 12, bracket: 0, params: { ...donorParams, lr: 0.005, batchSize: 16 }, forkOf: { from: 8, budget: 12 }, donorParams });
    r.handle({ type: 'start', number: 16, budget: 15, fromBudget: 12, bracket: 0, params: donorParams, forkOf: { from: 8, budget: 12 }, donorParams });
    // A promotion (and a fork's later jobs, which carry no forkOf) still lists its params.
    r.handle({ type: 'start', number: 8, budget: 15, fromBudget: 12, bracket: 0, params: donorParams });
    expect(text().split('\n')).toEqual([
      'trial 14 start  budget 15 from 12 (copy of trial 8: lr 0.00698 → 0.00837)',
      'trial 15 start  budget 15 from 12 (copy of trial 8: batchSize 32 → 16, lr 0.00698 → 0.005)',
      'trial 16 start  budget 15 from 12 (copy of trial 8, params unchanged)',
      'trial 8 start  budget 15 from 12  batchSize=32 lr=0.00698 weightDecay=1.00e-4',
      '',
    ]);
  });

  it('says "absent" for a param a fork gained or lost with its condition', () => {
    const { r, text } = reporter('lines');
    r.handle({ type: 'start', number: 9, budget: 6, fromBudget: 3, bracket: 0, params: { opt: 'momentum', momentum: 0.9 }, forkOf: { from: 2, budget: 3 }, donorParams: { opt: 'sgd' } });
    expect(text()).toBe('trial 9 start  budget 6 from 3 (copy of trial 2: momentum absent → 0.9, opt sgd → momentum)\n');
  });

  it('says "paused" for a job that ends at a rung below the top, "pruned" for a pruner\'s stop with one rung', () => {
    const ended = (rungs: number[], state: 'pruned' | 'complete', budget: number): string | undefined => {
      const { r, text } = reporter('lines');
      r.handle({ type: 'plan', study: 's', plan: [{ bracket: 0, rungs: rungs.map((b, rung) => ({ rung, trials: 1, budget: b })) }], resumed: false, threads: 1, totalTrials: 1 });
      const trial = { number: 9, state, value: 0.0629, budget, metrics: {}, error: null } as unknown as TrialRow;
      r.handle({ type: 'end', trial, result: { state: 'complete', value: 0.0629, metrics: {}, curve: [], budget, epochsTrained: budget, durationMs: 1 }, best: trial });
      return text().split('\n').find((l) => l.startsWith('trial 9'));
    };
    expect(ended([3, 9, 27], 'pruned', 9)).toBe('trial 9 paused  val_loss 0.0629  budget 9  best 0.0629');
    expect(ended([3, 9, 27], 'complete', 27)).toBe('trial 9 complete  val_loss 0.0629  budget 27  best 0.0629');
    expect(ended([27], 'pruned', 9)).toBe('trial 9 pruned  val_loss 0.0629  budget 9  best 0.0629');
  });

  it('marks the same jobs "paused": true in --json, where the trial state stays "pruned"', () => {
    const ended = (rungs: number[], state: 'pruned' | 'complete', budget: number) => {
      const { r, text } = reporter('json');
      r.handle({ type: 'plan', study: 's', plan: [{ bracket: 0, rungs: rungs.map((b, rung) => ({ rung, trials: 1, budget: b })) }], resumed: false, threads: 1, totalTrials: 1 });
      const trial = { number: 9, state, value: 0.0629, budget, metrics: {}, error: null, startedAt: null, finishedAt: null, params: {} } as unknown as TrialRow;
      r.handle({ type: 'end', trial, result: { state: 'complete', value: 0.0629, metrics: {}, curve: [], budget, epochsTrained: budget, durationMs: 1 }, best: trial });
      const event = JSON.parse(text().trim().split('\n').at(-1)!) as { type: string; paused?: boolean; trial: { state: string } };
      return [event.type, event.trial.state, event.paused];
    };
    expect(ended([3, 9, 27], 'pruned', 9)).toEqual(['end', 'pruned', true]);
    expect(ended([3, 9, 27], 'complete', 27)).toEqual(['end', 'complete', undefined]);
    expect(ended([27], 'pruned', 9)).toEqual(['end', 'pruned', undefined]);
  });
});
