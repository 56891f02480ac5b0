/**
 * A deterministic runner for strategies, without threads or storage: it asks
 * `next()`, plays each job with a fake objective, and tells the result back
 * through the trial views, the way the real runner does.
 *
 * Workers: up to `workers` jobs run at once. While a worker is free the
 * simulator asks for a decision; `wait` (or all workers busy) makes one
 * running job finish — which one is drawn from a seeded Rng (`orderSeed`), so
 * with several workers jobs finish in a reproducible but shuffled order.
 * `done` ends the run once the remaining jobs have finished.
 *
 * It enforces the Strategy contract as it goes and throws a SimulationError on
 * the first breach: next() mutating its input, a start whose number is not
 * the next free one (or params that are not an object), a promote of a
 * missing, failed or in-flight trial or to a budget not above the trial's,
 * a budget above strategy.maxBudget, `wait` with nothing in flight, or more
 * than `maxSteps` decisions.
 *
 * The objective returns the value at a budget (and `metrics`, when given, the
 * trial's final metrics, as a multi-objective study's objectives); a non-finite value (or
 * `fail` returning true) makes the job fail (state "failed", no rung value),
 * as a diverged training does. A job ending below maxBudget leaves the trial
 * "pruned", at maxBudget "complete".
 *
 * Stop rules (a pruner: Strategy.stopRule) are played as the runner plays
 * them: asked when the job is handed out, with the curves of the finished
 * trials in the view when the strategy needsCurves; the job then trains step
 * by step (the objective's value at each budget is the curve) and stops after
 * the first step below its target where the rule fires. The rule is asked
 * again when the job ends, and a different answer is a SimulationError: it
 * must be fixed before the trial starts, whatever finished in between.
 */
import { Rng } from '../../src/rng.js';
import type { ParamValue, Params } from '../../src/search/space.js';
import type { Decision, Strategy, StudyView, TrialState, TrialView } from '../../src/search/strategy.js';
import { stopStep, type StopRule } from '../../src/search/stop-rule.js';

export type Objective = (params: Params, budget: number, number: number) => number;

export interface SimulateOptions {
  /** Parallel jobs (default 1). */
  workers?: number;
  /** Seed of the order in which running jobs finish (default 0). */
  orderSeed?: number;
  /** Value of a trial at a budget (default: defaultObjective). */
  objective?: Objective;
  /** The final metrics of a job that did not fail (TrialView.metrics: a multi-objective strategy's objectives); default none. */
  metrics?: (params: Params, budget: number, number: number) => Record<string, number>;
  /** Make a job fail (diverge) even though the objective has a value. */
  fail?: (params: Params, budget: number, number: number) => boolean;
  /** Guard against strategies that never finish (default 100000 decisions). */
  maxSteps?: number;
  /** Stop after this many decisions, leaving running jobs in flight (default: run to the end). */
  stopAfter?: number;
  /** Check after every decision that next() did not mutate the view (default true; O(n) per call). */
  checkImmutability?: boolean;
}

/** A trial as the simulator keeps it (the view handed to next() is a copy). */
export interface SimTrial {
  number: number;
  params: Params;
  state: TrialState;
  budget: number;
  target: number;
  rungValues: Map<number, number>;
  bracket: number;
  /** Learning curve (step → value), every step, for a strategy that needsCurves; else empty. */
  curve: Map<number, number>;
  /** The final metrics of its last job, with `metrics` only. */
  metrics?: Record<string, number>;
  /** Where a forked trial started (its `start`'s fork). */
  forkOf?: { from: number; budget: number };
}

/** One decision returned by next(), with what the simulator saw when asking. */
export interface SimStep {
  decision: Decision;
  /** Trials that existed when next() was asked. */
  trialsBefore: number;
  /** Jobs running when next() was asked. */
  inFlightBefore: number;
}

/** One job played: trial `number` trained from `from` to `to` (its `target`, unless a stop rule stopped it before). */
export interface SimJob {
  number: number;
  bracket: number;
  rung: number;
  from: number;
  to: number;
  target: number;
  /** The value at `to`, or null when the job failed. */
  value: number | null;
}

