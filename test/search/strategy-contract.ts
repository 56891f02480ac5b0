/**
 * The contract every Strategy meets, run by each strategy's test file:
 * strategyContract('random', (seed) => randomSearch(space, { seed, direction: 'minimize' }, …), space).
 *
 * It drives the strategy with the simulator (simulate.ts) and checks that it
 * terminates with `done` (and stays done), is deterministic for a seed, never
 * mutates its input, starts each trial number once and densely, only
 * promotes existing non-failed trials to a larger budget, never exceeds
 * maxBudget, draws params inside the space (a conditional param exactly
 * where its condition holds), and follows its plan.
 */
import { describe, expect, it } from 'vitest';
import type { Space } from '../../src/search/space.js';
import type { Decision, Strategy, StudyView, TrialView } from '../../src/search/strategy.js';
import { simulate, viewOf, type Objective, type SimResult, type SimulateOptions } from './simulate.js';

export interface ContractOptions {
  /** The same trials, params and values whatever the number of workers (true except for ASHA). */
  orderIndependent?: boolean;
  /** Params depend on the seed (false for grid search). */
  seeded?: boolean;
  /** With no failures, the jobs per (bracket, rung) equal the plan exactly (false for ASHA: only rung 0). */
  planExact?: boolean;
  objective?: Objective;
  /** The trials' final metrics (a multi-objective strategy's objectives), as simulate's `metrics`. */
  metrics?: SimulateOptions['metrics'];
}

