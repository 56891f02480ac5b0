/**
 * The Storage contract. SQLite (sqlite-storage.ts) is the first
 * implementation; a PostgreSQL one will follow, so every method is async even
 * though better-sqlite3 is synchronous, and no SQL is written outside
 * src/storage. Every implementation runs test/storage/storage-contract.ts.
 */
import type { Params } from '../search/space.js';
import type { Direction, Fork, TrialState } from '../search/strategy.js';
import type { MetricCurves, StepValue } from '../pool/protocol.js';

export interface StudyRow {
  id: number;
  name: string;
  direction: Direction;
  metric: string;
  seed: number;
  /** The full, normalised study definition (what the study file said, defaults filled in). */
  definition: unknown;
  /** Free-form study attributes (e.g. the class mapping of a non-numeric CSV target). */
  attrs: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface NewStudy {
  name: string;
  direction: Direction;
  metric: string;
  seed: number;
  definition: unknown;
  attrs?: Record<string, unknown>;
}

export interface TrialRow {
  id: number;
  studyId: number;
  number: number;
  state: TrialState;
  params: Params;
  seed: number;
  /** Budget (epochs) completed. */
  budget: number;
  /** Budget the current or last job aimed for. */
  target: number;
  bracket: number;
  /** Value of the study metric at `budget` (null until a job ends, or when failed without one). */
  value: number | null;
  /** Final metrics of the last job (e.g. val_loss, val_accuracy, train_loss). */
  metrics: Record<string, number>;
  /** Value of the study metric at the end of each job, by budget (the rung values). */
  rungValues: Map<number, number>;
  /** Epochs actually trained over all jobs (less than `budget`·jobs when warm-started). */
  epochsTrained: number;
  /** Failure reason or message ("diverged", or the exception's message). */
  error: string | null;
  /** ms since epoch; null before the first job starts / ends. */
  startedAt: number | null;
  finishedAt: number | null;
  /** Wall time spent in jobs, summed over jobs. */
  durationMs: number;
  /** Process that holds the trial while it is running ("host:pid:nonce"). */
  owner: string | null;
  heartbeatAt: number | null;
  /** Study-wide revision at the trial's last change (for incremental sync). */
  rev: number;
  /** A forked trial (PBT's exploit): the trial it started as a copy of, and that trial's budget then; absent otherwise. */
  forkOf?: Fork;
  /**
   * Values that are not metrics, by name (Optuna's user attrs): what an objective returned beside its numbers (a
   * model's path, a config) or set with ctx.setAttr, as JSON values. Absent: none (or not read, in a hand-made row).
   */
  attrs?: Record<string, unknown>;
}

export interface TrialFilter {
  states?: TrialState[];
  /** Only trials changed after this study revision. */
  sinceRev?: number;
}

/** What a claim writes: a new trial, or an existing one (queued or promoted) set running. */
export type ClaimRequest =
  | {
      kind: 'new';
      number: number;
      params: Params;
      seed: number;
      target: number;
      bracket: number;
      /** Start as a copy of trial `fork.from` at `fork.budget`: its checkpoint is copied to the new trial, whose budget starts there. */
      fork?: Fork;
    }
  | { kind: 'existing'; number: number; target: number };

export interface ClaimResult {
  /** The first claimed trial as written (state running), or null when `decide` returned nothing. */
  trial: TrialRow | null;
  /** Every trial claimed, in the order of the requests. */
  trials: TrialRow[];
  /** Trials changed since the caller's revision (as seen inside the transaction). */
  changed: TrialRow[];
  /** Study revision after the claim: pass it as `sinceRev` next time. */
  rev: number;
}

/** The end of one job of a trial, written in one transaction. */
export interface JobOutcome {
  state: Exclude<TrialState, 'queued' | 'running'>;
  budget: number;
  value: number | null;
  metrics: Record<string, number>;
  /**
   * Learning-curve points of this job (upserted by step). Unless the job
   * failed, a non-null `value` is also the rung value at `budget`: the curve
   * point at step = budget is written (or overwritten) with it.
   */
  curve: StepValue[];
  /** The other metrics' curves of this job (upserted by name and step); absent: none. */
  metricCurves?: MetricCurves;
  epochsTrained: number;
  durationMs: number;
  /**
   * When the job started on its thread (ms since the epoch; absent: unknown). The trial's startedAt is set
   * when its first job is handed out, which may wait behind another job: the first job's own start replaces it.
   */
  startedAt?: number;
  error?: string | null;
  /** Stored for warm starts; `null` deletes a stored one; undefined leaves it. */
  checkpoint?: Uint8Array | null;
  /** Attributes of this job (JSON values), upserted by name: a later job's value replaces an earlier one's. */
  attrs?: Record<string, unknown>;
}

export interface StudySummary {
  name: string;
  direction: Direction;
  metric: string;
  createdAt: number;
  updatedAt: number;
  counts: Record<TrialState, number>;
  bestValue: number | null;
}

export interface Storage {
  /** Path or URL of the store, for messages. */
  readonly location: string;
  close(): Promise<void>;

