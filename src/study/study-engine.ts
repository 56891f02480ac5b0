/**
 * The ask/tell engine of one study in one process. `ask()` claims the next
 * job atomically in storage (so several processes can share a study) after
 * syncing the trials that changed; `tell()` records a job's result in one
 * transaction. The run loop (execute-study.ts) and the public ask/tell API
 * (ask-tell.ts) are thin clients of it.
 */
import { deriveSeed } from '../rng.js';
import { strategyFor } from './strategy-for.js';
import type { StopRule } from '../search/stop-rule.js';
import type { GpDraw } from '../search/gp-draw.js';
import type { Strategy, StudyView, TrialView } from '../search/strategy.js';
import type { Params } from '../search/space.js';
import type { ClaimRequest, JobOutcome, Storage, StudyRow, TrialRow } from '../storage/storage.js';
import type { Job, JobResult } from '../pool/protocol.js';
import { TrialMirror } from './trial-mirror.js';
import { applyOutcome } from './apply-outcome.js';
import { isOwnerAlive, newOwnerId } from './owner-id.js';
import type { NormalizedStudy } from './study-spec.js';

/** Why a PBT member that saved no checkpoint fails: without one it could neither continue nor be copied. */
export const NO_CHECKPOINT =
  'saved no checkpoint: PBT continues each member from its checkpoint and copies it to the members it replaces; ' +
  'call ctx.saveCheckpoint(bytes) before the objective returns (ask/tell: tell(trial, value, { checkpoint }))';

/** A heartbeat older than this marks a running trial as orphaned. */
export const STALE_MS = 60_000;
/** How often a process holding running trials says it is alive (well inside STALE_MS). */
export const HEARTBEAT_MS = 5_000;

/** A job handed out by ask(): the trial (now running) and what to run. */
export interface Claimed {
  trial: TrialRow;
  job: Job;
  /** Budget the job starts from (its checkpoint's); 0 = from scratch. */
  fromBudget: number;
  /** The first job of a forked trial (PBT): the params of the trial it is a copy of (trial.forkOf.from), to say what changed. */
  donorParams?: Params;
}

export type Asked = { kind: 'job'; claimed: Claimed } | { kind: 'wait' } | { kind: 'done' };

export class StudyEngine {
  readonly owner = newOwnerId();
  readonly strategy: Strategy;
  readonly warmStart: boolean;
  private readonly mirror = new TrialMirror();
  private readonly cap: number | undefined;
  /** The study-wide epoch budget (maxEpochs, or the run's override), if any. */
  readonly maxEpochs: number | undefined;
  private idle: 'wait' | 'done' = 'wait';
  private budgetSpent = false;
  private capHit = false;
  private strategyFinished = false;
  private checkpointsDropped = false;
  private bestRow: TrialRow | null = null;
  /**
   * Finished trials with their learning curves, for a strategy that needsCurves: read from storage
   * at the trial's revision, and the view kept, so a job does not copy every trial again.
   */
  private readonly curves = new Map<number, { rev: number; view: TrialView }>();

  constructor(
    readonly study: NormalizedStudy,
    readonly row: StudyRow,
    readonly storage: Storage,
    opts: { maxTrials?: number; maxEpochs?: number } = {},
  ) {
    this.strategy = strategyFor(study);
    this.warmStart = this.strategy.warmStart ?? true;
    this.cap = opts.maxTrials ?? study.maxTrials;
    this.maxEpochs = opts.maxEpochs ?? study.maxEpochs;
  }

  /**
   * Once the strategy itself is done (not a trial cap, the epoch budget, a
   * signal or a timeout: --resume may still promote from those), deletes the
   * study's checkpoints: they only serve a promotion, and none can come (a
   * pruned MLP's checkpoint is tens of kB, and a study has hundreds). This is
   * housekeeping: if the store refuses (say, busy with another process), the
   * study's results stand and the next ask that finds it done tries again.
   */
  private async dropDeadCheckpoints(): Promise<void> {
    if (!this.strategyFinished || this.checkpointsDropped) return;
    await this.storage.dropCheckpoints(this.row.id).then(
      () => (this.checkpointsDropped = true),
      () => undefined,
    );
  }

