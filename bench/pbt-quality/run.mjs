// Population Based Training: rungs' `pbt` strategy against random search (and ASHA) at equal
// epochs, on bench:search's two tasks, over 10 seeds.
//
// Run:  npm run bench:pbt          (= npm run build && node bench/pbt-quality/run.mjs)
//       node bench/pbt-quality/run.mjs --seeds 1 --tasks spirals          (a quicker partial run)
//       node bench/pbt-quality/run.mjs --strategies pbt,random_full       (only those rows)
//       flags: --seeds 1,2,3  --tasks digits,spirals  --strategies pbt,pbt_exploit,pbt_bs,random_full,asha
//       (--no-optuna is accepted and does nothing: there is no Optuna reference here; Optuna has no PBT)
//
// Performance claims come from this script's side-by-side output only (no timed assertions).
// Before the `pbt` strategy exists in the build, the pbt rows are skipped with
// "pbt not available in this build" (createStrategy refuses the type) and the others still run.
//
// ── Settings (the tasks, space, data and max budget come from bench/search-quality/tasks.mjs) ──
// Tasks: bench:search's digits and spirals, imported, not copied: MLP with one hidden ReLU
//   layer; space optimizer ∈ {adam, adamw, momentum(μ 0.9)}, lr log [1e-4, 1],
//   batchSize ∈ {16, 32, 64, 128, 256}, weightDecay log [1e-6, 1e-2], hiddenUnits int log
//   ([16, 128] digits, [8, 64] spirals). Metric val_loss (cross-entropy on the held-out 20%),
//   minimize. "best loss" = the value of runStudy's summary.best, the best trial at maxBudget
//   (27 epochs; a row whose best is below 27 is flagged with a warning).
// Threads: 2 (one shared, warm Piscina pool through runStudy for every study; PBT's synchronous
//   generations and the other strategies give the same trials and values on any thread count,
//   except ASHA's promotions, which follow the order results arrive in).
// Seeds: 1..10 (flag --seeds), the study seed: it fixes the train/validation split (and the
//   synthetic spirals) for every strategy. Trial n's params are deriveSeed(seed, n)'s draw for
//   random search and ASHA, so where pbt's initial population draws the same way its P members
//   are random_full's first P trials (checked and printed: "same initial configurations"),
//   and pbt vs random_full per seed is then a paired comparison of what PBT does with the
//   same P starting points (common random numbers).
// Equal epochs: every row spends EPOCHS = P × 27 = 432 epochs per study (P = 16):
//   pbt          { type: 'pbt', population: 16, interval: 3, maxBudget: 27,
//                  mutate: ['lr', 'weightDecay'] }; quantile 0.25, resampleProbability 0.25 and
//                  perturbationFactors [1.2, 0.8] left at their defaults (not written, so the
//                  defaults themselves are what is measured). 16 members × 27 epochs = 432 epochs;
//                  9 intervals of 3 epochs, 8 exploit/explore steps (at epochs 3, 6, …, 24), each
//                  replacing the bottom ⌊0.25 × 16⌋ = 4 members by copies of top-4 members.
//     Why P = 16: with quantile 0.25 it is the smallest population where each step replaces 4
//       members from 4 donors (P = 8: 2 from 2, so one lucky early member takes over the
//       population within a few steps); it is also the population of studies/pbt-digits.json.
//       The PBT paper used 10–80 members, Ray Tune's examples 4–8 (on GPUs). Larger P at the same
//       27 epochs per member grows every row's cost linearly (the whole run, 5 rows × 2 tasks ×
//       10 seeds, took 6 min 49 s on 2 cores shared with other jobs, load 8–9, 2026-12-05).
//     Why mutate = lr and weightDecay: the float params, the ones a copy can sensibly change in
//       the middle of training (Ray Tune's PBT examples perturb lr and momentum). optimizer and
//       hiddenUnits pick the optimizer and shape the model: the strategy refuses them in mutate for
//       a built-in task (a replacement continues its donor's weights and optimizer state).
//       batchSize may be mutated, but it is a categorical of 5 choices whose "adjacent choice"
//       moves it by 2×; it gets its own row (pbt_bs). Without it, the search pbt does is exactly
//       "lr/weightDecay schedules for P random structures": each lineage keeps the optimizer,
//       batchSize and hiddenUnits of one of the P initial draws, which are random_full's 16 trials.
//       So pbt can never reach a better structure than the best of the P that random_full also
//       trains: it wins only by schedules and by copying good members.
//     The draft spec had mutate default to every param a built-in task may change; the strategy
//       as built requires it (`strategy.mutate is required`), so every pbt row names it.
//   pbt_exploit  pbt with resampleProbability 0 and perturbationFactors [1, 1]: exploit only (the
//                bottom quarter copies a top-quarter member's checkpoint and params, then nothing
//                changes): an ablation that tells what the perturbations (explore) add on top of
//                copying. If the build refuses these settings, the row is skipped and says why.
//                A fork copies its donor's shuffling RNG too, so here a fork is a bit-identical copy
//                and every value at 27 epochs is that of an untouched initial trajectory, one of
//                random_full's 16: pbt_exploit can at best tie random_full (truncation selection
//                over the same trajectories), and it loses where the copies crowd out the member
//                that would have ended best.
//   pbt_bs       pbt with mutate ['lr', 'weightDecay', 'batchSize']: every param a built-in task lets
//                PBT change (optimizer and hiddenUnits it refuses), i.e. what the draft spec's default
//                mutate list would have been (the strategy as built requires mutate): what perturbing
//                the batch size (an adjacent choice, or a redraw) adds. Not a target; cheap (432 epochs).
//   random_full  { type: 'random', trials: 1000 } with the study's maxEpochs = 432: 16 trials of
//                27 epochs (a trial that diverges early frees its unused epochs for another, as
//                in bench:search's random_full), so the same spend and the same first 16 draws.
//   asha         { type: 'asha', minBudget 1, reductionFactor 3, maxBudget 27, trials N } with N the
//                smallest trial count whose nominal ladder (planTotals of its plan, warm starts)
//                spends ≥ 432 epochs: N = 148 (148@1, 49@3, 16@9, 5@27 = 432). ASHA may promote a
//                few more (it promotes on partial rungs: 16–19% more in the run of 2026-12-05);
//                the epochs it actually trained are printed, and a row whose median is more than
//                10% off 432 is marked "NOT at equal epochs".
//   Not run: TPE/GP/CMA-ES rows (bench:tpe, bench:gp, bench:cmaes compare those at 1080 epochs).
// Printed per task: best val_loss median [min–max] over seeds, epochs median [min–max], trials
//   created (for pbt: P initial members + one new trial per replacement), failed (diverged)
//   trials, wall s (informative only: 2 cores shared with others), the per-seed best losses; then
//   seed by seed pbt against random_full (better / worse / tied, exact two-sided sign test, ties
//   dropped; with 10 seeds 8–2 is p ≈ 0.11, 9–1 p ≈ 0.02), and the same for pbt vs pbt_exploit,
//   pbt vs asha, pbt_exploit vs random_full, asha vs random_full. For pbt, also: the share of
//   seeds whose best trial is a replacement (forked) rather than an initial member, and whether its
//   best trial's structural params (optimizer, batchSize, hiddenUnits) are those of random_full's
//   best (the same structure found, differently trained).
// Ends with RESULT pbt.<task>.<strategy>.best_loss <median> and RESULT pbt.<task>.<strategy>.epochs
//   <median> for every row that ran.
// Caveat: every strategy selects on the validation loss it reports (no separate test split, as in
//   bench:search); PBT selects on it 8 more times during training, so its best loss is a slightly
//   more optimistic estimate than random search's.
// ───────────────────────────────────────────────────────────────────────────────────────────
import { median } from 'simple-statistics';
import { createStrategy, planTotals } from '../../dist/index.js';
import { benchMain, fmtEp, fmtLoss, fmtRange, pad, parseBenchArgs, runRungsSeeds, signCounts, summarise } from '../search-quality/bench-common.mjs';
import { ETA, MAX_BUDGET, MIN_BUDGET, TASKS, taskStudy } from '../search-quality/tasks.mjs';