export function strategyContract(name: string, make: (seed: number) => Strategy, space: Space, options: ContractOptions = {}): void {
  const orderIndependent = options.orderIndependent ?? true;
  const seeded = options.seeded ?? true;
  const planExact = options.planExact ?? true;
  const objective = options.objective;
  const metrics = options.metrics;
  /** The objective and metrics options every simulation of the suite passes. */
  const played: SimulateOptions = { ...(objective ? { objective } : {}), ...(metrics ? { metrics } : {}) };
  const run = (seed: number, workers = 1, orderSeed = 0): SimResult => simulate(make(seed), { workers, orderSeed, ...played });

  describe(`${name}: Strategy contract`, () => {
    it('terminates with done, and stays done', () => {
      const strategy = make(1);
      const result = simulate(strategy, played);
      expect(result.decisions.at(-1)).toEqual({ kind: 'done' });
      expect(result.decisions.filter((d) => d.kind === 'done')).toHaveLength(1);
      expect(strategy.next(viewOf(result.trials))).toEqual({ kind: 'done' });
    });

    it('is deterministic: same seed, same decisions (1 worker), even from a new instance', () => {
      const a = run(42);
      const b = run(42);
      expect(b.decisions).toEqual(a.decisions);
      expect(a.decisions.length).toBeGreaterThan(1);
    });

    it('is deterministic with several workers for a given finishing order', () => {
      expect(run(42, 3, 9).decisions).toEqual(run(42, 3, 9).decisions);
    });

    if (seeded) {
      it('draws different params for different seeds', () => {
        const a = run(1).trials.map((t) => t.params);
        const b = run(2).trials.map((t) => t.params);
        expect(b).not.toEqual(a);
      });
    }

    if (orderIndependent) {
      it('gives the same trials, params and values with 1, 2 and 4 workers', () => {
        const key = (r: SimResult): unknown =>
          r.trials.map((t) => ({ number: t.number, params: t.params, state: t.state, values: [...t.rungValues.entries()].sort((x, y) => x[0] - y[0]) }));
        const one = run(5);
        for (const [workers, orderSeed] of [[2, 1], [2, 2], [4, 3]] as const) {
          const many = run(5, workers, orderSeed);
          expect(key(many)).toEqual(key(one));
          expect(many.maxInFlight).toBeGreaterThan(1);
        }
      });
    }

    it('starts trial numbers 0, 1, 2, … once each, as many as totalTrials', () => {
      const strategy = make(3);
      const result = simulate(strategy, { workers: 2, ...played });
      const starts = result.decisions.filter((d) => d.kind === 'start').map((d) => (d as { number: number }).number);
      expect(starts).toEqual(starts.map((_, i) => i));
      if (strategy.totalTrials !== undefined) expect(starts).toHaveLength(strategy.totalTrials);
    });

    it('draws params inside the space', () => {
      const result = run(11, 2, 4);
      for (const t of result.trials) {
        // A param is there exactly when its `when` holds among the trial's own params (a missing parent fails it).
        const holds = (spec: Space[string]): boolean =>
          Object.entries(spec.when ?? {}).every(([parent, entry]) => {
            const v = t.params[parent];
            return v !== undefined && (Array.isArray(entry) ? entry : [entry]).includes(v);
          });
        const expected = Object.keys(space).filter((pname) => holds(space[pname]!));
        expect(Object.keys(t.params).sort()).toEqual(expected.sort());
        for (const [pname, spec] of Object.entries(space)) {
          if (!holds(spec)) continue;
          const v = t.params[pname];
          if (spec.type === 'categorical') expect(spec.choices).toContain(v);
          else {
            expect(typeof v).toBe('number');
            expect(v as number).toBeGreaterThanOrEqual(spec.low);
            expect(v as number).toBeLessThanOrEqual(spec.high);
            if (spec.type === 'int') expect(Number.isInteger(v)).toBe(true);
          }
        }
      }
    });

    it('promotes only existing, finished, non-failed trials to a larger budget, never above maxBudget', () => {
      const strategy = make(8);
      // Trials 1, 5, 9, … fail at their first job; trials 3, 8, 13, … (others) at any later one.
      const firstBudget = Math.min(...strategy.plan().map((b) => b.rungs[0]!.budget));
      const fail = (_p: unknown, b: number, n: number): boolean => n % 4 === 1 || (n % 5 === 3 && b > firstBudget);
      const result = simulate(strategy, { workers: 3, orderSeed: 2, fail, ...played });
      expect(result.decisions.at(-1)).toEqual({ kind: 'done' });
      const byTrial = new Map<number, { from: number; to: number; value: number | null }[]>();
      for (const job of result.jobs) {
        expect(job.to).toBeLessThanOrEqual(strategy.maxBudget);
        expect(job.to).toBeGreaterThan(job.from);
        const list = byTrial.get(job.number) ?? [];
        const last = list.at(-1);
        if (last) {
          expect(last.value).not.toBeNull(); // nothing after a failure
          expect(job.from).toBe(last.to);
        } else expect(job.from).toBe(forkBudget(result, job.number));
        list.push(job);
        byTrial.set(job.number, list);
      }
      for (const [n, list] of byTrial) {
        if (n % 4 === 1) expect(list.map((j) => j.value)).toEqual([null]);
        else if (n % 5 === 3) {
          expect(list.length).toBeLessThanOrEqual(2);
          if (list.length === 2) expect(list[1]!.value).toBeNull();
        } else expect(list.every((j) => j.value !== null)).toBe(true);
      }
      const failed = new Set(result.trials.filter((t) => t.state === 'failed').map((t) => t.number));
      expect(failed.size).toBeGreaterThan(0);
    });

    it('reaches maxBudget with at least one trial', () => {
      const strategy = make(4);
      const result = run(4);
      expect(Math.max(...result.jobs.map((j) => j.to))).toBe(strategy.maxBudget);
      expect(result.trials.some((t) => t.state === 'complete')).toBe(true);
    });

    it('does not mutate the view it is given and answers the same twice', () => {
      const strategy = make(6);
      for (const stopAfter of [1, 5, 17, 40]) {
        const partial = simulate(strategy, { workers: 3, stopAfter, ...played });
        const trials: TrialView[] = partial.trials.map((t) => ({ ...t, params: { ...t.params }, rungValues: new Map(t.rungValues) }));
        const view: StudyView = { trials };
        const snapshot = JSON.stringify(trials.map((t) => ({ ...t, rungValues: [...t.rungValues] })));
        const first: Decision = strategy.next(view);
        const second: Decision = strategy.next(view);
        expect(second).toEqual(first);
        expect(JSON.stringify(trials.map((t) => ({ ...t, rungValues: [...t.rungValues] })))).toBe(snapshot);
        expect(view.trials).toBe(trials);
      }
    });

    it('follows its plan', () => {
      const strategy = make(2);
      const plan = strategy.plan();
      const result = run(2, 2, 1);
      const jobsAt = (bracket: number, rung: number): number =>
        result.jobs.filter((j) => j.bracket === bracket && j.rung === rung).length;
      for (const b of plan) {
        const budgets = b.rungs.map((r) => r.budget);
        expect(budgets).toEqual([...budgets].sort((x, y) => x - y));
        expect(budgets.at(-1)).toBe(strategy.maxBudget);
        for (const r of b.rungs) {
          if (planExact || r.rung === 0) expect(jobsAt(b.bracket, r.rung)).toBe(r.trials);
          for (const j of result.jobs.filter((x) => x.bracket === b.bracket && x.rung === r.rung)) expect(j.target).toBe(r.budget);
        }
      }
      expect(result.jobs.filter((j) => j.from === 0)).toHaveLength(plan.reduce((s, b) => s + b.rungs[0]!.trials, 0));
    });
  });
}

/** Where trial `number`'s first job starts: 0, or the budget of the trial it was forked from (PBT). */
function forkBudget(result: SimResult, number: number): number {
  const start = result.decisions.find((d) => d.kind === 'start' && d.number === number);
  return start?.kind === 'start' ? (start.fork?.budget ?? 0) : 0;
}