  /** The study-wide trial cap (maxTrials, or the run's override), if any. */
  get maxTrials(): number | undefined {
    return this.cap;
  }

  /** Whether the last ask found the study's epoch budget (maxEpochs) spent. */
  get budgetReached(): boolean {
    return this.budgetSpent;
  }

  /** Whether the last ask found the trial cap (maxTrials) reached while the strategy still had trials to start. */
  get capReached(): boolean {
    return this.capHit;
  }

  /**
   * Epochs trained by every trial (any process) plus those the jobs in flight
   * will train: a warm-started job trains target − budget, a fresh one target.
   */
  private committedEpochs(): number {
    let sum = 0;
    for (const t of this.mirror.trials) if (t) sum += this.epochsOf(t);
    return sum;
  }

  /** One trial's share of committedEpochs. */
  private epochsOf(t: TrialRow): number {
    const pending = t.state === 'running' || t.state === 'queued' ? t.target - (this.warmStart ? t.budget : 0) : 0;
    return t.epochsTrained + pending;
  }

  /** Trials the study has, as of the last ask. */
  get trialCount(): number {
    return this.mirror.trials.length;
  }

  get best(): TrialRow | null {
    return this.bestRow;
  }

  /** Trials left running by dead processes go back to the queue (same params and seed). */
  requeueOrphans(): Promise<number[]> {
    return this.storage.requeueOrphans(this.row.id, STALE_MS, isOwnerAlive);
  }

  /** Whether any trial of the study is queued or running, in this process or another. */
  anyInFlight(): boolean {
    return this.mirror.trials.some((t) => t && (t.state === 'running' || t.state === 'queued'));
  }

  /** Claims the next job, or says why there is none. */
  async ask(): Promise<Asked> {
    const { claimed, idle } = await this.askMany(1);
    return claimed[0] ? { kind: 'job', claimed: claimed[0] } : { kind: idle };
  }

  /**
   * Claims up to `max` jobs in one transaction. Each decision is applied to
   * the mirror before the next one is taken, so the strategy sees the batch
   * as in flight. `idle` says why fewer than `max` came back. With
   * `readyOnly`, a slow decision (Strategy.ready) is never made here: the
   * claim stops before it, and the caller makes the draw elsewhere
   * (nextDraw, Strategy.remember) and asks again.
   */
  async askMany(max: number, opts: { readyOnly?: boolean } = {}): Promise<{ claimed: Claimed[]; idle: 'wait' | 'done' }> {
    const claimed: Claimed[] = [];
    for (;;) {
      // A slow decision (Strategy.ready) is made here, outside the lock; the claim below then only looks it up.
      // When the claim finds the study changed since (another process claimed or finished trials, or this is
      // the first claim, which loads them), it takes what is ready and comes back to prepare on the new state:
      // it never decides slowly under the lock, where it would hold up every other process on the database.
      // Every such round follows a change some process committed, so the study as a whole moves on.
      const prepared = this.strategy.ready !== undefined;
      const readyOnly = prepared && opts.readyOnly === true;
      if (prepared && !readyOnly) this.prepareDecisions(max - claimed.length);
      let unready = false;
      let changedSince = false;
      const result = await this.storage.claim(
        this.row.id,
        this.owner,
        this.mirror.rev,
        (changed) => {
          changedSince = changed.length > 0;
          this.mirror.apply(changed);
          // The epoch budget is summed once per claim and then kept up to date claim by claim
          // (summing every trial per decision would make a long study quadratic).
          let committed = this.maxEpochs !== undefined ? this.committedEpochs() : 0;
          this.budgetSpent = false;
          this.capHit = false;
          const requests: ClaimRequest[] = [];
          while (requests.length < max - claimed.length) {
            if (this.maxEpochs !== undefined && committed >= this.maxEpochs) {
              // A strategy with nothing left to hand out is done, whatever the budget: not "stopped" by it.
              // (A decision that is not ready is a model draw: a start, not 'done'.)
              if (!this.mirror.firstQueued() && this.strategy.ready?.(this.mirror) !== false && this.strategy.next(this.mirror).kind === 'done') {
                this.idle = 'done';
                this.strategyFinished = true;
                break;
              }
              // Like the trial cap: running jobs finish; a job that ends early (diverged) frees its unused epochs.
              this.budgetSpent = true;
              this.idle = this.anyInFlight() ? 'wait' : 'done';
              break;
            }
            if (prepared && !this.mirror.firstQueued() && !this.strategy.ready!(this.mirror)) {
              // A decision that is not ready is a model draw, a new trial: the trial cap stops it undrawn.
              if (this.stopAtCap()) break;
              // Unready on a study nobody changed would mean the strategy forgot its draw: then it decides here.
              if (changedSince || readyOnly) {
                unready = true;
                break;
              }
            }
            const req = this.decide();
            if (!req) break;
            requests.push(req);
            const row = this.provisional(req);
            const before = this.mirror.trials[row.number];
            committed += this.epochsOf(row) - (before ? this.epochsOf(before) : 0);
            this.mirror.apply([row]);
          }
          return requests;
        },
        // What this process wrote itself is in the mirror already at that revision.
        (number, rev) => this.mirror.trials[number]?.rev === rev,
      );
      this.mirror.apply(result.changed);
      this.mirror.apply(result.trials);
      if (result.rev > this.mirror.rev) this.mirror.rev = result.rev;
      for (const t of result.trials) claimed.push(await this.prepare(t));
      if (!unready || claimed.length >= max || readyOnly) break;
    }
    await this.dropDeadCheckpoints();
    return { claimed, idle: this.idle };
  }