export interface SimResult {
  steps: SimStep[];
  /** Decisions only (steps[i].decision). */
  decisions: Decision[];
  /** Jobs in the order they finished. */
  jobs: SimJob[];
  trials: SimTrial[];
  /** Largest number of jobs running at once. */
  maxInFlight: number;
}

export class SimulationError extends Error {
  override name = 'SimulationError';
}

/**
 * A smooth, deterministic objective to minimise: a quadratic bowl over the
 * numeric params (on a log scale, centred at 0.01 for positive values < 1,
 * at 0.5 for others after scaling) plus a term per categorical value, plus
 * 1/budget so every trial improves with budget.
 */
export function defaultObjective(params: Params, budget: number): number {
  let v = 0;
  for (const name of Object.keys(params).sort()) v += term(params[name]!);
  return v + 1 / budget;
}

function term(x: ParamValue): number {
  if (typeof x === 'number') {
    if (x > 0 && x < 1) return (Math.log10(x) + 2) ** 2 / 4;
    return ((Math.log10(Math.abs(x) + 1) - 1) ** 2) / 4;
  }
  const s = String(x);
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 997;
  return (h % 7) / 10;
}

/** The view handed to next(): a deep copy, frozen, so the strategy cannot write into the simulator's state. */
export function viewOf(trials: readonly SimTrial[]): StudyView {
  const copies: TrialView[] = trials.map((t) =>
    Object.freeze({
      number: t.number,
      params: Object.freeze({ ...t.params }),
      state: t.state,
      budget: t.budget,
      target: t.target,
      rungValues: new Map(t.rungValues),
      bracket: t.bracket,
      // As the runner: curves only of trials not in flight (and only when the strategy asks for them).
      ...(t.curve.size > 0 && t.state !== 'queued' && t.state !== 'running' ? { curve: new Map(t.curve) } : {}),
      ...(t.metrics ? { metrics: Object.freeze({ ...t.metrics }) } : {}),
      ...(t.forkOf ? { forkOf: Object.freeze({ ...t.forkOf }) } : {}),
    }),
  );
  return Object.freeze({ trials: Object.freeze(copies) });
}

function fingerprint(view: StudyView): string {
  return JSON.stringify(
    view.trials.map((t) => [t.number, t.params, t.state, t.budget, t.target, t.bracket, [...t.rungValues.entries()], t.metrics]),
  );
}

interface Running {
  number: number;
  bracket: number;
  rung: number;
  from: number;
  to: number;
  /** The strategy's stop rule for the job, as asked when it was handed out. */
  rule: StopRule | undefined;
}

