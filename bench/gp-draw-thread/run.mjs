// GP draws on the draw thread against draws on the main thread: the same GP study through the built CLI of
// this checkout and of a base checkout (the commit before the draw thread, built), side by side.
//
//   git archive <base-rev> | tar -x -C /tmp/gpw-base && ln -s "$PWD/node_modules" /tmp/gpw-base/node_modules
//   (cd /tmp/gpw-base && npx tsc -p tsconfig.build.json) && npm run build
//   node bench/gp-draw-thread/run.mjs --base /tmp/gpw-base [--trials 250] [--params 15] [--threads 4] [--job-ms 150] [--stops 5]
//
// 1. A fresh study of --trials trials over --params floats (gp, maxConcurrent 4, startupTrials 10), its
//    jobs objective.mjs (--job-ms each): wall time, and the share of the time the trial pool's threads
//    were busy (the summary's pool.busy).
// 2. Ctrl-C: that study resumed with 20 more trials, SIGINT 100 ms after the k-th result (k = 1 … --stops,
//    one run each, on a copy of the database): ms from SIGINT to the "stopping" line (how long the main
//    thread took to notice) and to the exit (which also waits for the running trials, as the first Ctrl-C does).
//
// Last lines: `RESULT gpdraw.<build>.<name> <value>`.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    trials: { type: 'string', default: '250' },
    params: { type: 'string', default: '15' },
    threads: { type: 'string', default: '4' },
    'job-ms': { type: 'string', default: '150' },
    stops: { type: 'string', default: '5' },
  },
});
if (!args.base) throw new Error('--base DIR: a built checkout of the commit to compare with');
const trials = Number(args.trials);
const builds = [
  ['base', join(resolve(args.base), 'dist/cli/main.js')],
  ['this', resolve(here, '../../dist/cli/main.js')],
];
const dir = mkdtempSync(join(tmpdir(), 'gp-draw-thread-'));
const env = { ...process.env, JOB_MS: args['job-ms'] };

const studyFile = (name, count) => {
  const file = join(dir, `${name}.json`);
  const space = Object.fromEntries(Array.from({ length: Number(args.params) }, (_, i) => [`p${String(i).padStart(2, '0')}`, { type: 'float', low: -1, high: 1 }]));
  writeFileSync(file, JSON.stringify({ name: 'gpdraw', seed: 1, objective: join(here, 'objective.mjs'), space, strategy: { type: 'gp', trials: count } }));
  return file;
};
const study = studyFile('study', trials);
const more = studyFile('more', trials + 20);

/** One Ctrl-C: resumes a copy of `db`, SIGINT 100 ms after the k-th result; ms to the stopping line and to the exit. */
function stopOnce(cli, db, k) {
  const copy = join(dir, `stop-${k}.db`);
  copyFileSync(db, copy);
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, 'run', more, '--db', copy, '--resume', '--threads', args.threads], { env });
    let out = '';
    let results = 0;
    let sent = 0;
    let noticed = 0;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const lines = out.split('\n');
      out = lines.pop();
      for (const line of lines) {
        if (/^trial \d+ complete/.test(line) && ++results === k) setTimeout(() => ((sent = performance.now()), child.kill('SIGINT')), 100);
        if (line.startsWith('stopping:') && !noticed) noticed = performance.now();
      }
    });
    child.on('exit', () => done({ notice: noticed - sent, exit: performance.now() - sent }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const [build, cli] of builds) {
  const db = join(dir, `${build}.db`);
  const res = spawnSync(process.execPath, [cli, 'run', study, '--db', db, '--threads', args.threads, '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (res.status !== 0) throw new Error(`${build}: ${res.stderr}`);
  const summary = JSON.parse(res.stdout.trim().split('\n').at(-1));
  const stops = [];
  for (let k = 1; k <= Number(args.stops); k++) stops.push(await stopOnce(cli, db, k));
  console.log(
    `${build}: ${summary.counts.complete} trials in ${(summary.durationMs / 1000).toFixed(1)} s, pool ${(100 * summary.pool.busy).toFixed(1)}% busy; ` +
      `Ctrl-C noticed after ${stops.map((s) => s.notice.toFixed(0)).join(', ')} ms, exited after ${stops.map((s) => s.exit.toFixed(0)).join(', ')} ms`,
  );
  results.push(
    [`${build}.wall_s`, (summary.durationMs / 1000).toFixed(1)],
    [`${build}.pool_busy_pct`, (100 * summary.pool.busy).toFixed(1)],
    [`${build}.ctrl_c_notice_ms_median`, median(stops.map((s) => s.notice)).toFixed(0)],
    [`${build}.ctrl_c_notice_ms_max`, Math.max(...stops.map((s) => s.notice)).toFixed(0)],
    [`${build}.ctrl_c_exit_ms_median`, median(stops.map((s) => s.exit)).toFixed(0)],
  );
}
for (const [name, value] of results) console.log(`RESULT gpdraw.${name} ${value}`);
rmSync(dir, { recursive: true, force: true });
