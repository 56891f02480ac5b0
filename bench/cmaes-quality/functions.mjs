// The synthetic functions of bench:cmaes (run.mjs's header describes them), shared with bench:gp
// (bench/gp-quality/run.mjs): their descriptors, evaluate() (optuna_cmaes.py's evaluate() is the
// same, operation for operation), the check that both sides agree on probe points, and one rungs
// study of a function with an inline objective.
//
// A descriptor: { name, kind: sphere | ellipsoid | rosenbrock, trials, params, center, scale,
//   weights?, rotation?, probe }. params: { name, type: float | int, low, high, log? } or
//   { name, type: 'categorical', choices, offsets }. The numeric params come first, and center[i],
//   scale[i] belong to numeric param i; a categorical param adds offsets[index of its choice] to
//   the function's value (none of bench:cmaes's functions has one).
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defineStudy, openSqliteStorage, runStudy } from '../../dist/index.js';
import { Rng } from '../../dist/rng.js';
import { runPythonJson } from '../search-quality/bench-common.mjs';

/** Fixed draws for the functions' optima and rotations (not the study seed: the function is the same for every seed). */
export const rngFor = (name) => new Rng([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));

/** A d × d random orthogonal matrix (Gram–Schmidt on Gaussian rows), as arrays. */
function rotation(d, rng) {
  const rows = [];
  for (let i = 0; i < d; i++) {
    const v = Array.from({ length: d }, () => rng.normal());
    for (const r of rows) {
      const dot = r.reduce((s, x, j) => s + x * v[j], 0);
      for (let j = 0; j < d; j++) v[j] -= dot * r[j];
    }
    const norm = Math.hypot(...v);
    rows.push(v.map((x) => x / norm));
  }
  return rows;
}

export const floats = (d, low, high, prefix = 'x') => Array.from({ length: d }, (_, i) => ({ name: `${prefix}${i}`, type: 'float', low, high }));
const weights = (d, cond) => Array.from({ length: d }, (_, i) => cond ** (i / (d - 1)));

/** A shifted function of d floats in [−5, 5], its optimum at a fixed random point of [−3, 3]^d. */
export function shifted(name, kind, d, trials, extra = {}) {
  const rng = rngFor(name);
  return { name, kind, trials, params: floats(d, -5, 5), center: Array.from({ length: d }, () => rng.uniform(-3, 3)), scale: Array(d).fill(1), ...extra };
}

/** Adds each function's four probe points (fixed draws of its params), where the two sides are compared. */
export function withProbes(fns) {
  for (const fn of fns) {
    const rng = rngFor(`${fn.name}-probe`);
    const draw = (p) =>
      p.type === 'categorical'
        ? p.choices[rng.int(p.choices.length)]
        : p.type === 'int'
          ? p.low + rng.int(p.high - p.low + 1)
          : p.log
            ? Math.exp(rng.uniform(Math.log(p.low), Math.log(p.high)))
            : rng.uniform(p.low, p.high);
    fn.probe = Array.from({ length: 4 }, () => Object.fromEntries(fn.params.map((p) => [p.name, draw(p)])));
  }
  return Object.fromEntries(fns.map((fn) => [fn.name, fn]));
}

/** bench:cmaes's functions' descriptors (its header: evaluate's formula; optuna_cmaes.py reads the same JSON). */
function makeFunctions() {
  return withProbes([
    shifted('sphere5', 'sphere', 5, 200),
    shifted('sphere10', 'sphere', 10, 300),
    shifted('ellipsoid10', 'ellipsoid', 10, 400, { weights: weights(10, 1e6), rotation: rotation(10, rngFor('ellipsoid10-rotation')) }),
    { name: 'rosenbrock5', kind: 'rosenbrock', trials: 300, params: floats(5, -2, 2), center: Array(5).fill(0), scale: Array(5).fill(1) },
    { name: 'rosenbrock10', kind: 'rosenbrock', trials: 400, params: floats(10, -2, 2), center: Array(10).fill(0), scale: Array(10).fill(1) },
    {
      name: 'logellipsoid5',
      kind: 'ellipsoid',
      trials: 200,
      params: [
        [1e-5, 1],
        [1e-3, 1e3],
        [1e-2, 1],
        [1e-6, 1e-2],
        [0.1, 1e4],
      ].map(([low, high], i) => ({ name: `p${i}`, type: 'float', low, high, log: true })),
      center: [-3.3, 1.2, -0.6, -4.9, 2.8],
      scale: Array(5).fill(1),
      weights: weights(5, 100),
      rotation: rotation(5, rngFor('logellipsoid5-rotation')),
    },
    {
      name: 'mixed5',
      kind: 'sphere',
      trials: 200,
      params: [...floats(3, -5, 5), { name: 'n', type: 'int', low: 1, high: 200 }, { name: 'k', type: 'int', low: 0, high: 20 }],
      center: [1.7, -2.4, 0.9, 143.3, 4.6],
      scale: [1, 1, 1, 20, 2],
    },
  ]);
}