const THREADS = 2;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const POPULATION = 16;
const INTERVAL = 3;
const EPOCHS = POPULATION * MAX_BUDGET;
const MUTATE = ['lr', 'weightDecay'];
/** Params a pbt lineage keeps from its initial draw (mutate leaves them alone). */
const STRUCTURAL = ['optimizer', 'batchSize', 'hiddenUnits'];

const ASHA_BASE = { type: 'asha', reductionFactor: ETA, minBudget: MIN_BUDGET, maxBudget: MAX_BUDGET };

/** The smallest ASHA trial count whose nominal ladder spends at least `epochs` (warm starts). */
function ashaTrialsFor(epochs) {
  const space = TASKS.digits.space;
  for (let n = 1; n < 10_000; n++) {
    const s = createStrategy({ ...ASHA_BASE, trials: n }, space, { seed: 1, direction: 'minimize', budget: MAX_BUDGET });
    const t = planTotals(s.plan());
    if (t.epochs >= epochs) return { trials: n, nominal: t.epochs };
  }
  throw new Error(`no ASHA ladder reaches ${epochs} epochs`);
}

const PBT = { type: 'pbt', population: POPULATION, interval: INTERVAL, maxBudget: MAX_BUDGET, mutate: MUTATE };
const STRATEGY_NAMES = ['pbt', 'pbt_exploit', 'pbt_bs', 'random_full', 'asha'];
const PBT_ROWS = ['pbt', 'pbt_exploit', 'pbt_bs'];

