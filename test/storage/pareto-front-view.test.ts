import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStorage, type ImportTrial, type SqliteStorage } from '../../src/storage/sqlite-storage.js';
import { LATEST_SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { PARETO_FRONT_VIEW } from '../../src/storage/pareto-front-view.js';
import { paretoFront } from '../../src/stats/pareto-front.js';
import type { Objective, TrialState } from '../../src/search/strategy.js';
import { Rng } from '../../src/rng.js';

interface FrontRow {
  study: string;
  number: number;
  trial_id: number;
  objective_values: string;
  params: string;
}

const STATES: TrialState[] = ['complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'pruned', 'failed', 'running'];

/**
 * `n` trials of random values on a coarse grid (ties are common) for `objectives`: mostly complete,
 * some pruned, failed or running; some complete ones with an objective missing, NaN or infinite.
 * Params of every kind, a null choice included.
 */
function randomTrials(rng: Rng, n: number, objectives: readonly Objective[]): ImportTrial[] {
  return Array.from({ length: n }, (_, number) => {
    const state = STATES[Math.floor(rng.uniform(0, STATES.length))]!;
    const metrics: Record<string, number> = { other: rng.uniform(0, 1) };
    if (state === 'complete' || state === 'pruned') for (const o of objectives) metrics[o.metric] = Math.round(rng.uniform(0, 8)) / 4 - 1;
    const odd = rng.uniform(0, 1);
    const spoilt = objectives[Math.floor(rng.uniform(0, objectives.length))]!.metric;
    if (odd < 0.04) delete metrics[spoilt];
    else if (odd < 0.07) metrics[spoilt] = Number.NaN;
    else if (odd < 0.1) metrics[spoilt] = -Infinity;
    const params = { lr: rng.uniform(0, 1), units: Math.floor(rng.uniform(1, 64)), opt: rng.uniform(0, 1) < 0.5 ? 'adam' : null, warm: rng.uniform(0, 1) < 0.5 };
    return { number, state, params, seed: number, budget: 1, value: metrics[objectives[0]!.metric] ?? null, metrics, error: state === 'failed' ? 'boom' : null };
  });
}

describe('pareto_front view', () => {
  let dir: string;
  let s: SqliteStorage;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rungs-pareto-'));
    s = openSqliteStorage(join(dir, 'rungs.db'));
  });
  afterEach(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (study: string): FrontRow[] => s.db.prepare(`SELECT * FROM ${PARETO_FRONT_VIEW} WHERE study = ?`).all(study) as FrontRow[];

  it.each([
    { seed: 1, objectives: [{ metric: 'loss', direction: 'minimize' }, { metric: 'acc', direction: 'maximize' }] },
    { seed: 2, objectives: [{ metric: 'acc', direction: 'maximize' }, { metric: 'size', direction: 'minimize' }] },
    { seed: 3, objectives: [{ metric: 'loss', direction: 'minimize' }, { metric: 'size', direction: 'minimize' }, { metric: 'speed', direction: 'maximize' }] },
    { seed: 4, objectives: [{ metric: 'a', direction: 'maximize' }, { metric: 'b', direction: 'maximize' }, { metric: 'c', direction: 'minimize' }, { metric: 'd', direction: 'minimize' }] },
  ] as Array<{ seed: number; objectives: Objective[] }>)('holds the trials paretoFront() gives, with their values and params ($objectives.length objectives, seed $seed)', async ({ seed, objectives }) => {
    const rng = new Rng(seed);
    const studies = [];
    for (const [i, n] of [5, 60, 300].entries()) {
      // Direction and metric of the study row are the first objective's, as normalizeStudy makes them.
      const st = await s.createStudy({ name: `mo-${i}`, direction: objectives[0]!.direction, metric: objectives[0]!.metric, seed, definition: { objectives, seed } });
      const trials = randomTrials(rng, n, objectives);
      await s.importTrials(st.id, trials);
      // A tie on the front: a trial with the values of one on it (the grid of values makes more).
      const onFront = paretoFront(await s.getTrials(st.id), objectives)[0]!;
      await s.importTrials(st.id, [{ ...trials[onFront.number]!, number: n, seed: n }]);
      studies.push(st);
    }
    for (const st of studies) {
      const trials = await s.getTrials(st.id);
      const expected = paretoFront(trials, objectives);
      expect(expected.map((t) => t.number)).toContain(trials.length - 1);
      const rows = rowsOf(st.name).sort((a, b) => a.number - b.number);
      expect(rows.map((r) => r.number)).toEqual(expected.map((t) => t.number).sort((a, b) => a - b));
      for (const row of rows) {
        const t = trials.find((x) => x.number === row.number)!;
        expect(row.trial_id).toBe(t.id);
        expect(Object.entries(JSON.parse(row.objective_values))).toEqual(objectives.map((o) => [o.metric, t.metrics[o.metric]]));
        expect(JSON.parse(row.params)).toEqual(t.params);
      }
    }
  });

  it('is empty for single-objective studies, next to a multi-objective one', async () => {
    const objectives: Objective[] = [{ metric: 'loss', direction: 'minimize' }, { metric: 'size', direction: 'minimize' }];
    const rng = new Rng(9);
    const one = await s.createStudy({ name: 'one', direction: 'minimize', metric: 'loss', seed: 1, definition: { metric: 'loss', direction: 'minimize' } });
    await s.importTrials(one.id, randomTrials(rng, 40, objectives));
    expect(s.db.prepare(`SELECT count(*) FROM ${PARETO_FRONT_VIEW}`).pluck().get()).toBe(0);
    const two = await s.createStudy({ name: 'two', direction: 'minimize', metric: 'loss', seed: 1, definition: { objectives } });
    await s.importTrials(two.id, randomTrials(rng, 40, objectives));
    const studies = s.db.prepare(`SELECT DISTINCT study FROM ${PARETO_FRONT_VIEW}`).pluck().all();
    expect(studies).toEqual(['two']);
  });

  it('computes each of its CTEs once, not once per pair of trials (they must not be flattened into the query)', () => {
    const plan = (s.db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM ${PARETO_FRONT_VIEW} WHERE study = 'x'`).all() as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan).toEqual(expect.arrayContaining(['MATERIALIZE _ranked', 'MATERIALIZE _objective']));
  });

  it('is in a fresh store and in one migrated from version 4, which end with the same schema', async () => {
    const objectives: Objective[] = [{ metric: 'loss', direction: 'minimize' }, { metric: 'size', direction: 'maximize' }];
    const st = await s.createStudy({ name: 'mo', direction: 'minimize', metric: 'loss', seed: 1, definition: { objectives } });
    await s.importTrials(st.id, randomTrials(new Rng(5), 50, objectives));
    const schema = (db: SqliteStorage['db']) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
    const fresh = schema(s.db);
    const before = rowsOf('mo');
    expect(before.length).toBeGreaterThan(0);
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    // What rungs wrote before migration 5.
    s.db.exec(`DROP VIEW ${PARETO_FRONT_VIEW}; ALTER TABLE trials DROP COLUMN fork_of; ALTER TABLE trials DROP COLUMN fork_budget; PRAGMA user_version = 4`);
    await s.close();
    s = openSqliteStorage(join(dir, 'rungs.db'));
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(schema(s.db)).toEqual(fresh);
    expect(rowsOf('mo')).toEqual(before);
  });
});