  /**
   * The strategy's next `count` decisions, made on a copy of the study's trials as if each were claimed in turn,
   * so that a strategy that remembers its slow draws (Strategy.ready) has them when the claim asks. Stops at the
   * first view `until` is true of.
   */
  private prepareDecisions(count: number, until?: (study: StudyView) => boolean): void {
    const room = this.cap === undefined ? count : Math.min(count, this.cap - this.mirror.count);
    const trials: TrialView[] = [...this.mirror.trials];
    for (let i = 0; i < room; i++) {
      if (until?.({ trials })) return;
      const d = this.strategy.next({ trials });
      if (d.kind !== 'start') return;
      trials.push({ number: d.number, params: d.params, state: 'queued', budget: d.fork?.budget ?? 0, target: d.budget, rungValues: new Map(), bracket: d.bracket });
    }
  }

  /**
   * The first slow draw (Strategy.pendingDraw) among the next `count` decisions, on the study as it will be once
   * the decisions before it are claimed; undefined when they are all quick. The run loop makes it on its draw
   * thread and gives it to Strategy.remember, and askMany(…, { readyOnly: true }) then finds it ready.
   */
  nextDraw(count: number): GpDraw | undefined {
    const pendingDraw = this.strategy.pendingDraw?.bind(this.strategy);
    if (!pendingDraw) return undefined;
    let draw: GpDraw | undefined;
    this.prepareDecisions(count, (study) => (draw = pendingDraw(study)) !== undefined);
    return draw;
  }

  /** Records a job's result; returns the trial as stored. */
  async tell(trial: TrialRow, result: JobResult): Promise<TrialRow> {
    return (await this.tellMany([{ trial, result }]))[0]!;
  }

  /** Records several jobs' results in one transaction; returns the trials as stored. */
  async tellMany(items: readonly { trial: TrialRow; result: JobResult }[]): Promise<TrialRow[]> {
    const outcomes = items.map(({ trial, result }) => this.outcome(trial, result));
    const revs = await this.storage.finishJobs(
      items.map(({ trial }, i) => ({ trialId: trial.id, outcome: outcomes[i]! })),
      this.owner,
    );
    const now = Date.now();
    const updated = items.map(({ trial }, i) => ({ ...applyOutcome(trial, outcomes[i]!, now), rev: revs[i]! }));
    this.mirror.apply(updated);
    // Several objectives have no one best (their Pareto front is computed where it is shown).
    if (!this.study.objectives) for (const u of updated) if (isBetter(u, this.bestRow, this.study.direction)) this.bestRow = u;
    return updated;
  }