function strategies(ashaTrials) {
  return {
    pbt: PBT,
    pbt_exploit: { ...PBT, resampleProbability: 0, perturbationFactors: [1, 1] },
    pbt_bs: { ...PBT, mutate: [...MUTATE, 'batchSize'] },
    random_full: { type: 'random', trials: 1000 },
    asha: { ...ASHA_BASE, trials: ashaTrials },
  };
}

/**
 * Whether this build takes each pbt row's strategy: null when it does, else the reason. A build
 * without the type gets one "pbt not available in this build" line; a build that has it but refuses
 * a row's settings (e.g. factors [1, 1]) gets the refusal printed and that row skipped.
 */
function checkPbtRows(specs, wanted) {
  const refused = {};
  let typeMissing = false;
  for (const name of PBT_ROWS.filter((r) => wanted.includes(r))) {
    try {
      createStrategy(specs[name], TASKS.digits.space, { seed: 1, direction: 'minimize', budget: MAX_BUDGET });
    } catch (e) {
      const msg = String(e?.message ?? e);
      if (/strategy\.type must be one of/.test(msg) && !/"pbt"/.test(msg.split('(got')[0])) typeMissing = true;
      refused[name] = msg;
    }
  }
  if (typeMissing) console.log('pbt not available in this build (createStrategy refuses the type "pbt"): the pbt rows are skipped');
  else for (const [name, msg] of Object.entries(refused)) console.log(`${name} skipped: this build refuses its strategy: ${msg}`);
  return refused;
}

/** The study of one row: taskStudy (task.epochs 27 for random; left out for the halving types), plus maxEpochs for random_full. */
function studyFor(taskName, name, seed, spec) {
  return taskStudy(taskName, `pbt-${taskName}-${name}-s${seed}`, seed, spec, name === 'random_full' ? { maxEpochs: EPOCHS } : {});
}

