import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { fmtParam } from '../../src/cli/render-table.js';
import { openStorage } from '../../src/study/study-store.js';
import { PBT_PARAMS_NOTE } from '../../src/stats/pbt-params-note.js';

/** The study of the PBT walkthrough: 8 members of an MLP on digits, 5 generations of 3 epochs, 2 replaced after each but the last. */
const STUDY = 'test/fixtures/pbt-small-digits.json';
const NAME = 'pbt-small';

interface Fork {
  from: number;
  budget: number;
}
interface TrialJson {
  number: number;
  state: string;
  params: Record<string, unknown>;
  value: number | null;
  budget: number;
  forkOf?: Fork;
}
interface Segment {
  number: number;
  from: number;
  to: number;
  params: Record<string, unknown>;
  value: number | null;
  changed: string[];
}

const dir = tempDir();
const db = path.join(dir, 'pbt.db');
let runOut = '';
let trials: TrialJson[] = [];
const cli = async (...args: string[]) => {
  const res = await runCli([...args, '--db', db]);
  expect(res.code, res.stderr).toBe(0);
  return res.stdout;
};
/** A value as the tables and lines print it, for lines built from the JSON. */
const shown = fmtParam;

beforeAll(async () => {
  const run = await runCli(['run', STUDY, '--db', db, '--threads', '2']);
  expect(run.code, run.stderr).toBe(0);
  runOut = run.stdout;
  trials = JSON.parse(await cli('trials', NAME, '--json')) as TrialJson[];
}, 120_000);