  /** How a claim looks to the strategy until the transaction returns the stored row. */
  private provisional(req: ClaimRequest): TrialRow {
    if (req.kind === 'existing') return { ...this.mirror.trials[req.number]!, state: 'running', target: req.target };
    return {
      id: -1,
      studyId: this.row.id,
      number: req.number,
      state: 'running',
      params: req.params,
      seed: req.seed,
      // A fork starts at its donor's budget (its checkpoint is copied in the claim).
      budget: req.fork?.budget ?? 0,
      target: req.target,
      bracket: req.bracket,
      value: null,
      metrics: {},
      rungValues: new Map(),
      epochsTrained: 0,
      error: null,
      startedAt: null,
      finishedAt: null,
      durationMs: 0,
      owner: this.owner,
      heartbeatAt: null,
      rev: 0,
      ...(req.fork ? { forkOf: req.fork } : {}),
    };
  }

  /** Brings the mirror up to date with the store (a read, no claim) and returns every trial. */
  async sync(): Promise<readonly TrialRow[]> {
    this.mirror.apply(await this.storage.getTrials(this.row.id, { sinceRev: this.mirror.rev }));
    return this.mirror.trials.filter((t) => t !== undefined);
  }

  heartbeat(): Promise<void> {
    return this.storage.heartbeat(this.owner);
  }

  /** Running trials this process holds go back to `queued` (aborted jobs). */
  release(reason: string): Promise<number> {
    return this.storage.releaseOwner(this.owner, reason);
  }

  private decide(): ClaimRequest | null {
    const queued = this.mirror.firstQueued();
    if (queued) return { kind: 'existing', number: queued.number, target: queued.target };
    const d = this.strategy.next(this.mirror);
    switch (d.kind) {
      case 'start':
        if (this.stopAtCap()) return null;
        return {
          kind: 'new',
          number: d.number,
          params: d.params,
          seed: deriveSeed(this.study.seed, d.number),
          target: d.budget,
          bracket: d.bracket,
          ...(d.fork ? { fork: d.fork } : {}),
        };
      case 'promote':
        return { kind: 'existing', number: d.number, target: d.budget };
      default:
        this.idle = d.kind;
        if (d.kind === 'done') this.strategyFinished = true;
        return null;
    }
  }

  /** Whether the trial cap stops a new trial now (saying so); the cap stops new trials only, promotions may still come once running jobs end. */
  private stopAtCap(): boolean {
    if (this.cap === undefined || this.mirror.count < this.cap) return false;
    this.capHit = true;
    this.idle = this.anyInFlight() ? 'wait' : 'done';
    return true;
  }

  private async prepare(trial: TrialRow): Promise<Claimed> {
    let checkpoint: Uint8Array | undefined;
    let fromBudget = 0;
    if (this.warmStart && trial.budget > 0 && trial.budget < trial.target) {
      checkpoint = await this.storage.getCheckpoint(trial.id);
      if (checkpoint) fromBudget = trial.budget;
    }
    const stop = await this.stopRule(trial.number);
    // A fork still at the budget it was copied at has not trained a job of its own yet (a requeued one, not even that):
    // this job starts from its donor's checkpoint (copied at the claim), and the job and the run are told so.
    const forked = trial.forkOf !== undefined && trial.budget === trial.forkOf.budget ? trial.forkOf : undefined;
    const base = {
      trialNumber: trial.number,
      params: trial.params,
      seed: trial.seed,
      budget: trial.target,
      metric: this.study.metric,
      ...(this.study.objectives ? { objectives: this.study.objectives.map((o) => o.metric) } : {}),
      ...(checkpoint ? { checkpoint } : {}),
      ...(checkpoint && forked ? { forkOf: forked } : {}),
      ...(stop ? { stop } : {}),
    };
    const job: Job = this.study.objective
      ? { ...base, kind: 'objective', module: this.study.objective, fromBudget }
      : {
          ...base,
          kind: 'task',
          task: this.study.task!,
          studySeed: this.study.seed,
          baseDir: this.study.baseDir,
          maxBudget: this.strategy.maxBudget,
          // outcome() keeps a checkpoint only below the top budget with warm starts: otherwise the job need not make one.
          saveCheckpoint: this.warmStart && trial.target < this.strategy.maxBudget,
        };
    const donor = forked ? this.mirror.trials[forked.from] : undefined;
    return { trial, job, fromBudget, ...(donor ? { donorParams: donor.params } : {}) };
  }

