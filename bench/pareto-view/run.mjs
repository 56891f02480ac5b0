// The pareto_front SQL view on a large multi-objective study.
//
//   npm run build && node bench/pareto-view/run.mjs                 (2,000 trials)
//   node bench/pareto-view/run.mjs --trials 10000
//
// Writes one 2-objective study (val_loss and model_size, both minimized) of
// --trials trials with the storage's bulk importTrials into a fresh temp
// database, 5% of them failed, for each of three shapes: `tradeoff` (loss
// against size as an MLP's width gives them: a small front), `uniform`
// (independent uniform values) and `all-front` (every trial on the front: the
// worst case, each trial compared with every other). Times
// `SELECT * FROM pareto_front WHERE study = ?`: the first query, then the
// median of 5, and checks its trials are paretoFront()'s.
//
// Last lines: `RESULT pareto_view.<shape>_ms <median ms>`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, paretoFront, Rng } from '../../dist/index.js';

const at = process.argv.indexOf('--trials');
const n = at > 0 ? Number(process.argv[at + 1]) : 2_000;
const objectives = [
  { metric: 'val_loss', direction: 'minimize' },
  { metric: 'model_size', direction: 'minimize' },
];

function trials(shape, rng) {
  return Array.from({ length: n }, (_, i) => {
    const hidden = Math.round(2 * 50 ** rng.uniform(0, 1));
    const lr = 10 ** rng.uniform(-4, -0.5);
    const [loss, size] =
      shape === 'uniform' ? [rng.uniform(0, 1), rng.uniform(0, 1)]
      : shape === 'all-front' ? [i / n, n - i]
      : [0.15 + 2 / hidden + 0.3 * Math.abs(Math.log10(lr) + 2) + 0.05 * rng.uniform(0, 1), 80 * hidden + 10];
    const failed = rng.uniform(0, 1) < 0.05;
    return {
      number: i, state: failed ? 'failed' : 'complete', params: { lr, hidden }, seed: i, budget: 8,
      value: failed ? null : loss, metrics: failed ? {} : { val_loss: loss, model_size: size, train_loss: loss },
    };
  });
}

const dir = mkdtempSync(join(tmpdir(), 'rungs-pareto-view-'));
const results = [];
try {
  const storage = openSqliteStorage(join(dir, 'bench.db'));
  for (const shape of ['tradeoff', 'uniform', 'all-front']) {
    const study = await storage.createStudy({ name: shape, direction: 'minimize', metric: 'val_loss', seed: 1, definition: { objectives } });
    await storage.importTrials(study.id, trials(shape, new Rng(1)));
    const query = storage.db.prepare('SELECT * FROM pareto_front WHERE study = ?');
    const times = [];
    let rows = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      rows = query.all(shape);
      times.push(performance.now() - t0);
    }
    const expected = paretoFront(await storage.getTrials(study.id), objectives).map((t) => t.number).sort((a, b) => a - b);
    const same = JSON.stringify(rows.map((r) => r.number).sort((a, b) => a - b)) === JSON.stringify(expected);
    const median = [...times.slice(1)].sort((a, b) => a - b)[2];
    console.log(`${shape}: ${n} trials, ${rows.length} on the front (${same ? 'as paretoFront()' : 'NOT as paretoFront()'}): first ${times[0].toFixed(1)} ms, median ${median.toFixed(1)} ms`);
    if (!same) process.exitCode = 1;
    results.push([shape, median]);
  }
  await storage.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
for (const [shape, ms] of results) console.log(`RESULT pareto_view.${shape.replace('-', '_')}_ms ${ms.toFixed(1)}`);