export function simulate(strategy: Strategy, options: SimulateOptions = {}): SimResult {
  const workers = options.workers ?? 1;
  const objective = options.objective ?? defaultObjective;
  const maxSteps = options.maxSteps ?? 100_000;
  const check = options.checkImmutability ?? true;
  const order = new Rng(options.orderSeed ?? 0);
  const trials: SimTrial[] = [];
  const running: Running[] = [];
  const steps: SimStep[] = [];
  const jobs: SimJob[] = [];
  let maxInFlight = 0;

  const ruleFor = (number: number): StopRule | undefined => strategy.stopRule?.(number, viewOf(trials));

  const finishOne = (): void => {
    const i = order.int(running.length);
    const { rule, ...job } = running.splice(i, 1)[0]!;
    const trial = trials[job.number]!;
    if (JSON.stringify(ruleFor(job.number)) !== JSON.stringify(rule)) {
      throw new SimulationError(`the stop rule of trial ${job.number} changed while its job ran`);
    }
    // The job's learning curve, step by step, where the strategy keeps curves or the job has a rule.
    const curve = new Map<number, number>();
    if (strategy.needsCurves || rule) for (let s = job.from + 1; s <= job.to; s++) curve.set(s, objective(trial.params, s, job.number));
    const stop = stopStep(rule, curve);
    const to = stop !== undefined && stop < job.to ? stop : job.to;
    const value = objective(trial.params, to, job.number);
    const failed = !Number.isFinite(value) || (options.fail?.(trial.params, to, job.number) ?? false);
    if (failed) {
      trial.state = 'failed';
      jobs.push({ ...job, target: job.to, value: null });
    } else {
      for (const [s, v] of curve) if (s <= to) trial.curve.set(s, v);
      trial.rungValues.set(to, value);
      if (options.metrics) trial.metrics = options.metrics(trial.params, to, job.number);
      trial.budget = to;
      trial.state = to >= strategy.maxBudget ? 'complete' : 'pruned';
      jobs.push({ ...job, to, target: job.to, value });
    }
  };

  for (;;) {
    if (running.length >= workers) {
      finishOne();
      continue;
    }
    if (options.stopAfter !== undefined && steps.length >= options.stopAfter) break;
    if (steps.length >= maxSteps) throw new SimulationError(`no "done" after ${maxSteps} decisions`);
    const view = viewOf(trials);
    const before = check ? fingerprint(view) : '';
    const decision = strategy.next(view);
    if (check && fingerprint(view) !== before) throw new SimulationError('next() mutated the study view');
    steps.push({ decision, trialsBefore: trials.length, inFlightBefore: running.length });
    // Jobs handed out earlier have been picked up by their worker by now; the new one is queued
    // until the next decision, so strategies see both queued and running trials.
    for (const t of trials) if (t.state === 'queued') t.state = 'running';

    if (decision.kind === 'done') {
      while (running.length > 0) finishOne();
      break;
    }
    if (decision.kind === 'wait') {
      if (running.length === 0) throw new SimulationError(`"wait" with nothing in flight (step ${steps.length - 1})`);
      finishOne();
      continue;
    }
    if (decision.budget > strategy.maxBudget) {
      throw new SimulationError(`budget ${decision.budget} above maxBudget ${strategy.maxBudget}`);
    }
    if (!Number.isInteger(decision.budget) || decision.budget < 1) {
      throw new SimulationError(`budget must be a positive integer (got ${decision.budget})`);
    }
    if (decision.kind === 'start') {
      if (decision.number !== trials.length) {
        throw new SimulationError(`start of trial ${decision.number}, but the next free number is ${trials.length}`);
      }
      if (typeof decision.params !== 'object' || decision.params === null) throw new SimulationError('start without params');
      // A fork copies its donor's checkpoint as the runner does at the claim: the donor must be at that budget, and idle.
      const fork = decision.fork;
      if (fork) {
        const donor = trials[fork.from];
        if (!donor || donor.state === 'failed' || donor.state === 'queued' || donor.state === 'running' || donor.budget !== fork.budget) {
          throw new SimulationError(`start of trial ${decision.number} as a copy of trial ${fork.from} at ${fork.budget}, which is ${donor ? `${donor.state} at ${donor.budget}` : 'missing'}`);
        }
        if (!(decision.budget > fork.budget)) throw new SimulationError(`fork of trial ${decision.number} to ${decision.budget}, not above ${fork.budget}`);
      }
      trials.push({
        number: decision.number,
        params: { ...decision.params },
        state: 'queued',
        budget: fork?.budget ?? 0,
        target: decision.budget,
        rungValues: new Map(),
        bracket: decision.bracket,
        curve: new Map(),
        ...(fork ? { forkOf: { ...fork } } : {}),
      });
      running.push({ number: decision.number, bracket: decision.bracket, rung: decision.rung, from: fork?.budget ?? 0, to: decision.budget, rule: ruleFor(decision.number) });
    } else {
      const trial = trials[decision.number];
      if (trial === undefined) throw new SimulationError(`promote of trial ${decision.number}, which does not exist`);
      if (trial.state === 'failed') throw new SimulationError(`promote of failed trial ${decision.number}`);
      if (trial.state === 'running' || trial.state === 'queued') {
        throw new SimulationError(`promote of trial ${decision.number}, which is in flight`);
      }
      if (!(decision.budget > trial.budget)) {
        throw new SimulationError(`promote of trial ${decision.number} to ${decision.budget}, not above its budget ${trial.budget}`);
      }
      trial.state = 'queued';
      running.push({ number: decision.number, bracket: decision.bracket, rung: decision.rung, from: trial.budget, to: decision.budget, rule: ruleFor(decision.number) });
      trial.target = decision.budget;
    }
    maxInFlight = Math.max(maxInFlight, running.length);
  }
  return { steps, decisions: steps.map((s) => s.decision), jobs, trials, maxInFlight };
}