  /**
   * The strategy's stop rule for a job of trial `number` (Strategy.stopRule), asked with the
   * curves of every finished trial when it needsCurves. Each curve is read from storage once
   * per revision of its trial, so a run, a resume and another process see the same curves.
   */
  private async stopRule(number: number): Promise<StopRule | undefined> {
    const s = this.strategy;
    if (!s.stopRule) return undefined;
    if (!s.needsCurves) return s.stopRule(number, this.mirror);
    // Curves of finished trials not read at their current revision: one query for all of them (a resume reads every one).
    // A snapshot: trials that finish while the curves are read keep the state they had when asked.
    const snapshot = [...this.mirror.trials];
    const stale = snapshot.filter((t) => t && t.state !== 'queued' && t.state !== 'running' && this.curves.get(t.number)?.rev !== t.rev);
    const fresh = await this.storage.getCurves(stale.map((t) => t.id));
    stale.forEach((t, i) => this.curves.set(t.number, { rev: t.rev, view: { ...t, curve: new Map(fresh[i]!.map((p) => [p.step, p.value])) } }));
    const trials: TrialView[] = snapshot.map((t) => (!t || t.state === 'queued' || t.state === 'running' ? t : this.curves.get(t.number)!.view));
    return s.stopRule(number, { trials });
  }

  private outcome(trial: TrialRow, r: JobResult): JobOutcome {
    const common = {
      curve: r.curve,
      ...(r.metricCurves ? { metricCurves: r.metricCurves } : {}),
      epochsTrained: r.epochsTrained,
      durationMs: r.durationMs,
      ...(r.span ? { startedAt: r.span.startedAt } : {}),
      ...(r.attrs ? { attrs: r.attrs } : {}),
      metrics: r.metrics,
    };
    if (r.state === 'failed') {
      return { ...common, state: 'failed', budget: trial.budget, value: null, error: r.reason === 'diverged' ? 'diverged' : r.message, checkpoint: null };
    }
    // Pruned at ±Infinity: the loss diverged, as when an objective returns it (never ranked as a huge number).
    if (r.value === Infinity || r.value === -Infinity) {
      return { ...common, state: 'failed', budget: trial.budget, value: null, error: 'diverged', checkpoint: null };
    }
    // A multi-objective trial is ranked on every objective: one without a finite value for each cannot be.
    const unranked = this.study.objectives?.find((o) => !Number.isFinite(r.metrics[o.metric]));
    if (unranked) {
      const got = r.metrics[unranked.metric];
      const error = got === undefined ? `no value for the objective "${unranked.metric}"` : 'diverged';
      return { ...common, state: 'failed', budget: trial.budget, value: null, error, checkpoint: null };
    }
    // A job that ends below the strategy's top budget leaves the trial pruned (a halving strategy may still promote it).
    const state = r.state === 'complete' && r.budget >= this.strategy.maxBudget ? 'complete' : 'pruned';
    if (state === 'pruned' && r.state === 'complete' && r.checkpoint === undefined && this.strategy.needsCheckpoints) {
      return { ...common, state: 'failed', budget: trial.budget, value: null, error: NO_CHECKPOINT, checkpoint: null };
    }
    const keep = state === 'pruned' && this.warmStart && r.state === 'complete' && r.checkpoint !== undefined;
    // Pruned before it reported anything in this job (a promoted trial): it keeps the value and metrics of the rung it had reached.
    const held = r.value === null && r.budget === trial.budget && trial.value !== null;
    return {
      ...common,
      ...(held ? { value: trial.value, metrics: { ...trial.metrics, ...r.metrics } } : { value: r.value }),
      state,
      budget: r.budget,
      error: null,
      checkpoint: keep && r.state === 'complete' ? r.checkpoint! : null,
    };
  }
}

/** Best = highest budget reached, then value in the study's direction. */
export function isBetter(t: TrialRow, best: TrialRow | null, direction: 'minimize' | 'maximize'): boolean {
  if (t.value === null || t.state === 'failed' || Number.isNaN(t.value)) return false;
  if (!best || best.value === null) return true;
  if (t.budget !== best.budget) return t.budget > best.budget;
  return direction === 'minimize' ? t.value < best.value : t.value > best.value;
}
