/**
 * The TypeScript API with an inline objective: the params' types come from
 * the space, so `params.lrr` would not compile.
 *   npx tsx examples/api-inline.ts [db]
 */
import { categorical, defineStudy, float, int, runStudy } from 'rungs';

const study = defineStudy({
  name: 'api-inline',
  seed: 1,
  space: {
    lr: float(1e-4, 1, { log: true }),
    layers: int(1, 4),
    activation: categorical(['relu', 'tanh']),
  },
  strategy: { type: 'tpe', trials: 30 },
  objective: (params) => {
    // A stand-in for training: best near lr = 0.01, 2 layers, tanh.
    const penalty = params.activation === 'tanh' ? 0 : 0.1;
    return (Math.log10(params.lr) + 2) ** 2 + (params.layers - 2) ** 2 + penalty;
  },
});

const summary = await runStudy(study, { storage: process.argv[2] ?? 'rungs.db', existing: 'overwrite' });
console.log(JSON.stringify({ trials: summary.counts.complete, best: summary.best?.params, value: summary.best?.value }));
