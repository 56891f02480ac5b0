import { describe, expect, it } from 'vitest';
import { renderLineage } from '../../src/cli/render-lineage.js';
import { lineage } from '../../src/stats/lineage.js';

const trial = (number: number, params: Record<string, number>, budget: number, values: [number, number][], forkOf?: { from: number; budget: number }) => ({
  number,
  params,
  budget,
  rungValues: new Map(values),
  ...(forkOf ? { forkOf } : {}),
});

describe('renderLineage', () => {
  it('prints one line per segment: every param first, then what each copy changed, with the value at its end', () => {
    const trials = [];
    trials[4] = trial(4, { lr: 0.00838, batchSize: 32 }, 15, [[3, 0.0966], [6, 0.0607], [15, 0.042]]);
    trials[8] = trial(8, { lr: 0.00838, batchSize: 16 }, 12, [[6, 0.0545], [12, 0.0447]], { from: 4, budget: 3 });
    trials[14] = trial(14, { lr: 0.01006, batchSize: 16 }, 15, [[15, 0.0442]], { from: 8, budget: 12 });
    trials[15] = trial(15, { lr: 0.01006, batchSize: 16 }, 15, [[15, 0.0443]], { from: 14, budget: 12 });
    expect(renderLineage(lineage(trials, 14), 'val_loss')).toEqual([
      'lineage of trial 14: the trials whose params trained its weights, each a copy of the one above',
      'epochs 0–3    trial 4   val_loss 0.0966  lr=0.00838 batchSize=32',
      'epochs 3–12   trial 8   val_loss 0.0447  batchSize 32 → 16',
      'epochs 12–15  trial 14  val_loss 0.0442  lr 0.00838 → 0.01006',
    ]);
    expect(renderLineage(lineage(trials, 4), 'val_loss')).toEqual([
      'lineage of trial 4: never a copy, trained with one set of params throughout',
      'epochs 0–15  trial 4  val_loss 0.042  lr=0.00838 batchSize=32',
    ]);
    expect(renderLineage([], 'val_loss')).toEqual([]);
  });
});
