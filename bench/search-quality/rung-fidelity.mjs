// How well do low rungs predict the full budget on bench:search's tasks, and where does
// Hyperband lose the configuration that full-budget random search finds best?
//
// Run:  npm run build && node bench/search-quality/rung-fidelity.mjs [--seeds 1,2,3 | 1-100] [--tasks spirals]
//
// Per task and seed: random search trains 40 configurations to 27 epochs (their learning curves
// give the loss at every epoch), then Hyperband (1…27, η 3) runs on the same seed, so trial n
// has the same params in both. Printed:
//   - Spearman's rank correlation between the loss at epoch 1, 3 and 9 and the loss at 27, and
//     the quantile of the final best configuration at those epochs (0 = first), medians over seeds;
//   - per seed, where random search's best trial went in Hyperband: its bracket, the budget it
//     stopped at and its rank among its bracket's trials there.
import { createPool, openSqliteStorage, runStudy } from '../../dist/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, sampleRankCorrelation } from 'simple-statistics';
import { parseSeeds } from './bench-common.mjs';
import { ETA, MAX_BUDGET, MIN_BUDGET, TASKS, taskStudy } from './tasks.mjs';

const RANDOM_TRIALS = 40;
const LOW_RUNGS = [1, 3, 9];

function parseArgs(argv) {
  const opts = { seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], tasks: Object.keys(TASKS) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seeds') opts.seeds = parseSeeds(argv[++i]);
    else if (argv[i] === '--tasks') opts.tasks = argv[++i].split(',');
    else {
      console.error(`unknown argument ${argv[i]} (use --seeds 1,2,3 or 1-100 --tasks digits,spirals)`);
      process.exit(2);
    }
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'rungs-fidelity-'));
  const storage = openSqliteStorage(join(dir, 'fidelity.db'));
  const pool = createPool({ threads: 2 });
  try {
    for (const taskName of opts.tasks) {
      const corr = Object.fromEntries(LOW_RUNGS.map((e) => [e, []]));
      const quantile = Object.fromEntries(LOW_RUNGS.map((e) => [e, []]));
      const trace = [];
      for (const seed of opts.seeds) {
        const run = async (name, strategy) => {
          const s = await runStudy(taskStudy(taskName, name, seed, strategy), { storage, pool, existing: 'overwrite' });
          return storage.getTrials(s.studyId);
        };
        const random = (await run(`${taskName}-random-s${seed}`, { type: 'random', trials: RANDOM_TRIALS })).filter((t) => t.state === 'complete');
        const curves = await Promise.all(random.map((t) => storage.getCurve(t.id)));
        const at = (curve, epoch) => curve.find((p) => p.step === epoch)?.value;
        const usable = random
          .map((t, i) => ({ trial: t, curve: curves[i] }))
          .filter(({ curve }) => [...LOW_RUNGS, MAX_BUDGET].every((e) => Number.isFinite(at(curve, e))));
        const final = usable.map(({ curve }) => at(curve, MAX_BUDGET));
        const bestIndex = final.indexOf(Math.min(...final));
        for (const e of LOW_RUNGS) {
          const low = usable.map(({ curve }) => at(curve, e));
          corr[e].push(sampleRankCorrelation(low, final));
          quantile[e].push(low.filter((v) => v < low[bestIndex]).length / usable.length);
        }
        const best = usable[bestIndex].trial;
        const hb = await run(`${taskName}-hyperband-s${seed}`, { type: 'hyperband', reductionFactor: ETA, minBudget: MIN_BUDGET, maxBudget: MAX_BUDGET });
        const hbBest = hb.filter((t) => t.budget === MAX_BUDGET && t.value !== null).sort((a, b) => a.value - b.value)[0];
        const mine = hb.find((t) => t.number === best.number);
        let where = 'not among Hyperband\'s trials';
        if (mine) {
          const atStop = hb
            .filter((t) => t.bracket === mine.bracket && t.rungValues.has(mine.budget))
            .sort((a, b) => a.rungValues.get(mine.budget) - b.rungValues.get(mine.budget));
          where = `bracket ${mine.bracket}, stopped at ${mine.budget} epochs, rank ${atStop.findIndex((t) => t.number === mine.number) + 1} of ${atStop.length} there`;
        }
        trace.push(
          `  seed ${seed}: random's best #${best.number} ${best.value.toFixed(4)}; Hyperband's best #${hbBest.number} ${hbBest.value.toFixed(4)} (bracket ${hbBest.bracket}); random's best in Hyperband: ${where}`,
        );
      }
      console.log(`\n=== ${taskName}: seeds ${opts.seeds.join(',')} ===`);
      console.log(`Spearman(loss at epoch k, loss at ${MAX_BUDGET}), median: ${LOW_RUNGS.map((e) => `k=${e} ${median(corr[e]).toFixed(2)}`).join(', ')}`);
      console.log(
        `quantile of the final best at epoch k, median (seeds outside the top 1/3): ${LOW_RUNGS.map((e) => `k=${e} ${median(quantile[e]).toFixed(2)} (${quantile[e].filter((q) => q >= 1 / 3).length})`).join(', ')}`,
      );
      console.log(trace.join('\n'));
    }
  } finally {
    await pool.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