describe('a PBT study through the built CLI', () => {
  it('plan and run print generations, the epochs P × maxBudget and no from-scratch figure', async () => {
    const plan = await runCli(['plan', STUDY]);
    expect(plan.code, plan.stderr).toBe(0);
    // The table itself is renderPlan's (test/cli/render-plan.test.ts): here, that plan and run print it for this study.
    const lines = plan.stdout.split('\n');
    expect(lines[0]).toBe(`study "${NAME}": pbt (population 8, every 3 epochs to 15 the worst 2 replaced by copies of the best 2, with lr, batchSize, weightDecay changed)`);
    expect(lines[1]).toMatch(/^data: 1797 rows: \d+ train, \d+ validation$/);
    expect(lines[2]).toMatch(/^generation +members +epochs +then replaced$/);
    expect(lines.slice(4, 9).map((l) => l.trim().split(/ +/))).toEqual([
      ['0', '8', '0–3', '2'],
      ['1', '8', '3–6', '2'],
      ['2', '8', '6–9', '2'],
      ['3', '8', '9–12', '2'],
      ['4', '8', '12–15', 'none'],
    ]);
    expect(lines[9]).toBe('total: 120 epochs (8 members × 15); 16 trials if no member fails');
    expect(plan.stdout).not.toMatch(/rung|promot|retraining from scratch/);
    expect(runOut.split('\n').slice(1, 11)).toEqual(lines.slice(1, 11));
    const json = JSON.parse((await runCli(['plan', STUDY, '--json'])).stdout) as Record<string, unknown>;
    expect(json).not.toHaveProperty('fromScratch');
    expect(json['withWarmStarts']).toEqual({ epochs: 120, trials: 16, jobs: 40 });
    expect((await runCli(['plan', STUDY, '--format', 'csv'])).stdout).toBe(
      'generation,members,from,budget,replaced\n0,8,0,3,2\n1,8,3,6,2\n2,8,6,9,2\n3,8,9,12,2\n4,8,12,15,0\n',
    );
    // The run did what the plan says.
    expect(trials).toHaveLength(16);
    expect(trials.filter((t) => t.forkOf)).toHaveLength(8);
  });

  it("run's line for a fork's first job names its donor and the params it changed; its JSON start event carries forkOf", async () => {
    const byNumber = new Map(trials.map((t) => [t.number, t]));
    const forks = trials.filter((t) => t.forkOf);
    for (const t of forks) {
      const donor = byNumber.get(t.forkOf!.from)!;
      const changes = Object.keys(t.params)
        .sort()
        .filter((k) => t.params[k] !== donor.params[k])
        .map((k) => `${k} ${shown(donor.params[k])} → ${shown(t.params[k])}`);
      const what = changes.length ? `(copy of trial ${donor.number}: ${changes.join(', ')})` : `(copy of trial ${donor.number}, params unchanged)`;
      expect(runOut).toContain(`\ntrial ${t.number} start  budget ${t.forkOf!.budget + 3} from ${t.forkOf!.budget} ${what}\n`);
    }
    // Only a fork's first job says "copy of"; promotions list their params as before.
    expect(runOut.match(/copy of trial/g)).toHaveLength(forks.length);
    expect(runOut).toMatch(/^trial 1 start {2}budget 6 from 3 {2}batchSize=\d+ lr=\S+ weightDecay=\S+$/m);

    const again = await runCli(['run', STUDY, '--db', path.join(dir, 'json.db'), '--threads', '2', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const starts = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; number: number; fromBudget: number; params: unknown; forkOf?: Fork; donorParams?: unknown })
      .filter((e) => e.type === 'start');
    const forked = starts.filter((e) => e.forkOf);
    expect(forked.map((e) => [e.number, e.forkOf])).toEqual(forks.map((t) => [t.number, t.forkOf]));
    for (const e of forked) {
      expect(e.fromBudget).toBe(e.forkOf!.budget);
      expect(e.donorParams).toEqual(byNumber.get(e.forkOf!.from)!.params);
      expect(e.params).toEqual(byNumber.get(e.number)!.params);
    }
    expect(starts.filter((e) => !e.forkOf && e.donorParams)).toEqual([]);
  }, 60_000);

  it('show tells generations (who was replaced by which copy) and the lineage of the best trial', async () => {
    const text = await cli('show', NAME);
    expect(text).not.toMatch(/promoted|^rungs:/m);
    const raw = JSON.parse(await cli('show', NAME, '--json')) as Record<string, unknown>;
    // No rung table filled in with "promoted" survivors: the generations tell what happened.
    expect(raw).not.toHaveProperty('rungs');
    const report = raw as unknown as {
      best: TrialJson;
      generations: { generation: number; from: number; budget: number; members: number[]; reached: number; best: { number: number; value: number }; replaced: { number: number; by: number; copyOf: number }[] }[];
      lineage: Segment[];
    };
    expect(report.generations.map((g) => [g.from, g.budget, g.members.length, g.reached, g.replaced.length])).toEqual([
      [0, 3, 8, 8, 2],
      [3, 6, 8, 8, 2],
      [6, 9, 8, 8, 2],
      [9, 12, 8, 8, 2],
      [12, 15, 8, 8, 0],
    ]);
    const byNumber = new Map(trials.map((t) => [t.number, t]));
    for (const g of report.generations) {
      for (const r of g.replaced) {
        // The replaced member stopped at the boundary; the fork copies a member of the same generation there.
        expect(byNumber.get(r.number)).toMatchObject({ state: 'pruned', budget: g.budget });
        expect(byNumber.get(r.by)!.forkOf).toEqual({ from: r.copyOf, budget: g.budget });
        expect(g.members).toContain(r.copyOf);
      }
    }
    const rows = report.generations.flatMap((g) =>
      g.replaced.map((r, i) => (i === 0 ? `^ +${g.generation} +${g.from}–${g.budget} +8 +8 +\\S+ #${g.best.number} +` : '^ +') + `#${r.number} → #${r.by} \\(copy of #${r.copyOf}\\)$`),
    );
    for (const row of rows) expect(text).toMatch(new RegExp(row, 'm'));
    expect(text).toMatch(/^ +4 +12–15 +8 +8 +\S+ #\d+$/m);

    // The lineage is the best trial's, as the API computes it, one line per segment.
    const store = openStorage(db);
    const expected = await store.lineage(NAME, report.best.number);
    await store.close();
    expect(report.lineage).toEqual(expected);
    expect(expected.at(-1)).toMatchObject({ number: report.best.number, to: 15 });
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`lineage of trial ${report.best.number}: `));
    expect(at).toBeGreaterThan(0);
    expected.forEach((s, i) => {
      const first = Object.entries(s.params).map(([k, v]) => `${k}=${shown(v)}`).join(' ');
      expect(lines[at + 1 + i]).toMatch(new RegExp(`^epochs ${s.from}–${s.to} +trial ${s.number} +val_loss ${shown(s.value)} +`));
      if (i === 0) expect(lines[at + 1 + i]!.endsWith(`  ${first}`)).toBe(true);
      else for (const k of s.changed) expect(lines[at + 1 + i]).toContain(`${k} ${shown(expected[i - 1]!.params[k])} → ${shown(s.params[k])}`);
    });

    const csv = (await cli('show', NAME, '--format', 'csv')).trim().split('\n');
    expect(csv[0]).toBe('generation,from,budget,members,reached,failed,best,best_trial,replaced,replaced_by,copy_of');
    const g0 = report.generations[0]!;
    expect(csv[1]).toBe(
      `0,0,3,${g0.members.join(' ')},8,0,${g0.best.value},${g0.best.number},${g0.replaced.map((r) => r.number).join(' ')},${g0.replaced.map((r) => r.by).join(' ')},${g0.replaced.map((r) => r.copyOf).join(' ')}`,
    );
  });

  it("importance says a PBT trial counts with its last segment's params only, and leaves the numbers as the API gives them", async () => {
    const store = openStorage(db);
    const api = await store.importance(NAME);
    await store.close();
    const text = (await cli('importance', NAME)).split('\n');
    expect(text.filter((l) => l.startsWith('note: '))).toEqual([`note: ${PBT_PARAMS_NOTE} (rungs show prints the best trial's lineage)`]);
    for (const p of api.importance) expect(text).toContainEqual(expect.stringMatching(new RegExp(`^${p.param} +${p.importance.toFixed(3)}`)));
    const json = JSON.parse(await cli('importance', NAME, '--json')) as Record<string, unknown>;
    expect(json).toEqual({ study: NAME, metric: 'val_loss', step: api.step, trials: api.trials, importance: api.importance, note: PBT_PARAMS_NOTE });
    expect((await cli('importance', NAME, '--format', 'csv')).split('\n')[0]).toBe('param,importance');
  });

  it('trials shows each fork as from@budget, and --json and --format csv carry it', async () => {
    const text = await cli('trials', NAME);
    expect(text.split('\n')[0]).toMatch(/^ #  state +val_loss +budget +fork +batchSize +lr +weightDecay$/);
    for (const t of trials) {
      const fork = t.forkOf ? ` +${t.forkOf.from}@${t.forkOf.budget}` : ' +';
      expect(text).toMatch(new RegExp(`^ *${t.number} +${t.state} +\\S+ +${t.budget}${fork} +${shown(t.params['batchSize'])} `, 'm'));
    }
    // Two forks at each boundary but the last, numbered on from the first generation.
    expect(trials.map((t) => t.forkOf?.budget)).toEqual([...Array(8).fill(undefined), 3, 3, 6, 6, 9, 9, 12, 12]);
    const csv = (await cli('trials', NAME, '--format', 'csv')).trim().split('\n');
    const header = csv[0]!.split(',');
    // Appended after every column the other studies have, in the same order.
    expect(header.slice(-3)).toEqual(['error', 'fork_of', 'fork_budget']);
    const fork = trials.find((t) => t.forkOf)!;
    expect(csv[fork.number + 1]!.endsWith(`,${fork.forkOf!.from},${fork.forkOf!.budget}`)).toBe(true);
    expect(csv[1]!.endsWith(',,')).toBe(true);
  });

  it('best --json has forkOf on forked trials and every listed trial\'s lineage; best --format csv the fork columns', async () => {
    const best = JSON.parse(await cli('best', NAME, '--top', '8', '--json')) as (TrialJson & { lineage: Segment[] })[];
    expect(best).toHaveLength(8);
    const store = openStorage(db);
    for (const t of best) {
      expect(t.forkOf).toEqual(trials[t.number]!.forkOf);
      expect(t.lineage).toEqual(await store.lineage(NAME, t.number));
      expect(t.lineage.at(-1)!.number).toBe(t.number);
      if (t.forkOf) expect(t.lineage.at(-2)!.number).toBe(t.forkOf.from);
    }
    await store.close();
    expect(best.some((t) => t.lineage.length > 1)).toBe(true);
    expect((await cli('best', NAME, '--format', 'csv')).split('\n')[0]!.endsWith(',error,fork_of,fork_budget')).toBe(true);
    expect((await cli('best', NAME, '--top', '16')).split('\n')[0]).toMatch(/ budget +fork +batchSize/);
  });

  it('export appends fork_of and fork_budget to its columns, and only for a PBT study', async () => {
    const csv = (await cli('export', NAME)).trim().split('\n');
    expect(csv[0]!.split(',').slice(-3)).toEqual(['error', 'fork_of', 'fork_budget']);
    for (const t of trials) expect(csv[t.number + 1]!.endsWith(t.forkOf ? `,${t.forkOf.from},${t.forkOf.budget}` : ',,')).toBe(true);
    const json = JSON.parse(await cli('export', NAME, '--format', 'json')) as Record<string, unknown>[];
    expect(json.map((r) => [r['fork_of'], r['fork_budget']])).toEqual(trials.map((t) => [t.forkOf?.from ?? null, t.forkOf?.budget ?? null]));

    // Another strategy's export keeps the columns it had.
    const random = path.join(dir, 'random.json');
    const spec = JSON.parse(fs.readFileSync(STUDY, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(random, JSON.stringify({ ...spec, name: 'random', task: { ...(spec['task'] as object), epochs: 2 }, strategy: { type: 'random', trials: 2 } }));
    expect((await runCli(['run', random, '--db', db, '--quiet'])).code).toBe(0);
    expect((await cli('export', 'random')).split('\n')[0]!.endsWith(',error')).toBe(true);
    expect((await cli('trials', 'random')).split('\n')[0]).not.toContain('fork');
  }, 60_000);

  it('with repeats: show replays configurations, best and run rank a member with its repeats, each with its lineage', async () => {
    // Exploit only (no factor but 1, no resampling): every fork has its donor's params, so members share params.
    const file = path.join(dir, 'repeats.json');
    const spec = JSON.parse(fs.readFileSync(STUDY, 'utf8')) as Record<string, unknown>;
    const strategy = { type: 'pbt', population: 4, interval: 3, maxBudget: 9, quantile: 0.5, mutate: ['lr'], perturbationFactors: [1], resampleProbability: 0 };
    // Seed 1: the best lineage's copies share its params, which a ranking by params would merge into one "configuration".
    fs.writeFileSync(file, JSON.stringify({ ...spec, name: 'repeats', seed: 1, repeats: 2, strategy }));
    const run = await runCli(['run', file, '--db', db, '--threads', '2']);
    expect(run.code, run.stderr).toBe(0);
    const all = JSON.parse(await cli('trials', 'repeats', '--json')) as TrialJson[];
    expect(all).toHaveLength(16);
    const sameParams = all.filter((t) => t.forkOf && JSON.stringify(t.params) === JSON.stringify(all[t.forkOf.from]!.params));
    expect(sameParams).toHaveLength(8);

    const show = JSON.parse(await cli('show', 'repeats', '--json')) as { generations: { members: number[]; replaced: { number: number; by: number; copyOf: number }[] }[] };
    expect(show.generations[0]!.members).toEqual([0, 2, 4, 6]);
    for (const g of show.generations.slice(0, -1)) {
      expect(g.replaced).toHaveLength(2);
      for (const r of g.replaced) expect([r.number % 2, r.by % 2, r.copyOf % 2, all[r.by]!.forkOf!.from - r.copyOf]).toEqual([0, 0, 0, 0]);
    }
    const showText = await cli('show', 'repeats');
    expect(showText).toContain('\nmembers and those replaced are configurations (× 2 repeats: 8 trials), each named by its first trial\n');
    expect(showText).toMatch(/^ +0 +0–3 +4 +4 +\S+ #\d+ +#\d+ → #\d+ \(copy of #\d+\)$/m);

    // plan counts as show does: members and those replaced are configurations, each run as 2 trials.
    const plan = await runCli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    const lines = plan.stdout.split('\n');
    expect(lines.slice(4, 7).map((l) => l.trim().split(/ +/))).toEqual([
      ['0', '4', '0–3', '2'],
      ['1', '4', '3–6', '2'],
      ['2', '4', '6–9', 'none'],
    ]);
    expect(lines.slice(7, 9)).toEqual(['members and those replaced are configurations (× 2 repeats: 8 trials)', 'total: 72 epochs (4 members × 2 repeats × 9); 16 trials if no member fails']);
    expect(run.stdout.split('\n').slice(1, 10)).toEqual(lines.slice(1, 10));
    const planned = JSON.parse((await runCli(['plan', file, '--json'])).stdout) as { repeats: number; plan: { rungs: { members: number; trials: number; replaced: number }[] }[]; withWarmStarts: unknown };
    expect(planned.repeats).toBe(2);
    expect(planned.plan[0]!.rungs.map((r) => [r.members, r.trials, r.replaced])).toEqual(show.generations.map((g) => [g.members.length, 2 * g.members.length, g.replaced.length]));
    expect(planned.withWarmStarts).toEqual({ epochs: 72, trials: 16, jobs: 24 });
    expect((await runCli(['plan', file, '--format', 'csv'])).stdout).toBe('generation,members,from,budget,replaced,trials\n0,4,0,3,2,8\n1,4,3,6,2,8\n2,4,6,9,0,8\n');

    // A configuration is a member and its repeats, never two members that share params (as show ranks them).
    const best = JSON.parse(await cli('best', 'repeats', '--top', '4', '--json')) as { number: number; trials: number[]; n: number; lineage: Segment[] }[];
    const store = openStorage(db);
    for (const c of best) {
      expect(c.trials).toEqual([c.number, c.number + 1]);
      expect(c.lineage).toEqual(await store.lineage('repeats', c.number));
    }
    await store.close();
    const first = best[0]!.trials.join(', ');
    expect(run.stdout).toContain(`best: configuration of trials ${first}  val_loss mean`);
    expect((await cli('show', 'repeats')).split('\n').find((l) => l.startsWith('best: '))).toMatch(new RegExp(`^best: configuration of trials ${first}  val_loss mean \\S+ over 2 seeds`));
  }, 60_000);
});
