/**
 * Population Based Training from the API, with an inline objective that
 * checkpoints its state: noisy gradient descent on a badly conditioned
 * quadratic, where no single learning rate is best for the whole run (a large
 * one makes progress along the flat direction early; a small one settles into
 * the minimum late, out of the noise). PBT finds a schedule: the lineage of
 * its best trial, printed at the end, lowers the learning rate as it goes
 * (0.32 for the first 12 epochs, then about 0.1). The best constant rate
 * ends near 0.02 on average over noise draws; PBT's best is far lower, in
 * part because it also keeps the luckiest draws of the noise.
 *   npx tsx examples/pbt-schedule.ts [db]
 */
import { defineStudy, float, openStorage, runStudy } from 'rungs';

const CURVATURE = [1, 0.05];
const NOISE = 0.5;
const STEPS_PER_EPOCH = 20;

/** A small seeded generator (mulberry32): its state is one integer, saved in the checkpoint. */
function next(state: { s: number }): number {
  let t = (state.s = (state.s + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const loss = (w: Float64Array) => 0.5 * CURVATURE.reduce((sum, a, i) => sum + a * w[i]! ** 2, 0);

const study = defineStudy({
  name: 'pbt-schedule',
  seed: 4,
  space: { lr: float(0.001, 1.5, { log: true }) },
  strategy: { type: 'pbt', population: 12, interval: 4, maxBudget: 40, mutate: ['lr'] },
  objective: (params, ctx) => {
    // State: the weights and the generator. A fork (ctx.forkOf) takes its donor's weights but draws its own noise.
    const saved = ctx.checkpoint ? new Float64Array(ctx.checkpoint.slice().buffer) : undefined;
    const w = saved ? saved.slice(0, 2) : new Float64Array([3, 30]);
    const rng = { s: saved && !ctx.forkOf ? saved[2]! : ctx.seed };
    for (let epoch = ctx.fromBudget + 1; epoch <= ctx.budget; epoch++) {
      for (let k = 0; k < STEPS_PER_EPOCH; k++) {
        for (let i = 0; i < 2; i++) {
          // A Gaussian draw (Box–Muller) as the gradient's noise.
          const noise = Math.sqrt(-2 * Math.log(1 - next(rng))) * Math.cos(2 * Math.PI * next(rng));
          w[i]! -= params.lr * (CURVATURE[i]! * w[i]! + NOISE * noise);
        }
      }
      ctx.report(epoch, loss(w));
    }
    ctx.saveCheckpoint(new Uint8Array(new Float64Array([w[0]!, w[1]!, rng.s]).buffer));
    return loss(w);
  },
});

const db = process.argv[2] ?? 'rungs.db';
const summary = await runStudy(study, { storage: db, existing: 'overwrite' });
const store = openStorage(db);
const lineage = await store.lineage('pbt-schedule', summary.best!.number);
await store.close();
console.log(`best: trial ${summary.best!.number}, loss ${summary.best!.value!.toPrecision(3)} after ${summary.epochsTrained} epochs`);
for (const s of lineage) console.log(`  epochs ${s.from}–${s.to}: trial ${s.number}, lr ${(s.params.lr as number).toPrecision(3)}`);
console.log(JSON.stringify({ best: summary.best!.value, lr: lineage.map((s) => s.params.lr), from: lineage.map((s) => s.from) }));
