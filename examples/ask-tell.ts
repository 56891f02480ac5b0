/**
 * Ask/tell: run the trials yourself, here with successive halving. Each
 * asked trial says how far to train (`budget`) and from where (`fromBudget`).
 *   npx tsx examples/ask-tell.ts [db]
 */
import { createStudy, defineStudy, float } from 'rungs';

const study = await createStudy(
  defineStudy({
    name: 'ask-tell',
    seed: 2,
    space: { lr: float(1e-3, 1, { log: true }) },
    strategy: { type: 'successive-halving', candidates: 9, reductionFactor: 3, minBudget: 1, maxBudget: 9 },
  }),
  { storage: process.argv[2] ?? 'rungs.db', existing: 'overwrite' },
);

let jobs = 0;
for (let t = await study.ask(); t; t = await study.ask()) {
  // "Train" from fromBudget to budget: the loss falls with epochs, fastest near lr = 0.1.
  let loss = 0;
  for (let epoch = t.fromBudget + 1; epoch <= t.budget; epoch++) {
    loss = (Math.log10(t.params.lr) + 1) ** 2 + 1 / epoch;
    t.report(epoch, loss);
  }
  await study.tell(t, loss);
  jobs++;
}
const [best] = await study.best(1);
console.log(JSON.stringify({ jobs, best: best?.params, value: best?.value, budget: best?.budget }));
await study.close();