async function main() {
  const opts = parseBenchArgs(process.argv.slice(2), {
    seeds: SEEDS,
    tasks: TASKS,
    lists: { '--strategies': { key: 'strategies', choices: STRATEGY_NAMES } },
  });
  const asha = ashaTrialsFor(EPOCHS);
  const specs = strategies(asha.trials);
  const refused = checkPbtRows(specs, opts.strategies);
  const rows = opts.strategies.filter((s) => !refused[s]);
  console.log(
    `pbt-quality: tasks ${opts.tasks.join(',')}, seeds ${opts.seeds.join(',')}, ${THREADS} threads; ${EPOCHS} epochs per study ` +
      `(pbt: population ${POPULATION} × maxBudget ${MAX_BUDGET}, interval ${INTERVAL}, mutate ${MUTATE.join(',')}; ` +
      `random_full: ${POPULATION} trials × ${MAX_BUDGET}; asha: ${asha.trials} trials, nominal ladder ${asha.nominal} epochs)`,
  );
  console.log(`rows: ${rows.join(', ')}`);

  await benchMain('pbt', async (dir, started, resultLines) => {
    /** per task and seed: { pbtInitial: params[], randomFirst: params[], pbtBestForked, bestStructure{} } */
    const extra = {};
    const results = await runRungsSeeds({
      opts,
      dir,
      started,
      threads: THREADS,
      studiesFor: (taskName, seed) => Object.fromEntries(rows.map((name) => [name, studyFor(taskName, name, seed, specs[name])])),
      rowOf: async (storage, summary, seed, wallMs) => {
        const trials = await storage.getTrials(summary.studyId);
        const best = summary.best;
        const name = summary.study.replace(/^pbt-[a-z]+-/, '').replace(/-s\d+$/, '');
        const task = summary.study.split('-')[1];
        if (!best || best.budget !== MAX_BUDGET) console.warn(`  warning: ${summary.study}: best trial ${best?.number} is at budget ${best?.budget}, not ${MAX_BUDGET}`);
        if (summary.stopped !== 'done' && !(name === 'random_full' && summary.stopped === 'budget')) console.warn(`  warning: ${summary.study} stopped: ${summary.stopped}`);
        const byNumber = [...trials].sort((a, b) => a.number - b.number);
        const e = ((extra[task] ??= {})[seed] ??= {});
        if (PBT_ROWS.includes(name)) {
          (e.initial ??= {})[name] = byNumber.slice(0, POPULATION).map((t) => t.params);
          (e.forked ??= {})[name] = best ? best.forkOf !== undefined : false;
          // The initial member each trial descends from (its forkOf chain back to a trial that is not a fork).
          const byNum = new Map(trials.map((t) => [t.number, t]));
          const root = (t) => (t.forkOf ? root(byNum.get(t.forkOf.from)) : t.number);
          const alive = trials.filter((t) => t.state === 'complete' && t.budget === MAX_BUDGET);
          (e.lineages ??= {})[name] = new Set(alive.map(root)).size;
          (e.bestRoot ??= {})[name] = best ? root(best) : undefined;
          // Initial members that reached maxBudget unreplaced (their own params and weights throughout).
          (e.survivors ??= {})[name] = new Set(alive.filter((t) => !t.forkOf).map((t) => t.number));
        }
        if (name === 'random_full') {
          e.randomFirst = byNumber.slice(0, POPULATION).map((t) => t.params);
          e.randomBest = best?.number;
        }
        (e.bestParams ??= {})[name] = best?.params;
        return {
          seed,
          bestLoss: best?.value ?? Number.NaN,
          bestBudget: best?.budget ?? 0,
          epochs: summary.epochsTrained,
          trials: trials.length,
          failed: summary.counts.failed ?? 0,
          wallMs,
        };
      },
    });
    report(results, extra, opts, rows, resultLines);
  });
}

const sameParams = (a, b) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

function pairLine(byStrategy, a, b) {
  if (!byStrategy[a] || !byStrategy[b]) return null;
  const { wins, losses, ties, p } = signCounts(byStrategy[a], byStrategy[b]);
  const ma = median(byStrategy[a].map((r) => r.bestLoss));
  const mb = median(byStrategy[b].map((r) => r.bestLoss));
  const ratios = byStrategy[a].map((r) => r.bestLoss / byStrategy[b].find((q) => q.seed === r.seed).bestLoss);
  return (
    `  ${pad(`${a} vs ${b}`, 28)}better on ${wins}, worse on ${losses}, tied on ${ties} of ${wins + losses + ties} seeds, sign test p = ${p.toFixed(3)}; ` +
    `median best ${fmtLoss(ma)} vs ${fmtLoss(mb)} (ratio of medians ${(ma / mb).toFixed(3)}, median per-seed ratio ${median(ratios).toFixed(3)})`
  );
}