export const FUNCTIONS = makeFunctions();

/** The function's value at params (optuna_cmaes.py: evaluate, operation for operation). */
export function evaluate(fn, params) {
  const numeric = fn.params.filter((p) => p.type !== 'categorical');
  const d = numeric.length;
  let z = numeric.map((p, i) => ((p.log ? Math.log10(params[p.name]) : params[p.name]) - fn.center[i]) / fn.scale[i]);
  if (fn.rotation) {
    z = fn.rotation.map((row) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += row[j] * z[j];
      return s;
    });
  }
  let total = 0;
  if (fn.kind === 'sphere') for (const v of z) total += v * v;
  else if (fn.kind === 'ellipsoid') for (let i = 0; i < d; i++) total += fn.weights[i] * z[i] * z[i];
  else if (fn.kind === 'rosenbrock') {
    for (let i = 0; i < d - 1; i++) {
      const a = z[i + 1] - z[i] * z[i];
      const b = 1 - z[i];
      total += 100 * a * a + b * b;
    }
  } else throw new Error(`unknown kind ${fn.kind}`);
  for (const p of fn.params) if (p.type === 'categorical') total += p.offsets[p.choices.indexOf(params[p.name])];
  return total;
}

export const spaceOf = (fn) =>
  Object.fromEntries(fn.params.map(({ name, type, low, high, log, choices }) => [name, type === 'categorical' ? { type, choices } : { type, low, high, ...(log ? { log } : {}) }]));
export const fmtValue = (x) => (Number.isFinite(x) ? (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(4) : x.toExponential(2)) : String(x));
export const fmtRatio = (x) => (Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? x.toFixed(3) : x.toExponential(2));

/**
 * One rungs study of `fn` with `strategy` (inline objective, one thread, in-memory SQLite), timed
 * from opening the storage to its close. With `values`, also every trial's value by trial number
 * (read from the storage before it closes, outside the time).
 */
export async function rungsStudy(fn, strategy, seed, { values: withValues = false } = {}) {
  const { type, trials } = strategy;
  const name = `${fn.name}-${type}-${trials}-s${seed}`;
  const study = defineStudy({ name, direction: 'minimize', seed, budget: 1, space: spaceOf(fn), strategy, objective: (params) => evaluate(fn, params) });
  const t0 = performance.now();
  const storage = openSqliteStorage(':memory:');
  const summary = await runStudy(study, { storage, threads: 1 });
  let values;
  let reading = 0;
  if (withValues) {
    const r0 = performance.now();
    const rows = await storage.getTrials((await storage.getStudy(name)).id);
    values = rows.sort((a, b) => a.number - b.number).map((t) => t.value);
    reading = performance.now() - r0;
  }
  await storage.close();
  const seconds = (performance.now() - t0 - reading) / 1000;
  if (summary.counts.complete !== trials) throw new Error(`${fn.name} ${type}: expected ${trials} complete trials, got ${JSON.stringify(summary.counts)}`);
  return { trials, seed, seconds, best: summary.best.value, ...(withValues ? { values } : {}) };
}

/** `script`'s evaluate() (its `probe` mode) on every probe point must give this file's numbers (the formulas are written twice). */
export function checkFormulas(fns, dir, script) {
  const file = join(dir, 'functions.json');
  writeFileSync(file, JSON.stringify(fns));
  const out = runPythonJson(script, ['probe', file]);
  if (!out) return false;
  let worst = 0;
  for (const fn of fns) fn.probe.forEach((p, i) => (worst = Math.max(worst, Math.abs(out[fn.name][i] - evaluate(fn, p)) / Math.max(1e-300, Math.abs(evaluate(fn, p))))));
  console.log(`formulas: rungs' evaluate and ${basename(script)}'s agree on ${fns.length * 4} probe points to a relative ${worst.toExponential(1)}`);
  if (worst > 1e-12) throw new Error('the two sides compute different functions');
  return true;
}
