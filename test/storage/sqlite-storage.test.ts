import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors.js';
import { LATEST_SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { APPLICATION_ID } from '../../src/storage/schema.js';
import { openSqliteStorage, type ImportTrial, type SqliteStorage } from '../../src/storage/sqlite-storage.js';
import type { NewStudy } from '../../src/storage/storage.js';
import { storageContract } from './storage-contract.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const fixture = (name: string) => join(here, 'fixtures', name);

storageContract('SqliteStorage', async (file) => openSqliteStorage(file));

const study = (over: Partial<NewStudy> = {}): NewStudy => ({
  name: 'quickstart',
  direction: 'minimize',
  metric: 'val_loss',
  seed: 1,
  definition: {},
  ...over,
});

function sha1(file: string): string {
  return createHash('sha1').update(readFileSync(file)).digest('hex');
}

async function storageErrorOf(fn: () => unknown): Promise<StorageError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StorageError);
    return err as StorageError;
  }
  throw new Error('expected a StorageError, nothing was thrown');
}

/** Runs a fixture script with tsx; resolves with its stdout. */
function runFixture(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture(script), ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('SqliteStorage (SQLite specifics)', () => {
  let dir: string;
  let file: string;
  const open: SqliteStorage[] = [];
  const raw: Database.Database[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rungs-sqlite-'));
    file = join(dir, 'rungs.db');
  });

  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    for (const d of raw.splice(0)) if (d.open) d.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const openStore = (path = file, opts?: Parameters<typeof openSqliteStorage>[1]) => {
    const s = openSqliteStorage(path, opts);
    open.push(s);
    return s;
  };
  const rawDb = (path = file, opts?: Database.Options) => {
    const d = new Database(path, opts);
    raw.push(d);
    return d;
  };

  describe('connection and schema', () => {
    it('uses WAL, synchronous NORMAL, foreign keys and a 10 s busy timeout', () => {
      const s = openStore();
      expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(s.db.pragma('synchronous', { simple: true })).toBe(1);
      expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(s.db.pragma('busy_timeout', { simple: true })).toBe(10_000);
      expect(openStore(join(dir, 'b.db'), { busyTimeoutMs: 250 }).db.pragma('busy_timeout', { simple: true })).toBe(250);
    });

    it('creates new stores with incremental auto-vacuum, so dropping a finished study\'s checkpoints shrinks the file', async () => {
      const s = openStore();
      expect(s.db.pragma('auto_vacuum', { simple: true })).toBe(2);
      const st = await s.createStudy(study());
      for (let n = 0; n < 20; n++) {
        const r = await s.claim(st.id, 'me', 0, () => ({ kind: 'new', number: n, params: { lr: n }, seed: n, target: 1, bracket: 0 }));
        await s.finishJob(r.trial!.id, {
          state: 'pruned', budget: 1, value: n, metrics: {}, curve: [], epochsTrained: 1, durationMs: 1, error: null,
          checkpoint: new Uint8Array(100_000).fill(n),
        });
      }
      const pages = () => s.db.pragma('page_count', { simple: true }) as number;
      const before = pages();
      expect(before * 4096).toBeGreaterThan(2_000_000);
      expect(await s.dropCheckpoints(st.id)).toBe(20);
      expect(pages()).toBeLessThan(before / 20);
      expect(s.db.pragma('freelist_count', { simple: true })).toBe(0);
      expect((await s.getTrials(st.id)).map((t) => t.value)).toEqual([...Array(20).keys()]);
    });

    /** What migrations 6, 7 and 8 added, undone: the tail of every simulated older file from version 5 on (its own SQL first). */
    const UNDO_AFTER: Record<number, string> = {
      5: 'ALTER TABLE trials DROP COLUMN fork_of; ALTER TABLE trials DROP COLUMN fork_budget; ',
      6: 'DROP TABLE trial_metric_curves; ',
      7: 'DROP TABLE trial_attrs; ',
    };
    /** SQL that makes a current file look as version `v` left it, for what the migrations after 5 added, and says it is `v`. */
    const asVersion = (v: number): string =>
      `${Object.entries(UNDO_AFTER)
        .filter(([from]) => Number(from) >= Math.max(v, 5))
        .map(([, sql]) => sql)
        .join('')}PRAGMA user_version = ${v}`;

    /**
     * A store with study "quickstart" and one pruned trial, made a version-`v` file and opened again (migrating it), whose
     * schema of the objects named like `like` is the fresh file's; `fresh` is that schema.
     */
    async function migratedFrom(v: number, like: string) {
      const s = openStore();
      const q = await s.createStudy(study());
      await s.importTrials(q.id, [{ number: 0, state: 'pruned', params: { lr: 0.1 }, seed: 0, budget: 3, value: 0.4 }]);
      const schema = (db: SqliteStorage['db']) => db.prepare('SELECT type, name, sql FROM sqlite_master WHERE name LIKE ? ORDER BY name').all(like);
      const fresh = schema(s.db);
      const again = await reopenAs(s, asVersion(v));
      expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(schema(again.db)).toEqual(fresh);
      return { again, q, fresh };
    }

    /** Closes `s`, makes its file what an older rungs wrote (`sql`), and opens it again (migrating it). */
    async function reopenAs(s: SqliteStorage, sql: string): Promise<SqliteStorage> {
      await s.close();
      open.splice(0);
      const d = rawDb();
      d.exec(sql);
      d.close();
      return openStore();
    }

    it('migrates a version-1 database forward in order, keeping its data (v2 adds the state and value indexes)', async () => {
      const s = openStore();
      await s.createStudy(study());
      // Make it a version-1 file: what rungs wrote before migration 2 existed (and before the pareto_front view of v5).
      const again = await reopenAs(s, `DROP VIEW pareto_front; DROP INDEX trials_study_state; DROP INDEX trials_study_value; DROP TABLE id_sequence; ${asVersion(1)}`);
      expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      const indexes = again.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'trials'").pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['trials_study_state', 'trials_study_value']));
      expect((await again.getStudy('quickstart'))?.name).toBe('quickstart');
      const plan = again.db.prepare("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM trials WHERE study_id = 1 AND state = 'failed'").all() as { detail: string }[];
      expect(plan.map((r) => r.detail).join(' ')).toMatch(/trials_study_state/);
    });

    it('never gives a study the id of a deleted one (v3), also in a file made before v3', async () => {
      const s = openStore();
      await s.createStudy(study({ name: 'a' }));
      const b = await s.createStudy(study({ name: 'b' }));
      // A version-2 file: no id_sequence yet; migration 3 seeds it from the studies there (no pareto_front view either).
      const again = await reopenAs(s, `DROP VIEW pareto_front; DROP TABLE id_sequence; ${asVersion(2)}`);
      expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      await again.deleteStudy('b');
      // SQLite alone would give the next study b's id again: a run still holding that id would take it for b.
      const c = await again.createStudy(study({ name: 'c' }));
      expect(c.id).toBe(b.id + 1);
      await again.deleteStudy('c');
      expect((await again.createStudy(study({ name: 'b' }))).id).toBe(b.id + 2);
    });

    it('lets a categorical param be null (v4), also in a file made before v4, keeping its params and view', async () => {
      const s = openStore();
      const q = await s.createStudy(study());
      await s.importTrials(q.id, [
        { number: 0, state: 'complete', params: { lr: 0.1, opt: 'adam', warm: true, n: 3 }, seed: 0, budget: 9, value: 0.4 },
      ]);
      // A version-3 file: trial_params as v1 made it, whose CHECK has no 'null' kind (and no pareto_front view, v5's).
      const old = `
        DROP VIEW ranked_trials; DROP VIEW pareto_front;
        CREATE TABLE tp (trial_id INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE, name TEXT NOT NULL,
          value_num REAL, value_text TEXT, kind TEXT NOT NULL CHECK (kind IN ('float', 'int', 'text', 'bool')),
          PRIMARY KEY (trial_id, name)) WITHOUT ROWID;
        INSERT INTO tp SELECT * FROM trial_params; DROP TABLE trial_params; ALTER TABLE tp RENAME TO trial_params;
        ${asVersion(3)}`;
      await s.close();
      open.splice(0);
      const before = rawDb();
      before.exec(old);
      expect(() => before.prepare("INSERT INTO trial_params VALUES (1, 'x', NULL, NULL, 'null')").run()).toThrow(/CHECK/);
      before.close();
      const again = openStore();
      expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect((await again.getTrial(q.id, 0))?.params).toEqual({ lr: 0.1, opt: 'adam', warm: true, n: 3 });
      await again.claim(q.id, 'h:1:n', 0, () => ({ kind: 'new', number: 1, params: { lr: 0.2, opt: null, warm: false, n: 5 }, seed: 1, target: 9, bracket: 0 }));
      expect((await again.getTrial(q.id, 1))?.params).toEqual({ lr: 0.2, opt: null, warm: false, n: 5 });
      const rows = again.db.prepare("SELECT number, lr, opt, warm FROM ranked_trials WHERE study = 'quickstart' ORDER BY number").all();
      expect(rows).toEqual([
        { number: 0, lr: 0.1, opt: 'adam', warm: 1 },
        { number: 1, lr: 0.2, opt: null, warm: 0 },
      ]);
    });

    it('records forked trials (v6), also in a file made before v6, which ends with the schema of a fresh one', async () => {
      const { again, q } = await migratedFrom(5, 'trials');
      expect((await again.getTrial(q.id, 0))?.forkOf).toBeUndefined();
      const bytes = new Uint8Array([1, 2, 3]);
      const held = await again.claim(q.id, 'h:1:n', 0, () => ({ kind: 'existing', number: 0, target: 3 }));
      await again.finishJob(held.trial!.id, { state: 'pruned', budget: 3, value: 0.4, metrics: {}, curve: [], epochsTrained: 0, durationMs: 1, checkpoint: bytes });
      const fork = await again.claim(q.id, 'h:1:n', 0, () => ({ kind: 'new', number: 1, params: { lr: 0.12 }, seed: 1, target: 6, bracket: 0, fork: { from: 0, budget: 3 } }));
      expect(fork.trial).toMatchObject({ number: 1, budget: 3, target: 6, forkOf: { from: 0, budget: 3 } });
      expect(await again.getCheckpoint(fork.trial!.id)).toEqual(bytes);
      expect((await again.getTrial(q.id, 1))?.forkOf).toEqual({ from: 0, budget: 3 });
    });

    it("records the other metrics' curves (v7), also in a file made before v7, which ends with the schema of a fresh one", async () => {
      const { again, q, fresh } = await migratedFrom(6, 'trial_metric_curves%');
      expect(fresh.length).toBeGreaterThan(0);
      const held = await again.claim(q.id, 'h:1:n', 0, () => ({ kind: 'existing', number: 0, target: 3 }));
      const metricCurves = { train_loss: [{ step: 4, value: 0.3 }] };
      await again.finishJob(held.trial!.id, { state: 'pruned', budget: 4, value: 0.35, metrics: {}, curve: [{ step: 4, value: 0.35 }], metricCurves, epochsTrained: 1, durationMs: 1 });
      expect(await again.getMetricCurves([held.trial!.id])).toEqual([metricCurves]);
    });

    it("records trials' attributes (v8), also in a file made before v8, which ends with the schema of a fresh one", async () => {
      const { again, q, fresh } = await migratedFrom(7, 'trial_attrs%');
      expect(fresh.length).toBeGreaterThan(0);
      expect((await again.getTrial(q.id, 0))?.attrs).toBeUndefined();
      const held = await again.claim(q.id, 'h:1:n', 0, () => ({ kind: 'existing', number: 0, target: 3 }));
      await again.finishJob(held.trial!.id, { state: 'pruned', budget: 3, value: 0.4, metrics: {}, curve: [], epochsTrained: 0, durationMs: 1, attrs: { path: '/m/0' } });
      expect((await again.getTrial(q.id, 0))?.attrs).toEqual({ path: '/m/0' });
      // They go with their study.
      await again.deleteStudy('quickstart');
      expect(again.db.prepare('SELECT COUNT(*) FROM trial_attrs').pluck().get()).toBe(0);
    });

    it('imports a forked trial (PBT) with the trial and budget it is a copy of, as getTrials and exportTrials read it back', async () => {
      const s = openStore();
      const q = await s.createStudy(study());
      await s.importTrials(q.id, [
        { number: 0, state: 'complete', params: { lr: 0.1 }, seed: 0, budget: 6, value: 0.3 },
        { number: 1, state: 'complete', params: { lr: 0.12 }, seed: 1, budget: 6, value: 0.2, forkOf: { from: 0, budget: 3 } },
      ]);
      expect((await s.getTrials(q.id)).map((t) => t.forkOf)).toEqual([undefined, { from: 0, budget: 3 }]);
      expect((await s.exportTrials(q.id)).map((t) => t.forkOf)).toEqual([undefined, { from: 0, budget: 3 }]);
    });

    it('migrates a fresh file to the latest user_version, once', async () => {
      const s = openStore();
      await s.createStudy(study());
      await s.close();
      const d = rawDb(file, { readonly: true });
      expect(d.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(d.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      const tables = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining(['checkpoints', 'param_names', 'studies', 'trial_attrs', 'trial_metric_curves', 'trial_metrics', 'trial_params', 'trial_values', 'trials']),
      );
      d.close();
      // Reopening keeps the data and does not migrate again.
      const again = openStore();
      expect((await again.getStudy('quickstart'))?.name).toBe('quickstart');
    });

    it('opens an existing empty (0-byte) file as a fresh store', async () => {
      writeFileSync(file, '');
      const s = openStore();
      expect((await s.createStudy(study())).name).toBe('quickstart');
    });

    it('refuses a database with a newer schema and leaves it byte-identical', async () => {
      const d = rawDb();
      d.exec('CREATE TABLE studies (id INTEGER PRIMARY KEY, future TEXT); INSERT INTO studies VALUES (1, \'x\')');
      d.pragma('user_version = 99');
      d.close();
      const before = sha1(file);
      const err = await storageErrorOf(() => openSqliteStorage(file));
      expect(err.code).toBe('E_SCHEMA_NEWER');
      expect(err.message).toContain(file);
      expect(err.message).toContain('99');
      expect(sha1(file)).toBe(before);
      // Read-only mode refuses it the same way.
      expect((await storageErrorOf(() => openSqliteStorage(file, { readonly: true }))).code).toBe('E_SCHEMA_NEWER');
      expect(sha1(file)).toBe(before);
    });

    it('refuses a file that is not a SQLite database, naming it, unchanged', async () => {
      writeFileSync(file, 'epoch,loss\n1,0.5\n2,0.25\n'.repeat(200));
      const before = sha1(file);
      const err = await storageErrorOf(() => openSqliteStorage(file));
      expect(err.code).toBe('E_NOT_A_DATABASE');
      expect(err.message).toContain(file);
      expect(sha1(file)).toBe(before);
    });

    it('refuses a SQLite database of another program, unchanged', async () => {
      const d = rawDb();
      d.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)');
      d.close();
      const before = sha1(file);
      const err = await storageErrorOf(() => openSqliteStorage(file));
      expect(err.code).toBe('E_FOREIGN_DATABASE');
      expect(err.message).toContain('users');
      expect(sha1(file)).toBe(before);
    });

    it('reports a missing directory clearly', async () => {
      const err = await storageErrorOf(() => openSqliteStorage(join(dir, 'no', 'such', 'dir.db')));
      expect(err.code).toBe('E_CANNOT_OPEN');
      expect(err.message).toContain(join(dir, 'no', 'such', 'dir.db'));
    });

    it('fails with E_CLOSED after close', async () => {
      const s = openStore();
      await s.close();
      await s.close();
      expect((await storageErrorOf(() => s.listStudies())).code).toBe('E_CLOSED');
    });
  });

  describe('read-only', () => {
    async function makeStore(): Promise<void> {
      const s = openSqliteStorage(file);
      const st = await s.createStudy(study());
      await s.importTrials(st.id, [{ number: 0, state: 'complete', params: { lr: 0.1 }, seed: 1, budget: 3, value: 0.5 }]);
      await s.close();
    }

    it('readonly: true reads, refuses writes with E_READONLY, and changes nothing', async () => {
      await makeStore();
      const before = sha1(file);
      const s = openStore(file, { readonly: true });
      const st = (await s.getStudy('quickstart'))!;
      expect((await s.best(st.id, 1)).map((t) => t.value)).toEqual([0.5]);
      expect((await storageErrorOf(() => s.createStudy(study({ name: 'b' })))).code).toBe('E_READONLY');
      const claim = await storageErrorOf(() =>
        s.claim(st.id, 'h:1:n', 0, () => ({ kind: 'new', number: 1, params: {}, seed: 1, target: 1, bracket: 0 })),
      );
      expect(claim.code).toBe('E_READONLY');
      expect(claim.message).toContain(file);
      await s.close();
      expect(sha1(file)).toBe(before);
    });

    it('readonly: true on a missing file or a file without the schema is refused', async () => {
      expect((await storageErrorOf(() => openSqliteStorage(join(dir, 'missing.db'), { readonly: true }))).code).toBe(
        'E_CANNOT_OPEN',
      );
      writeFileSync(file, '');
      expect((await storageErrorOf(() => openSqliteStorage(file, { readonly: true }))).code).toBe('E_READONLY');
    });

    // chmod does not stop root from writing. When the suite runs as root the
    // write is tried in a child process as the unprivileged user `nobody`
    // (uid 65534); otherwise in this process.
    async function tryWrite(): Promise<{ ok: boolean; code?: string; message?: string }> {
      if (process.getuid?.() === 0) {
        const r = spawnSync(process.execPath, ['--import', 'tsx', fixture('try-write.ts'), file], {
          cwd: repoRoot,
          uid: 65534,
          gid: 65534,
          encoding: 'utf8',
        });
        expect(r.stderr).toBe('');
        return JSON.parse(r.stdout) as { ok: boolean; code?: string; message?: string };
      }
      try {
        const s = openStore(file);
        await s.createStudy(study({ name: 'intruder' }));
        return { ok: true };
      } catch (err) {
        return { ok: false, code: (err as StorageError).code, message: (err as Error).message };
      }
    }

    it('a write-protected file (chmod 0444) gives E_READONLY and stays unchanged', async () => {
      await makeStore();
      chmodSync(file, 0o444);
      chmodSync(dir, 0o555);
      const before = sha1(file);
      try {
        const result = await tryWrite();
        expect(result).toMatchObject({ ok: false, code: 'E_READONLY' });
        expect(result.message).toContain(file);
        expect(sha1(file)).toBe(before);
      } finally {
        chmodSync(dir, 0o755);
      }
    });

    it('a writable file in a read-only directory (no room for -wal/-shm) gives E_READONLY', async () => {
      await makeStore();
      chmodSync(file, 0o666);
      chmodSync(dir, 0o555);
      const before = sha1(file);
      try {
        const result = await tryWrite();
        expect(result).toMatchObject({ ok: false, code: 'E_READONLY' });
        expect(sha1(file)).toBe(before);
      } finally {
        chmodSync(dir, 0o755);
      }
    });
  });

  describe('locks', () => {
    it('gives E_LOCKED on open when another connection holds an exclusive lock', async () => {
      const holder = rawDb();
      holder.exec('CREATE TABLE IF NOT EXISTS studies (id INTEGER PRIMARY KEY)'); // rollback-journal mode
      holder.exec('DROP TABLE studies');
      holder.exec('BEGIN EXCLUSIVE');
      const t0 = Date.now();
      const err = await storageErrorOf(() => openSqliteStorage(file, { busyTimeoutMs: 150 }));
      expect(err.code).toBe('E_LOCKED');
      expect(err.message).toContain(file);
      expect(err.message).toContain('150 ms');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
      holder.exec('ROLLBACK');
      expect(() => openStore(file)).not.toThrow();
    });

    it('gives E_LOCKED on a write while another connection holds the write lock (WAL)', async () => {
      const s = openStore(file, { busyTimeoutMs: 100 });
      const st = await s.createStudy(study());
      const holder = rawDb();
      holder.exec('BEGIN EXCLUSIVE');
      expect((await storageErrorOf(() => s.createStudy(study({ name: 'second' })))).code).toBe('E_LOCKED');
      const claim = await storageErrorOf(() =>
        s.claim(st.id, 'h:1:n', 0, () => ({ kind: 'new', number: 0, params: {}, seed: 1, target: 1, bracket: 0 })),
      );
      expect(claim.code).toBe('E_LOCKED');
      // Readers are not blocked in WAL mode.
      expect((await s.getStudy('quickstart'))?.id).toBe(st.id);
      holder.exec('COMMIT');
      expect((await s.createStudy(study({ name: 'second' }))).name).toBe('second');
      expect(await s.getTrials(st.id)).toEqual([]);
    });
  });

  describe('ranked_trials view', () => {
    it('has one column per param and ranks like best()', async () => {
      const s = openStore();
      const q = await s.createStudy(study());
      const m = await s.createStudy(study({ name: 'maxi', direction: 'maximize', metric: 'acc' }));
      const trials: ImportTrial[] = [
        { number: 0, state: 'complete', params: { lr: 0.1, opt: 'adam', warm: true }, seed: 0, budget: 9, value: 0.4 },
        { number: 1, state: 'complete', params: { lr: 0.2, opt: 'sgd', warm: false }, seed: 1, budget: 9, value: 0.2 },
        { number: 2, state: 'pruned', params: { lr: 0.3, opt: 'sgd', warm: false }, seed: 2, budget: 3, value: 0.1 },
        { number: 3, state: 'failed', params: { lr: 9, opt: 'adam', warm: true }, seed: 3, budget: 1, value: null, error: 'diverged' },
      ];
      await s.importTrials(q.id, trials);
      // Live claims add params too (and a name that needs quoting, one that collides with a fixed column).
      await s.claim(q.id, 'h:1:n', 0, () => ({
        kind: 'new', number: 4, params: { lr: 0.5, opt: 'adam', warm: true, 'we"ird\'name': 3 }, seed: 4, target: 9, bracket: 0,
      }));
      await s.importTrials(m.id, [
        { number: 0, state: 'complete', params: { momentum: 0.9, value: 1 }, seed: 0, budget: 5, value: 0.7 },
        { number: 1, state: 'complete', params: { momentum: 0.5, value: 2 }, seed: 1, budget: 5, value: 0.8 },
      ]);
      const rows = s.db.prepare("SELECT * FROM ranked_trials WHERE study = 'quickstart' LIMIT 5").all() as Array<
        Record<string, unknown>
      >;
      expect(Object.keys(rows[0]!)).toEqual([
        'study', 'rank', 'number', 'state', 'value', 'budget', 'lr', 'momentum', 'opt', 'param_value', 'warm', 'we"ird\'name',
      ]);
      expect(rows.map((r) => [r.rank, r.number, r.state, r.value, r.budget, r.lr, r.opt, r.warm])).toEqual([
        [1, 1, 'complete', 0.2, 9, 0.2, 'sgd', 0],
        [2, 0, 'complete', 0.4, 9, 0.1, 'adam', 1],
        [3, 2, 'pruned', 0.1, 3, 0.3, 'sgd', 0],
        [null, 3, 'failed', null, 1, 9, 'adam', 1],
        [null, 4, 'running', null, 0, 0.5, 'adam', 1],
      ]);
      expect(rows[4]!['we"ird\'name']).toBe(3);
      expect(rows[0]!.momentum).toBeNull();
      const maxi = s.db.prepare("SELECT \"rank\", number, momentum, param_value FROM ranked_trials WHERE study = 'maxi'").all();
      expect(maxi).toEqual([
        { rank: 1, number: 1, momentum: 0.5, param_value: 2 },
        { rank: 2, number: 0, momentum: 0.9, param_value: 1 },
      ]);
      // Deleting a study drops the columns only its trials used.
      await s.deleteStudy('maxi');
      const cols = (s.db.prepare('SELECT * FROM ranked_trials LIMIT 1').columns() as Array<{ name: string }>).map((c) => c.name);
      expect(cols).not.toContain('momentum');
      expect(cols).toContain('lr');
    });

    it('exists (without param columns) in a fresh store', () => {
      const s = openStore();
      const cols = (s.db.prepare('SELECT * FROM ranked_trials').columns() as Array<{ name: string }>).map((c) => c.name);
      expect(cols).toEqual(['study', 'rank', 'number', 'state', 'value', 'budget']);
    });
  });

  describe('bulk and scale', () => {
    it('importTrials writes nothing when a number is taken', async () => {
      const s = openStore();
      const st = await s.createStudy(study());
      await s.importTrials(st.id, [{ number: 0, state: 'complete', params: { a: 1 }, seed: 0, budget: 1, value: 1 }]);
      const err = await storageErrorOf(() =>
        s.importTrials(st.id, [
          { number: 1, state: 'complete', params: { a: 1 }, seed: 0, budget: 1, value: 1 },
          { number: 0, state: 'complete', params: { a: 1 }, seed: 0, budget: 1, value: 1 },
        ]),
      );
      expect(err.message).toContain('UNIQUE');
      expect((await s.getTrials(st.id)).map((t) => t.number)).toEqual([0]);
    });

    it('answers best(k=10) on 100,000 trials through the index', { timeout: 120_000 }, async () => {
      const s = openStore();
      const min = await s.createStudy(study({ name: 'big-min' }));
      const max = await s.createStudy(study({ name: 'big-max', direction: 'maximize' }));
      const budgets = [1, 3, 9, 27];
      const trials: ImportTrial[] = [];
      let x = 12345;
      const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let n = 0; n < 100_000; n++) {
        const budget = budgets[n % 4]!;
        const state = n % 97 === 0 ? 'failed' : budget === 27 ? 'complete' : 'pruned';
        const value = state === 'failed' ? null : Math.round(rand() * 1e4) / 1e4;
        trials.push({
          number: n,
          state,
          params: { lr: rand(), layers: 1 + (n % 4), opt: n % 2 ? 'adam' : 'sgd' },
          seed: n,
          budget,
          value,
          metrics: { val_loss: value ?? NaN },
        });
      }
      let t0 = performance.now();
      await s.importTrials(min.id, trials);
      console.log(`importTrials: 100,000 trials in ${(performance.now() - t0).toFixed(0)} ms`);
      await s.importTrials(max.id, trials.slice(0, 1000));

      const ranked = trials.filter((t) => t.value !== null && t.state !== 'failed');
      const expectedMin = [...ranked]
        .sort((a, b) => b.budget - a.budget || a.value! - b.value! || a.number - b.number)
        .slice(0, 10)
        .map((t) => t.number);
      t0 = performance.now();
      const best = await s.best(min.id, 10);
      const ms = performance.now() - t0;
      console.log(`best(k=10) over 100,000 trials: ${ms.toFixed(2)} ms`);
      expect(best.map((t) => t.number)).toEqual(expectedMin);
      expect(best[0]!.params).toEqual(trials[best[0]!.number]!.params);
      expect(best[0]!.metrics).toEqual({ val_loss: best[0]!.value });
      expect([...best[0]!.rungValues]).toEqual([[27, best[0]!.value]]);

      const plan = (sql: string) =>
        (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(min.id) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
      const bestPlan = plan(
        "SELECT * FROM trials t WHERE t.study_id = ? AND t.state IN ('complete', 'pruned') AND t.score IS NOT NULL " +
          'ORDER BY t.budget DESC, t.score ASC, t.number ASC LIMIT 10',
      );
      expect(bestPlan).toContain('trials_best');
      expect(bestPlan).not.toContain('TEMP B-TREE');

      const expectedMax = trials
        .slice(0, 1000)
        .filter((t) => t.value !== null && t.state !== 'failed')
        .sort((a, b) => b.budget - a.budget || b.value! - a.value! || a.number - b.number)
        .slice(0, 10)
        .map((t) => t.number);
      expect((await s.best(max.id, 10)).map((t) => t.number)).toEqual(expectedMax);

      t0 = performance.now();
      const summary = (await s.listStudies()).find((x) => x.name === 'big-min')!;
      console.log(`listStudies with 101,000 trials: ${(performance.now() - t0).toFixed(1)} ms`);
      expect(summary.counts.failed).toBe(trials.filter((t) => t.state === 'failed').length);
      expect(summary.bestValue).toBe(best[0]!.value);

      t0 = performance.now();
      const all = await s.getTrials(min.id);
      console.log(`getTrials of 100,000 trials: ${(performance.now() - t0).toFixed(0)} ms`);
      expect(all).toHaveLength(100_000);
      expect(all[4242]!.params).toEqual(trials[4242]!.params);
    });
  });

  describe('several processes', () => {
    it('survives 4 processes opening a fresh file at once', { timeout: 60_000 }, async () => {
      const startAt = String(Date.now() + 1500);
      const results = await Promise.all(
        [0, 1, 2, 3].map((i) => runFixture('open-store.ts', [file, startAt, `child-${i}`])),
      );
      for (const r of results) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
      }
      const s = openStore();
      expect((await s.listStudies()).map((x) => x.name).sort()).toEqual(['child-0', 'child-1', 'child-2', 'child-3']);
      expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    });

    it('two processes claiming 200 new trials each get 0..399 exactly once', { timeout: 60_000 }, async () => {
      const s = openStore();
      const st = await s.createStudy(study({ name: 'shared' }));
      const startAt = String(Date.now() + 1500);
      const results = await Promise.all(
        ['host:1:a', 'host:2:b'].map((owner) => runFixture('claim-many.ts', [file, 'shared', '200', owner, startAt])),
      );
      const numbers: number[] = [];
      for (const r of results) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const mine = JSON.parse(r.stdout) as number[];
        expect(mine).toHaveLength(200);
        numbers.push(...mine);
      }
      expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i));
      const trials = await s.getTrials(st.id);
      expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 400 }, (_, i) => i));
      expect(new Set(trials.map((t) => t.rev)).size).toBe(trials.length);
      expect(trials.filter((t) => t.state === 'complete')).toHaveLength(200);
    });
  });
});