function report(results, extra, opts, rows, resultLines) {
  for (const taskName of opts.tasks) {
    const byStrategy = results[taskName];
    console.log(`\n=== ${taskName}: best val_loss at ${MAX_BUDGET} epochs and epochs trained, seeds ${opts.seeds.join(',')} (${THREADS} threads, ${EPOCHS} epochs a study) ===`);
    console.log(`${pad('strategy', 14)}${pad('best loss median [min–max]', 30)}${pad('epochs median [min–max]', 26)}${pad('trials', 8)}${pad('failed', 8)}${pad('wall s', 8)}per-seed best loss`);
    for (const s of rows) {
      const rs = byStrategy[s];
      if (!rs) continue;
      const loss = summarise(rs, 'bestLoss');
      const ep = summarise(rs, 'epochs');
      console.log(
        `${pad(s, 14)}${pad(fmtRange(loss), 30)}${pad(fmtRange(ep, fmtEp), 26)}${pad(fmtEp(median(rs.map((r) => r.trials))), 8)}${pad(rs.reduce((a, r) => a + r.failed, 0), 8)}` +
          `${pad((median(rs.map((r) => r.wallMs)) / 1000).toFixed(1), 8)}${rs.map((r) => fmtLoss(r.bestLoss)).join(' ')}`,
      );
      if (Math.abs(ep.median / EPOCHS - 1) > 0.1) console.log(`${pad('', 14)}^ NOT at equal epochs: ${s} trained a median ${(ep.median / EPOCHS).toFixed(2)}× the ${EPOCHS} of the others`);
      resultLines.push(`RESULT pbt.${taskName}.${s}.best_loss ${loss.median}`);
      resultLines.push(`RESULT pbt.${taskName}.${s}.epochs ${ep.median}`);
    }
    console.log('seed by seed (lower best loss is better):');
    for (const [a, b] of [['pbt', 'random_full'], ['pbt_exploit', 'random_full'], ['pbt', 'pbt_exploit'], ['pbt_bs', 'pbt'], ['pbt', 'asha'], ['asha', 'random_full']]) {
      const line = pairLine(byStrategy, a, b);
      if (line) console.log(line);
    }
    const e = extra[taskName] ?? {};
    for (const s of PBT_ROWS) {
      if (!byStrategy[s]) continue;
      const seeds = opts.seeds.filter((seed) => e[seed]?.initial?.[s]);
      const same = seeds.filter((seed) => e[seed].randomFirst && e[seed].initial[s].every((p, i) => sameParams(p, e[seed].randomFirst[i]))).length;
      const forked = seeds.filter((seed) => e[seed].forked[s]).length;
      const sameStructure = seeds.filter((seed) => {
        const a = e[seed].bestParams?.[s];
        const b = e[seed].bestParams?.random_full;
        return a && b && STRUCTURAL.every((k) => a[k] === b[k]);
      }).length;
      const withRandom = seeds.filter((seed) => e[seed].randomFirst).length;
      const lineages = seeds.map((seed) => e[seed].lineages[s]);
      // random_full's best trial, when it is one of the P initial draws (it is unless early trials diverged).
      const rbSeeds = seeds.filter((seed) => e[seed].randomBest !== undefined && e[seed].randomBest < POPULATION);
      const rbSurvived = rbSeeds.filter((seed) => e[seed].survivors[s].has(e[seed].randomBest)).length;
      const rbRoot = rbSeeds.filter((seed) => e[seed].bestRoot[s] === e[seed].randomBest).length;
      console.log(
        `  ${s}: best trial is a replacement (forked) on ${forked} of ${seeds.length} seeds; lineages (initial members with a descendant) alive at ${MAX_BUDGET} epochs: median ${fmtEp(median(lineages))} [${Math.min(...lineages)}–${Math.max(...lineages)}] of ${POPULATION}`,
      );
      if (withRandom > 0) {
        console.log(
          `  ${pad('', s.length + 1)} same initial configurations as random_full's first ${POPULATION} trials on ${same} of ${withRandom} seeds; its best trial has random_full's best structure (${STRUCTURAL.join(', ')}) on ${sameStructure} of ${withRandom}; ` +
            `random_full's best trial (an initial member on ${rbSeeds.length} seeds) reached ${MAX_BUDGET} epochs unreplaced in ${s} on ${rbSurvived}, and is the root of ${s}'s best lineage on ${rbRoot}`,
        );
      }
    }
  }
}

await main();
