/**
 * The SQLite implementation of the Storage contract (better-sqlite3, WAL,
 * synchronous = NORMAL, foreign keys on). One connection per instance, used
 * by the main thread of a process; several processes may share the file.
 * Every write is one transaction; writes that must see a consistent study
 * (claim, requeue, release) run under BEGIN IMMEDIATE. Every method is async
 * per the contract although the work is synchronous.
 *
 * @example
 * const storage = openSqliteStorage('rungs.db');
 * const study = await storage.createStudy({ name: 'quickstart', direction: 'minimize', metric: 'val_loss', seed: 1, definition: {} });
 */
import type { Database, Statement } from 'better-sqlite3';
import { StorageError, StudyExistsError } from '../errors.js';
import type { MetricCurves, StepValue } from '../pool/protocol.js';
import type { Params } from '../search/space.js';
import type { Direction, TrialState } from '../search/strategy.js';
import type {
  ClaimRequest,
  ClaimResult,
  ExportRow,
  JobOutcome,
  NewStudy,
  Storage,
  StudyRow,
  StudySummary,
  TrialFilter,
  TrialRow,
} from './storage.js';
import { exportTrials, prepareExport } from './export-trials.js';
import { importTrials, type ImportTrial } from './import-trials.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase, type OpenOptions } from './open-database.js';
import { refreshRankedTrialsView } from './ranked-trials-view.js';
import { decodeReal, decodeRealStrict, encodeReal, scoreOf } from './real-codec.js';
import { prepareStatements, type Statements } from './sqlite-statements.js';
import { sqliteErrorCode, toStorageError } from './sqlite-errors.js';
import { TrialLoader } from './trial-loader.js';
import { decodeStudy, decodeTrial, encodeParam, type StudyRecord, type TrialRecord } from './trial-rows.js';

export type SqliteStorageOptions = OpenOptions;

const FINAL_STATES: ReadonlySet<string> = new Set(['complete', 'pruned', 'failed']);

function emptyCounts(): Record<TrialState, number> {
  return { queued: 0, running: 0, complete: 0, pruned: 0, failed: 0 };
}

