/**
 * Hand-built ReportData of a PBT study, small enough to check by hand: population 4, interval 3,
 * maxBudget 9, one member replaced at each boundary, mutate lr (log) and batchSize (categorical),
 * weightDecay copied.
 *
 *   epoch 3: ranked 1 (0.3), 3, 2, 0 (0.7): trial 0 replaced by trial 4, a copy of trial 1 (lr ×1.2, batchSize 64 → 32)
 *   epoch 6: ranked 4 (0.16), 1, 3, 2 (0.41): trial 2 replaced by trial 5, a copy of trial 4 (lr ×0.8)
 *   epoch 9: 5 (0.09, best), 4 (0.11), 1 (0.15), 3 (0.25) complete
 *
 * The best trial's lineage: 1 (epochs 0–3), 4 (3–6), 5 (6–9). Trials 0 and 2 died out.
 */
import type { ReportData, ReportTrial } from '../../src/report/report-data.js';
import type { StepValue } from '../../src/pool/protocol.js';
import type { Params } from '../../src/search/space.js';
import type { Fork } from '../../src/search/strategy.js';
import type { PbtGeneration } from '../../src/search/pbt-history.js';

const T0 = Date.UTC(2025, 2, 3, 10, 0, 0);
export const PBT_BOUNDARIES = [3, 6, 9];

interface Member {
  params: Params;
  /** Values from epoch `first` on. */
  first: number;
  values: number[];
  forkOf?: Fork;
}

const MEMBERS: Member[] = [
  { params: { lr: 0.1, batchSize: 32, weightDecay: 0.01 }, first: 1, values: [1.0, 0.8, 0.7] },
  { params: { lr: 0.01, batchSize: 64, weightDecay: 0.001 }, first: 1, values: [0.9, 0.5, 0.3, 0.25, 0.2, 0.18, 0.17, 0.16, 0.15] },
  { params: { lr: 0.003, batchSize: 16, weightDecay: 0.02 }, first: 1, values: [0.95, 0.7, 0.5, 0.45, 0.42, 0.41] },
  { params: { lr: 0.001, batchSize: 128, weightDecay: 0.05 }, first: 1, values: [0.97, 0.75, 0.45, 0.35, 0.3, 0.28, 0.27, 0.26, 0.25] },
  { params: { lr: 0.012, batchSize: 32, weightDecay: 0.001 }, first: 4, values: [0.26, 0.2, 0.16, 0.14, 0.12, 0.11], forkOf: { from: 1, budget: 3 } },
  { params: { lr: 0.0096, batchSize: 32, weightDecay: 0.001 }, first: 7, values: [0.13, 0.1, 0.09], forkOf: { from: 4, budget: 6 } },
];

/** The generations above, as pbtHistory replays them (members in slot order: each fork takes the slot of the member it replaced). */
export const PBT_GENERATIONS: PbtGeneration[] = [
  { generation: 0, from: 0, budget: 3, planned: 4, members: [0, 1, 2, 3], reached: 4, failed: 0, best: { number: 1, value: 0.3 }, replaced: [{ number: 0, by: 4, copyOf: 1 }] },
  { generation: 1, from: 3, budget: 6, planned: 4, members: [4, 1, 2, 3], reached: 4, failed: 0, best: { number: 4, value: 0.16 }, replaced: [{ number: 2, by: 5, copyOf: 4 }] },
  { generation: 2, from: 6, budget: 9, planned: 4, members: [4, 1, 5, 3], reached: 4, failed: 0, best: { number: 5, value: 0.09 }, replaced: [] },
];

export function pbtReportData(): ReportData {
  const curves: Record<number, StepValue[]> = {};
  const trials: ReportTrial[] = MEMBERS.map((m, number) => {
    const curve = m.values.map((value, i) => ({ step: m.first + i, value }));
    curves[number] = curve;
    const budget = curve[curve.length - 1]!.step;
    const value = curve[curve.length - 1]!.value;
    return {
      number,
      state: budget === 9 ? 'complete' : 'pruned',
      params: m.params,
      value,
      budget,
      bracket: 0,
      metrics: { val_loss: value },
      epochsTrained: curve.length,
      durationMs: 10 * curve.length,
      error: null,
      rungValues: curve.filter((p) => PBT_BOUNDARIES.includes(p.step)).map((p): [number, number] => [p.step, p.value]),
      ...(m.forkOf ? { forkOf: m.forkOf } : {}),
    };
  });
  return {
    study: { name: 'pbt-demo', direction: 'minimize', metric: 'val_loss', strategy: 'pbt (population 4, interval 3)', seed: 7, createdAt: T0, updatedAt: T0 + 60_000 },
    trials,
    curves,
    plan: [{ bracket: 0, rungs: PBT_BOUNDARIES.map((budget, rung) => ({ rung, trials: 4, budget })) }],
    ranking: [],
    importance: [],
    space: {
      lr: { type: 'float', low: 1e-4, high: 1, log: true },
      batchSize: { type: 'categorical', choices: [16, 32, 64, 128] },
      weightDecay: { type: 'float', low: 0, high: 0.1 },
    },
    pbt: { mutate: ['lr', 'batchSize'], maxBudget: 9, generations: PBT_GENERATIONS, repeats: 1 },
    generatedAt: T0 + 120_000,
  };
}
