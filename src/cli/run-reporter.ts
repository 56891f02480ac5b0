/**
 * What `rungs run` prints while a study runs: a live progress line on a
 * terminal (a bar of epochs trained, trials that finished a job of those
 * planned, the latest job's budget, best so far, elapsed, ETA; README shows
 * it), one plain line per event otherwise, JSON lines with --json, nothing
 * with --quiet.
 */
import type { RunEvent } from '../study/execute-study.js';
import type { TrialRow } from '../storage/storage.js';
import { fmtNum, fmtParam } from './render-table.js';
import { forkText } from './fork-text.js';
import { dataLine } from './data-line.js';
import { stringifyJson, trialJson } from './trial-json.js';
import { enqueueLine, epochBudgetLine, exhaustLine, renderPlan, trialCapLine } from './render-plan.js';
import { planTotals } from '../search/plan-totals.js';
import type { Objective } from '../search/strategy.js';
import { updateFront } from '../stats/pareto-front.js';

export type ReporterMode = 'tty' | 'lines' | 'json' | 'quiet';

export class RunReporter {
  private readonly started = Date.now();
  private total: number | undefined;
  private jobsPlanned: number | undefined;
  private jobsDone = 0;
  private epochsPlanned = 0;
  private epochsDone = 0;
  private readonly trialsDone = new Set<number>();
  private best: TrialRow | null = null;
  /** A multi-objective study's Pareto front so far (its size stands where one study's best value would). */
  private front: TrialRow[] = [];
  private rungBudget = 0;
  /** One rung (grid, random, TPE, CMA-ES): every trial is one job, which a pruner may cut short. */
  private oneRung = false;

  constructor(
    private readonly mode: ReporterMode,
    private readonly out: NodeJS.WriteStream,
    /** The study's objectives (one, or several: then the live line counts the Pareto front instead of a best value). */
    private readonly objectives: readonly Objective[],
  ) {}

  private get multi(): boolean {
    return this.objectives.length > 1;
  }

  /** `best 0.19`, or `front 6` with several objectives. */
  private bestText(): string {
    return this.multi ? `front ${this.front.length}` : `best ${fmtNum(this.best?.value) || '—'}`;
  }