/** A row of SQL.curvesOfIds (a raw statement): trial_id, step, value, value_special. */
type CurveRow = [number, number, number | null, string | null];
/** A row of SQL.metricCurvesOfIds (raw): trial_id, name, step, value, value_special. */
type MetricCurveRow = [number, string, number, number | null, string | null];

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class SqliteStorage implements Storage {
  readonly location: string;
  /** The better-sqlite3 connection. For tests and tools inside src/storage; not part of the contract. */
  readonly db: Database;
  private readonly busyTimeoutMs: number;
  private readonly stmts: Statements;
  private readonly loader: TrialLoader;
  private readonly exportStmt: Statement;
  /** The hot-path transactions, wrapped once (better-sqlite3 builds a wrapper per transaction() call). */
  private readonly claimTx;
  private readonly finishTx;

  constructor(db: Database, location: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS) {
    this.db = db;
    this.location = location;
    this.busyTimeoutMs = busyTimeoutMs;
    this.stmts = prepareStatements(db);
    this.loader = new TrialLoader(db, this.stmts);
    this.exportStmt = prepareExport(db);
    this.claimTx = db.transaction(
      (
        studyId: number,
        owner: string,
        sinceRev: number,
        decide: (changed: readonly TrialRow[]) => ClaimRequest | readonly ClaimRequest[] | null,
        known?: (number: number, rev: number) => boolean,
      ) => this.claimInTransaction(studyId, owner, sinceRev, decide, known),
    );
    this.finishTx = db.transaction((items: readonly { trialId: number; outcome: JobOutcome }[], owner: string | undefined) =>
      items.map(({ trialId, outcome }) => this.finishInTransaction(trialId, outcome, owner)),
    );
  }

  /** Runs `fn`, mapping SQLite errors to StorageErrors (other errors pass through). */
  private guard<T>(action: string, fn: () => T): Promise<T> {
    if (!this.db.open) {
      return Promise.reject(new StorageError(`cannot ${action}: storage ${this.location} is closed`, 'E_CLOSED'));
    }
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(
        toStorageError(err, { location: this.location, action, busyTimeoutMs: this.busyTimeoutMs }),
      );
    }
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  // ---------------------------------------------------------------- studies

  createStudy(input: NewStudy): Promise<StudyRow> {
    return this.guard(`create study "${input.name}"`, () => {
      const now = Date.now();
      const insert = () => {
        const { last: id } = this.stmts.nextStudyId.get() as { last: number };
        const definition = JSON.stringify(input.definition ?? null);
        return this.stmts.insertStudy.get(id, input.name, input.direction, input.metric, input.seed, definition, JSON.stringify(input.attrs ?? {}), now, now) as StudyRecord;
      };
      try {
        return decodeStudy(this.db.transaction(insert).immediate());
      } catch (err) {
        if (sqliteErrorCode(err) === 'SQLITE_CONSTRAINT_UNIQUE') throw new StudyExistsError(input.name);
        throw err;
      }
    });
  }

  getStudy(name: string): Promise<StudyRow | undefined> {
    return this.guard(`read study "${name}"`, () => {
      const rec = this.stmts.studyByName.get(name) as StudyRecord | undefined;
      return rec ? decodeStudy(rec) : undefined;
    });
  }

  setStudyDefinition(studyId: number, definition: unknown, expected: unknown): Promise<boolean> {
    return this.guard('update the study definition', () =>
      this.db
        .transaction(() => {
          const changed = this.stmts.setDefinition.run(JSON.stringify(definition), Date.now(), studyId, JSON.stringify(expected ?? null)).changes;
          if (changed === 0 && this.stmts.studyExists.get(studyId) === undefined) throw noSuchStudy(studyId);
          return changed > 0;
        })
        .immediate(),
    );
  }

  setStudyAttrs(studyId: number, attrs: Record<string, unknown>): Promise<void> {
    return this.guard('set study attributes', () => {
      this.db
        .transaction(() => {
          const rec = this.stmts.studyById.get(studyId) as StudyRecord | undefined;
          if (!rec) throw noSuchStudy(studyId);
          const merged = { ...(JSON.parse(rec.attrs) as Record<string, unknown>), ...attrs };
          this.stmts.setAttrs.run(JSON.stringify(merged), Date.now(), studyId);
        })
        .immediate();
    });
  }

  listStudies(): Promise<StudySummary[]> {
    return this.guard('list studies', () =>
      this.db.transaction(() => {
        const studies = this.stmts.allStudies.all() as StudyRecord[];
        const counts = new Map<number, Record<TrialState, number>>();
        for (const c of this.stmts.countsByState.all() as Array<{ study_id: number; state: TrialState; n: number }>) {
          let byState = counts.get(c.study_id);
          if (!byState) counts.set(c.study_id, (byState = emptyCounts()));
          byState[c.state] = c.n;
        }
        return studies.map((s): StudySummary => {
          const best = this.stmts.best.get(s.id, 1) as
            | TrialRecord
            | undefined;
          return {
            name: s.name,
            direction: s.direction,
            metric: s.metric,
            createdAt: s.created_at,
            updatedAt: s.updated_at,
            counts: counts.get(s.id) ?? emptyCounts(),
            bestValue: best ? decodeReal(best.value, best.value_special) : null,
          };
        });
      })(),
    );
  }

  deleteStudy(name: string): Promise<boolean> {
    return this.guard(`delete study "${name}"`, () =>
      this.db
        .transaction(() => {
          if (this.stmts.deleteStudy.run(name).changes === 0) return false;
          if (this.stmts.pruneParamNames.run().changes > 0) refreshRankedTrialsView(this.db);
          return true;
        })
        .immediate(),
    );
  }

  // ----------------------------------------------------------------- trials

  getTrials(studyId: number, filter?: TrialFilter): Promise<TrialRow[]> {
    return this.guard('read trials', () => this.db.transaction(() => this.loader.byFilter(studyId, filter))());
  }

  getTrial(studyId: number, number: number): Promise<TrialRow | undefined> {
    return this.guard(`read trial ${number}`, () => this.db.transaction(() => this.loader.one(studyId, number))());
  }

  getCurve(trialId: number): Promise<StepValue[]> {
    return this.guard('read a learning curve', () =>
      (this.stmts.curve.all(trialId) as Array<{ step: number; value: number | null; value_special: string | null }>).map(
        (r) => ({ step: r.step, value: decodeRealStrict(r.value, r.value_special) }),
      ),
    );
  }

  getCurves(trialIds: readonly number[]): Promise<StepValue[][]> {
    return this.guard('read learning curves', () => {
      const curves = new Map(trialIds.map((id) => [id, [] as StepValue[]]));
      // Rows come by trial: look a trial's list up once, not once per point.
      let id: number | undefined;
      let curve: StepValue[] = [];
      for (const row of this.stmts.curvesOfIds.all(JSON.stringify(trialIds)) as CurveRow[]) {
        if (row[0] !== id) curve = curves.get((id = row[0]))!;
        curve.push({ step: row[1], value: decodeRealStrict(row[2], row[3]) });
      }
      return trialIds.map((i) => curves.get(i)!);
    });
  }

  getMetricCurves(trialIds: readonly number[]): Promise<MetricCurves[]> {
    return this.guard("read metrics' curves", () => {
      const curves = new Map(trialIds.map((id) => [id, {} as MetricCurves]));
      for (const [id, name, step, value, special] of this.stmts.metricCurvesOfIds.all(JSON.stringify(trialIds)) as MetricCurveRow[]) {
        const of = curves.get(id)!;
        (of[name] ??= []).push({ step, value: decodeRealStrict(value, special) });
      }
      return trialIds.map((i) => curves.get(i)!);
    });
  }

  getCheckpoint(trialId: number): Promise<Uint8Array | undefined> {
    return this.guard('read a checkpoint', () => {
      const row = this.stmts.checkpoint.get(trialId) as { bytes: Buffer } | undefined;
      return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : undefined;
    });
  }

  dropCheckpoints(studyId: number): Promise<number> {
    return this.guard(`delete the checkpoints of study ${studyId}`, () => {
      const n = this.stmts.dropCheckpoints.run(studyId).changes;
      // Stores created with auto_vacuum = INCREMENTAL shrink; older ones keep the pages for reuse.
      if (n > 0) this.db.pragma('incremental_vacuum');
      return n;
    });
  }

  claim(
    studyId: number,
    owner: string,
    sinceRev: number,
    decide: (changed: readonly TrialRow[]) => ClaimRequest | readonly ClaimRequest[] | null,
    known?: (number: number, rev: number) => boolean,
  ): Promise<ClaimResult> {
    return this.guard('claim a trial', () =>
      this.claimTx.immediate(studyId, owner, sinceRev, decide, known),
    );
  }

  private claimInTransaction(
    studyId: number,
    owner: string,
    sinceRev: number,
    decide: (changed: readonly TrialRow[]) => ClaimRequest | readonly ClaimRequest[] | null,
    known?: (number: number, rev: number) => boolean,
  ): ClaimResult {
    const changed = this.loader.changedSince(studyId, sinceRev, known);
    if (changed.length === 0 && this.stmts.studyRev.get(studyId) === undefined) throw noSuchStudy(studyId);
    const decided = decide(changed);
    const requests: readonly ClaimRequest[] = decided === null ? [] : Array.isArray(decided) ? decided : [decided as ClaimRequest];
    if (requests.length === 0) {
      const current = this.stmts.studyRev.get(studyId) as number | undefined;
      if (current === undefined) throw noSuchStudy(studyId);
      return { trial: null, trials: [], changed, rev: current };
    }
    const now = Date.now();
    const rev = this.stmts.bumpRev.get(now, studyId) as number | undefined;
    if (rev === undefined) throw noSuchStudy(studyId);
    const trials = requests.map((req) => this.claimOne(studyId, owner, rev, now, req));
    return { trial: trials[0] ?? null, trials, changed, rev };
  }

  private claimOne(studyId: number, owner: string, rev: number, now: number, req: ClaimRequest): TrialRow {
    if (req.kind === 'new') return this.insertClaimed(studyId, owner, rev, now, req);
    const rec = this.stmts.trialByNumber.get(studyId, req.number) as TrialRecord | undefined;
    if (!rec) throw new StorageError(`cannot claim trial ${req.number} of study ${studyId}: no such trial`, 'E_NO_SUCH_TRIAL');
    if (rec.state === 'running') {
      throw new StorageError(
        `cannot claim trial ${req.number} of study ${studyId}: it is running, held by ${rec.owner ?? 'nobody'}`,
        'E_TRIAL_HELD',
      );
    }
    this.stmts.claimExisting.run(req.target, owner, now, now, rev, rec.id);
    return this.loader.one(studyId, req.number)!;
  }

  private insertClaimed(
    studyId: number,
    owner: string,
    rev: number,
    now: number,
    req: Extract<ClaimRequest, { kind: 'new' }>,
  ): TrialRow {
    let donor: TrialRecord | undefined;
    if (req.fork) {
      donor = this.stmts.trialByNumber.get(studyId, req.fork.from) as TrialRecord | undefined;
      // Its checkpoint is at its budget: a donor that moved on (or never got there) would give the wrong epoch's weights.
      if (!donor || donor.budget !== req.fork.budget) {
        const got = donor ? `it is at budget ${donor.budget}` : 'there is no such trial';
        throw new StorageError(`cannot create trial ${req.number} of study ${studyId} as a copy of trial ${req.fork.from} at budget ${req.fork.budget}: ${got}`, 'E_FORK');
      }
    }
    const budget = req.fork?.budget ?? 0;
    let id: number;
    try {
      id = this.stmts.insertTrial.get(studyId, req.number, req.seed, budget, req.target, req.bracket, now, owner, now, rev, req.fork?.from ?? null, req.fork?.budget ?? null) as number;
    } catch (err) {
      if (sqliteErrorCode(err) === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new StorageError(
          `cannot create trial ${req.number} of study ${studyId}: that number is already taken`,
          'E_TRIAL_EXISTS',
        );
      }
      throw err;
    }
    if (this.insertParams(id, req.params)) refreshRankedTrialsView(this.db);
    if (donor) this.stmts.copyCheckpoint.run(id, donor.id);
    const rec: TrialRecord = {
      id,
      study_id: studyId,
      number: req.number,
      state: 'running',
      seed: req.seed,
      budget,
      target: req.target,
      bracket: req.bracket,
      value: null,
      value_special: null,
      epochs_trained: 0,
      duration_ms: 0,
      error: null,
      started_at: now,
      finished_at: null,
      owner,
      heartbeat_at: now,
      rev,
      fork_of: req.fork?.from ?? null,
      fork_budget: req.fork?.budget ?? null,
    };
    return decodeTrial(rec, { ...req.params });
  }

  /** Writes a trial's params; true when a param name is new to the database (the view needs regenerating). */
  private insertParams(trialId: number, params: Params): boolean {
    const entries = Object.entries(params);
    if (entries.length === 0) return false;
    if (entries.every(([, v]) => typeof v !== 'number' || Number.isFinite(v))) {
      // The common case in two statements instead of two per param.
      const json = JSON.stringify(params);
      this.stmts.insertParamsJson.run(trialId, json);
      return this.stmts.registerParamNamesJson.run(json).changes > 0;
    }
    let newNames = false;
    for (const [name, value] of entries) {
      const p = encodeParam(value);
      this.stmts.insertParam.run(trialId, name, p.value_num, p.value_text, p.kind);
      if (this.stmts.registerParamName.run(name).changes > 0) newNames = true;
    }
    return newNames;
  }

  async finishJob(trialId: number, outcome: JobOutcome): Promise<void> {
    await this.finishJobs([{ trialId, outcome }]);
  }

  finishJobs(items: readonly { trialId: number; outcome: JobOutcome }[], owner?: string): Promise<number[]> {
    return this.guard(`record the end of ${items.length === 1 ? `a job of trial id ${items[0]!.trialId}` : `${items.length} jobs`}`, () => {
      for (const { outcome } of items) {
        if (!FINAL_STATES.has(outcome.state)) {
          throw new StorageError(
            `cannot finish a job in state "${String(outcome.state)}": expected complete, pruned or failed`,
            'E_BAD_OUTCOME',
          );
        }
      }
      if (items.length === 0) return [];
      return this.finishTx.immediate(items, owner);
    });
  }

  private finishInTransaction(trialId: number, o: JobOutcome, owner: string | undefined): number {
    const s = this.stmts;
    if (owner !== undefined) {
      const held = s.trialHolder.get(trialId) as { number: number; owner: string | null } | undefined;
      if (held && held.owner !== owner) {
        throw new StorageError(
          `cannot record the job of trial ${held.number}: it is no longer held by this process (held by ${held.owner ?? 'nobody'}; it was requeued, or its study replaced)`,
          'E_TRIAL_NOT_HELD',
        );
      }
    }
    const now = Date.now();
    const study = s.bumpRevOfTrial.get(now, trialId) as { rev: number; direction: Direction } | undefined;
    if (study === undefined) throw new StorageError(`no trial with id ${trialId}`, 'E_NO_SUCH_TRIAL');
    const rev = study.rev;
    const v = encodeReal(o.value);
    const score = scoreOf(o.value, study.direction);
    s.finishTrial.run(o.state, o.budget, v.value, v.special, score, o.startedAt === undefined ? null : Math.round(o.startedAt), o.epochsTrained, o.durationMs, o.error ?? null, now, rev, trialId);
    s.deleteMetrics.run(trialId);
    for (const [name, value] of Object.entries(o.metrics)) {
      const m = encodeReal(value);
      s.insertMetric.run(trialId, name, m.value, m.special);
    }
    for (const point of o.curve) {
      const c = encodeReal(point.value);
      s.upsertCurve.run(trialId, point.step, c.value, c.special);
    }
    if (o.metricCurves) this.upsertMetricCurves(trialId, o.metricCurves);
    if (o.attrs) {
      const pairs = Object.entries(o.attrs).map(([name, value]) => {
        const json = JSON.stringify(value) as string | undefined;
        if (json === undefined) throw new StorageError(`cannot record attribute "${name}": ${typeof value} is not a JSON value`, 'E_BAD_OUTCOME');
        return [name, json];
      });
      if (pairs.length > 0) s.upsertAttrsJson.run(trialId, JSON.stringify(pairs));
    }
    // The rung value: the trial's value at the budget this job reached. It
    // overwrites a curve point at the same step (the runner sends them equal).
    // A failed job leaves no rung value.
    if (o.state !== 'failed' && o.value !== null) s.upsertRung.run(trialId, o.budget, v.value, v.special);
    if (o.checkpoint === null) s.deleteCheckpoint.run(trialId);
    else if (o.checkpoint !== undefined) s.upsertCheckpoint.run(trialId, toBuffer(o.checkpoint));
    return rev;
  }

  /** A job's other metrics' points: one statement for them all when every value is finite (the common case), else one per point. */
  private upsertMetricCurves(trialId: number, curves: MetricCurves): void {
    const rows: Array<[string, number, number]> = [];
    let finite = true;
    for (const [name, points] of Object.entries(curves)) {
      for (const p of points) {
        rows.push([name, p.step, p.value]);
        finite &&= Number.isFinite(p.value) && Number.isFinite(p.step);
      }
    }
    if (rows.length === 0) return;
    if (finite) {
      this.stmts.upsertMetricCurvesJson.run(trialId, JSON.stringify(rows));
      return;
    }
    for (const [name, step, value] of rows) {
      const c = encodeReal(value);
      this.stmts.upsertMetricCurve.run(trialId, name, step, c.value, c.special);
    }
  }

  heartbeat(owner: string): Promise<void> {
    return this.guard('record a heartbeat', () => {
      this.stmts.heartbeat.run(Date.now(), owner);
    });
  }

  requeueOrphans(studyId: number, staleMs: number, isAlive: (owner: string) => boolean): Promise<number[]> {
    return this.guard('requeue orphaned trials', () => {
      // Liveness is decided outside the write lock (isAlive may be slow); the
      // update then only touches trials still running as they were seen.
      const running = this.stmts.runningOfStudy.all(studyId) as Array<{
        id: number;
        number: number;
        owner: string | null;
        heartbeat_at: number | null;
      }>;
      if (running.length === 0) return [];
      const now = Date.now();
      const alive = new Map<string, boolean>();
      const orphans = running.filter((t) => {
        if (t.owner === null || t.heartbeat_at === null || now - t.heartbeat_at > staleMs) return true;
        let a = alive.get(t.owner);
        if (a === undefined) alive.set(t.owner, (a = isAlive(t.owner)));
        return !a;
      });
      if (orphans.length === 0) return [];
      return this.db
        .transaction(() => {
          const rev = this.stmts.bumpRev.get(Date.now(), studyId) as number | undefined;
          if (rev === undefined) return [];
          const done: number[] = [];
          for (const t of orphans) {
            if (this.stmts.requeue.run(rev, t.id, t.owner, t.heartbeat_at).changes > 0) done.push(t.number);
          }
          return done.sort((a, b) => a - b);
        })
        .immediate();
    });
  }

  releaseOwner(owner: string, reason: string): Promise<number> {
    return this.guard(`release the trials of ${owner}`, () =>
      this.db
        .transaction(() => {
          let released = 0;
          const now = Date.now();
          for (const studyId of this.stmts.studiesOfOwner.all(owner) as number[]) {
            const rev = this.stmts.bumpRev.get(now, studyId) as number;
            released += this.stmts.releaseOwner.run(reason, rev, studyId, owner).changes;
          }
          return released;
        })
        .immediate(),
    );
  }

  best(studyId: number, k: number): Promise<TrialRow[]> {
    return this.guard('rank trials', () =>
      this.db.transaction(() => {
        if (k <= 0) return [];
        return this.loader.withDetails(this.stmts.best.all(studyId, Math.floor(k)) as TrialRecord[]);
      })(),
    );
  }

  exportTrials(studyId: number): Promise<ExportRow[]> {
    return this.guard('export trials', () => exportTrials(this.exportStmt, studyId));
  }

  /** Bulk-writes finished trials in one transaction (tests, benchmarks, copying stores). Not in the contract. */
  importTrials(studyId: number, trials: readonly ImportTrial[]): Promise<number> {
    return this.guard('import trials', () =>
      importTrials(this.db, this.stmts, studyId, trials, () => refreshRankedTrialsView(this.db)),
    );
  }
}

function noSuchStudy(studyId: number): StorageError {
  return new StorageError(`no study with id ${studyId}`, 'E_NO_SUCH_STUDY');
}

/**
 * Opens (creating and migrating when needed) the SQLite store at `path`.
 * Throws StorageError: E_NOT_A_DATABASE, E_SCHEMA_NEWER, E_FOREIGN_DATABASE,
 * E_READONLY, E_LOCKED, E_CANNOT_OPEN — never altering a file it refuses.
 */
export function openSqliteStorage(path: string, opts: SqliteStorageOptions = {}): SqliteStorage {
  const db = openDatabase(path, opts);
  try {
    return new SqliteStorage(db, path, opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  } catch (err) {
    db.close();
    throw toStorageError(err, {
      location: path,
      action: 'open the database',
      busyTimeoutMs: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    });
  }
}

export type { ImportTrial };
