// The cost-of-deciding part of bench:cmaes, shared with bench:gp: rungs studies of one synthetic
// function (inline objective, one thread, in-memory SQLite; functions.mjs: rungsStudy) at a few
// sizes and seeds after an untimed warm-up study, then the Optuna reference's `overhead` mode on
// the same function, and the table of their times.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { elapsed, fmtRange, optunaAvailable, pad, runPythonJson, summarise } from '../search-quality/bench-common.mjs';
import { fmtValue, rungsStudy } from './functions.mjs';

/**
 * rows[variant] = per-study { trials, seed, seconds, best } for each of `strategies` ({ rungs_x:
 * strategy spec without trials }) at every size of `sizes` and seed of `seeds`, after one untimed
 * study `warmup` (a spec with trials); then the rows `script overhead FUNCTIONS.json SIZES SEEDS`
 * returns, unless opts.optuna is false or Optuna is missing.
 */
export async function runOverhead({ opts, dir, started, fn, strategies, warmup, sizes, seeds, script }) {
  await rungsStudy(fn, warmup, 0); // JIT warm-up, untimed
  const rows = {};
  for (const [variant, strategy] of Object.entries(strategies)) {
    rows[variant] = [];
    for (const trials of sizes) for (const seed of seeds) rows[variant].push(await rungsStudy(fn, { ...strategy, trials }, seed));
  }
  console.log(`${elapsed(started)} rungs overhead studies done`);
  if (opts.optuna && optunaAvailable()) {
    const file = join(dir, 'functions.json');
    writeFileSync(file, JSON.stringify([fn]));
    const out = runPythonJson(script, ['overhead', file, sizes.join(','), seeds.join(',')]);
    if (out) {
      Object.assign(rows, out);
      console.log(`${elapsed(started)} Optuna overhead studies done`);
    }
  }
  return rows;
}

/** seconds(variant, n): the median time of runOverhead's n-trial studies of variant. */
export const overheadSeconds = (rows) => (variant, n) => median(rows[variant].filter((r) => r.trials === n).map((r) => r.seconds));

/**
 * The table of runOverhead's rows for `samplers`, size by size: seconds median [min–max], ms per
 * trial, with `added` the ms per trial of the trials added since the previous size, and the best
 * value median [min–max]; RESULT lines `<prefix>.<N>.<sampler>.ms_per_trial` and `.best_value`.
 */
export function printOverheadTable({ rows, samplers, sizes, resultLines, prefix, added = false }) {
  console.log(`${pad('trials', 8)}${pad('sampler', 15)}${pad('seconds median [min–max]', 28)}${pad('ms/trial', 10)}${added ? pad('ms/added trial', 16) : ''}best value median [min–max]`);
  const seconds = overheadSeconds(rows);
  sizes.forEach((n, k) => {
    for (const s of samplers) {
      const at = rows[s].filter((r) => r.trials === n);
      const t = summarise(at, 'seconds');
      const best = summarise(at, 'best');
      const more = k === 0 ? '' : ((1000 * (t.median - seconds(s, sizes[k - 1]))) / (n - sizes[k - 1])).toFixed(3);
      console.log(`${pad(n, 8)}${pad(s, 15)}${pad(fmtRange(t, (x) => x.toFixed(3)), 28)}${pad(((1000 * t.median) / n).toFixed(3), 10)}${added ? pad(more, 16) : ''}${fmtRange(best, fmtValue)}`);
      resultLines.push(`RESULT ${prefix}.${n}.${s}.ms_per_trial ${(1000 * t.median) / n}`, `RESULT ${prefix}.${n}.${s}.best_value ${best.median}`);
    }
  });
}