  handle(e: RunEvent): void {
    if (this.mode === 'quiet') return;
    if (e.type === 'end' && this.multi) this.front = updateFront(this.front, e.trial, this.objectives);
    // Every mode needs it (--json's "paused").
    if (e.type === 'plan') this.oneRung = e.plan.length === 1 && e.plan[0]!.rungs.length === 1;
    if (this.mode === 'json') {
      // As the text's "paused": a job that ended below the top rung, whose trial a promotion may continue.
      const paused = e.type === 'end' && this.paused(e.trial) ? { paused: true } : {};
      const payload =
        e.type !== 'end'
          ? e
          : this.multi
            ? { type: 'end', trial: trialJson(e.trial, this.objectives), paretoFront: this.front.length, ...paused }
            : { type: 'end', trial: trialJson(e.trial), ...paused };
      this.out.write(`${stringifyJson(payload)}\n`);
      return;
    }
    switch (e.type) {
      case 'plan': {
        this.total = e.totalTrials;
        const totals = planTotals(e.plan, e.warmStart);
        this.jobsPlanned = totals.jobs;
        // Progress and ETA run to whichever comes first: the plan's epochs or the study's epoch budget.
        this.epochsPlanned = e.maxEpochs !== undefined ? Math.min(totals.epochs, e.maxEpochs) : totals.epochs;
        const resumed = e.trialsChanged ? ` (resumed, strategy.trials ${e.trialsChanged.from} → ${e.trialsChanged.to})` : e.resumed ? ' (resumed)' : '';
        this.line(`study "${e.study}"${resumed} on ${e.threads} thread${e.threads === 1 ? '' : 's'}`);
        if (e.data) this.line(dataLine(e.data));
        this.line(renderPlan(e.plan, e.warmStart, e.repeats));
        const exhausted = exhaustLine(e.exhausted);
        if (exhausted) this.line(exhausted);
        const budget = epochBudgetLine(e.maxEpochs, totals.epochs);
        if (budget) this.line(budget);
        const cap = trialCapLine(e.maxTrials, totals.trials);
        if (cap) this.line(cap);
        if (e.concurrency !== undefined && e.concurrency < e.threads) {
          const trials = `${e.concurrency} trial${e.concurrency === 1 ? '' : 's'}`;
          const when = e.concurrencyFrom !== undefined ? `from trial ${e.concurrencyFrom} on, where trial n waits for trials 0 … n − ${e.concurrency}` : 'once under way';
          this.line(`note: the strategy runs at most ${trials} at once (its ${e.concurrencyOption ?? 'maxConcurrent'}): ${e.threads - e.concurrency} of ${e.threads} threads will idle ${when}`);
        }
        const enqueued = enqueueLine(e.enqueued, e.repeats);
        if (enqueued) this.line(enqueued);
        for (const note of e.notes ?? []) this.line(`note: ${note}`);
        break;
      }
      case 'requeued':
        this.line(`requeued ${e.numbers.length} trial(s) left running by a stopped process: ${e.numbers.join(', ')}`);
        break;
      case 'start':
        this.rungBudget = e.budget;
        if (this.mode === 'lines') {
          const from = e.fromBudget > 0 ? ` from ${e.fromBudget}` : '';
          // A fork's params are its donor's but for the few it explored: those say what it is.
          const what = e.forkOf && e.donorParams ? forkText(e.forkOf.from, e.donorParams, e.params) : paramsText(e.params);
          this.line(`trial ${e.number} start  budget ${e.budget}${from}${e.forkOf ? ' ' : '  '}${what}`);
        } else this.progress();
        break;
      case 'end': {
        this.jobsDone++;
        this.trialsDone.add(e.trial.number);
        this.epochsDone += e.result.epochsTrained;
        this.best = e.best;
        if (this.mode === 'lines') {
          const t = e.trial;
          const values = this.objectives.map((o, i) => `${o.metric} ${fmtNum(i === 0 ? t.value : (t.metrics[o.metric] ?? null))}`).join('  ');
          // With rungs, a job that ends below the top one leaves its trial pruned in storage, but a later promotion (or
          // PBT's next generation) continues it: "paused", as Ray Tune says, not the verdict "pruned" it may not get.
          const state = this.paused(t) ? 'paused' : t.state;
          const what = t.state === 'failed' ? `failed (${t.error ?? 'error'})` : `${state}  ${values}`;
          this.line(`trial ${t.number} ${what}  budget ${t.budget}  ${this.bestText()}`);
        } else this.progress();
        break;
      }
      case 'withdrawn': {
        const trials = e.numbers.length === 1 ? `trial ${e.numbers[0]}` : `trials ${e.numbers.join(', ')}`;
        this.line(`${trials} had not started: back in the queue (--resume runs ${e.numbers.length === 1 ? 'it' : 'them'})`);
        break;
      }
      case 'stopping':
        this.line(e.reason === 'signal' ? 'stopping: waiting for running trials to finish (Ctrl-C again to abort them)' : 'time limit reached: waiting for running trials to finish');
        break;
    }
  }

  /** With rungs, a job that ends below the top one leaves its trial pruned, but a promotion may continue it. */
  private paused(t: TrialRow): boolean {
    return t.state === 'pruned' && !this.oneRung;
  }

  /** Ends the live line before the summary. */
  finish(): void {
    if (this.mode === 'tty') this.out.write('\n');
  }

  private line(s: string): void {
    if (this.mode === 'tty') this.out.write('\r\x1b[2K');
    this.out.write(`${s}\n`);
  }

  private progress(): void {
    const elapsed = (Date.now() - this.started) / 1000;
    // Progress by epochs: a job at a high rung costs more than one at the bottom.
    const frac = this.epochsPlanned > 0 ? Math.min(1, this.epochsDone / this.expectedEpochs()) : this.jobsPlanned ? Math.min(1, this.jobsDone / this.jobsPlanned) : 0;
    const width = 16;
    const filled = Math.round(frac * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const eta = frac > 0 && frac < 1 ? ` eta ${fmtDuration((elapsed / frac) * (1 - frac))}` : '';
    const text = `${bar} trials ${this.trialsDone.size}/${this.total ?? '?'}  budget ${this.rungBudget}  ${this.bestText()}  ${fmtDuration(elapsed)}${eta}`;
    this.out.write(`\r\x1b[2K${text.slice(0, 79)}`);
  }

  /**
   * The epochs the run is expected to train: the plan's (or the epoch budget), except that with one
   * rung the trials still to come are counted at the mean cost of those finished, so a pruner that
   * stops trials early shortens the bar's run and the ETA instead of leaving the bar short at the end.
   */
  private expectedEpochs(): number {
    const done = this.trialsDone.size;
    if (!this.oneRung || this.total === undefined || done === 0) return this.epochsPlanned;
    return Math.max(this.epochsDone, Math.min(this.epochsPlanned, this.epochsDone + (this.total - done) * (this.epochsDone / done)));
  }
}

function paramsText(p: Record<string, unknown>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${fmtParam(v)}`)
    .join(' ');
}

export function fmtDuration(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