  /** Throws StudyExistsError when the name is taken. */
  createStudy(input: NewStudy): Promise<StudyRow>;
  getStudy(name: string): Promise<StudyRow | undefined>;
  /**
   * Replaces the study's stored definition if it is still `expected` (compare and set, one transaction;
   * false when another process changed it first): only for a change that keeps every trial stored
   * valid (open-study.ts: more trials for random, TPE or ASHA).
   */
  setStudyDefinition(studyId: number, definition: unknown, expected: unknown): Promise<boolean>;
  /** Merges `attrs` into the study's attributes. */
  setStudyAttrs(studyId: number, attrs: Record<string, unknown>): Promise<void>;
  listStudies(): Promise<StudySummary[]>;
  /** Deletes the study and everything of its trials; false when there was none. */
  deleteStudy(name: string): Promise<boolean>;

  getTrials(studyId: number, filter?: TrialFilter): Promise<TrialRow[]>;
  getTrial(studyId: number, number: number): Promise<TrialRow | undefined>;
  /** The learning curve of a trial, by step. */
  getCurve(trialId: number): Promise<StepValue[]>;
  /** The learning curves of several trials in one read, in the order of `trialIds` (each as getCurve gives it; [] for none). */
  getCurves(trialIds: readonly number[]): Promise<StepValue[][]>;
  /** The other metrics' curves of several trials in one read, in the order of `trialIds` (by name, each by step; {} for none). */
  getMetricCurves(trialIds: readonly number[]): Promise<MetricCurves[]>;
  getCheckpoint(trialId: number): Promise<Uint8Array | undefined>;
  /**
   * Deletes the checkpoints of every trial of the study (when its strategy is
   * done, none can be continued); the number deleted. Values, curves and
   * metrics stay.
   */
  dropCheckpoints(studyId: number): Promise<number>;

  /**
   * The one atomic operation of the contract. Inside a single write
   * transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: a lock on the study row)
   * read the trials changed since `sinceRev`, call `decide` with them, and write
   * its request (or requests: a batch shares one transaction and one revision)
   * as running trials owned by `owner`. No two callers, in any
   * process, can claim the same trial number. A `new` request whose number is
   * already taken throws, and so does an `existing` request for a trial that
   * does not exist or is `running` (held by an owner); a throw writes none of
   * the batch. `known(number, rev)` true means the caller already holds that
   * trial at that revision (it wrote it): it is left out of `changed`, which
   * saves reading back what the caller just wrote. A `null` (or empty) decision
   * writes nothing and leaves the revision as it was.
   */
  claim(
    studyId: number,
    owner: string,
    sinceRev: number,
    decide: (changed: readonly TrialRow[]) => ClaimRequest | readonly ClaimRequest[] | null,
    known?: (number: number, rev: number) => boolean,
  ): Promise<ClaimResult>;

  /** Records the end of a trial's job (one transaction) and clears its owner. */
  finishJob(trialId: number, outcome: JobOutcome): Promise<void>;

  /**
   * Records the ends of several jobs in one transaction (all or none); returns each trial's new revision.
   * With `owner`, every trial must still be held by it (E_TRIAL_NOT_HELD otherwise): a job that ends after
   * its trial was requeued and claimed by another process, or after its study was overwritten (SQLite may
   * give the new rows the old ids), must not write over what is there now.
   */
  finishJobs(items: readonly { trialId: number; outcome: JobOutcome }[], owner?: string): Promise<number[]>;

  /** Marks trials of `owner` as alive now. */
  heartbeat(owner: string): Promise<void>;

  /**
   * Trials `running` whose owner is dead (`isAlive(owner)` false) or whose
   * heartbeat is older than `staleMs` go back to `queued` (same params, seed,
   * target). Returns their numbers.
   */
  requeueOrphans(studyId: number, staleMs: number, isAlive: (owner: string) => boolean): Promise<number[]>;

  /**
   * Trials `queued` or `running` that `owner` holds (in any study) go back to
   * `queued`, owner cleared, with `error = reason` (interrupted runs: Ctrl-C,
   * AbortSignal), so that `--resume` runs them again. Params, seed, target,
   * budget and rung values are kept. Returns how many trials were released.
   */
  releaseOwner(owner: string, reason: string): Promise<number>;

  /**
   * The best k trials: completed or pruned ones with a value, ranked by the
   * budget reached (highest first), then value in the study's direction, then
   * trial number. A NaN value counts as no value (never ranked).
   */
  best(studyId: number, k: number): Promise<TrialRow[]>;

  /** Every trial of a study for export (CSV/JSON), by number; the caller flattens `params`/`metrics`. */
  exportTrials(studyId: number): Promise<ExportRow[]>;
}

/** One trial as exported: the study name, its scalar fields, and params/metrics as objects. */
export interface ExportRow {
  study: string;
  number: number;
  state: TrialState;
  value: number | null;
  budget: number;
  target: number;
  bracket: number;
  seed: number;
  params: Params;
  metrics: Record<string, number>;
  epochsTrained: number;
  durationMs: number;
  error: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** A forked trial (PBT): the trial and budget it started as a copy of; absent otherwise. */
  forkOf?: Fork;
  /** Its attributes (TrialRow.attrs); absent: none. */
  attrs?: Record<string, unknown>;
}
