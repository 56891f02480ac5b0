import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { deriveSeed, Rng } from '../../src/rng.js';
import { gridCell } from '../../src/search/grid-points.js';
import { extraCuts, rungBudgets, rungCounts } from '../../src/search/rung-budgets.js';
import { sampleParams } from '../../src/search/sample-params.js';
import { sobolUniforms } from '../../src/search/sobol-uniforms.js';
import type { Space } from '../../src/search/space.js';
import type { Direction } from '../../src/search/strategy.js';
import { gridSubset, successiveHalving, type SuccessiveHalvingOptions } from '../../src/search/successive-halving.js';
import { simulate, type Objective, type SimResult } from './simulate.js';
import { mixedSpace } from './spaces.js';
import { strategyContract } from './strategy-contract.js';
import { trial } from './views.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  batchSize: { type: 'int', low: 8, high: 128, step: 8 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
};
const sha = (options: SuccessiveHalvingOptions, direction: Direction = 'minimize', seed = 0, s: Space = space) =>
  successiveHalving(s, { seed, direction }, options);

strategyContract('successive-halving', (seed) => sha({ candidates: 27, minBudget: 1, maxBudget: 9 }, 'minimize', seed), space);
strategyContract('successive-halving (Sobol sampler)', (seed) => sha({ candidates: 16, minBudget: 1, maxBudget: 9, sampler: 'sobol' }, 'minimize', seed), space);
strategyContract(
  'successive-halving (aggressiveElimination, 100 candidates, 1 → 9)',
  (seed) => sha({ candidates: 100, minBudget: 1, maxBudget: 9, aggressiveElimination: true }, 'minimize', seed),
  space,
);
strategyContract(
  'successive-halving (grid sampler, 40 of 48 cells, η 2, maximize)',
  (seed) => sha({ candidates: 40, reductionFactor: 2, minBudget: 2, maxBudget: 20, sampler: 'grid' }, 'maximize', seed, mixedSpace),
  mixedSpace,
);

/** (rung, budget) → jobs run there. */
const rungJobs = (r: SimResult): [number, number, number][] => {
  const m = new Map<string, number>();
  for (const j of r.jobs) m.set(`${j.rung}:${j.to}`, (m.get(`${j.rung}:${j.to}`) ?? 0) + 1);
  return [...m].map(([k, n]) => [...(k.split(':').map(Number) as [number, number]), n] as [number, number, number]).sort((a, b) => a[0] - b[0]);
};
const promoted = (r: SimResult, rung: number): number[] =>
  r.decisions.filter((d) => d.kind === 'promote' && d.rung === rung).map((d) => (d as { number: number }).number);

describe('rungBudgets / rungCounts', () => {
  it('multiplies by η from minBudget, the last rung at maxBudget', () => {
    expect(rungBudgets(1, 9, 3)).toEqual([1, 3, 9]);
    expect(rungBudgets(1, 27, 3)).toEqual([1, 3, 9, 27]);
    expect(rungBudgets(1, 10, 3)).toEqual([1, 3, 10]);
    expect(rungBudgets(1, 8, 3)).toEqual([1, 8]);
    expect(rungBudgets(2, 100, 2)).toEqual([2, 4, 8, 16, 32, 100]);
    expect(rungBudgets(5, 5, 3)).toEqual([5]);
    expect(rungBudgets(1, 10, 2.5)).toEqual([1, 3, 10]); // 1, 2.5 → 3, 6.25 → raised to 10
  });

  it('counts rungs with integers, where a floating log would be off by one', () => {
    expect(Math.floor(Math.log(1000) / Math.log(10))).toBe(2); // the trap
    expect(rungBudgets(1, 243, 3)).toEqual([1, 3, 9, 27, 81, 243]);
    expect(rungBudgets(1, 3 ** 20, 3)).toHaveLength(21);
    expect(rungBudgets(1, 1000, 10)).toEqual([1, 10, 100, 1000]);
  });

  it('keeps max(1, ⌊n/η⌋) per rung', () => {
    expect(rungCounts(27, 3, 3)).toEqual([27, 9, 3]);
    expect(rungCounts(10, 3, 4)).toEqual([10, 3, 1, 1]);
    expect(rungCounts(2, 3, 3)).toEqual([2, 1, 1]);
  });

  it('with aggressive elimination, repeats the first cut until the last rung has fewer than η', () => {
    expect(rungCounts(500, 3, 4)).toEqual([500, 166, 55, 18]);
    expect(rungCounts(500, 3, 4, true)).toEqual([500, 18, 6, 2]);
    expect(extraCuts(500, 3, 4)).toBe(2);
    // A ladder long enough is left as it is; one rung has no cut to repeat.
    expect(rungCounts(27, 3, 4, true)).toEqual([27, 9, 3, 1]);
    expect(rungCounts(81, 3, 4, true)).toEqual([81, 9, 3, 1]);
    expect(rungCounts(80, 3, 4, true)).toEqual([80, 26, 8, 2]);
    expect(rungCounts(50, 3, 1, true)).toEqual([50]);
    const rng = new Rng(7);
    for (let i = 0; i < 500; i++) {
      const n = 1 + rng.int(5000);
      const eta = [2, 2.5, 3, 4][rng.int(4)]!;
      const rungs = 2 + rng.int(5);
      const counts = rungCounts(n, eta, rungs, true);
      expect(counts.at(-1)!, `${n} ${eta} ${rungs}`).toBeLessThan(Math.max(eta, 2));
      // Rung 1 is the cut made 1 + extraCuts times, as scikit-learn replays its first iteration.
      let replayed = n;
      for (let c = 0; c <= extraCuts(n, eta, rungs); c++) replayed = Math.max(1, Math.floor(replayed / eta + 1e-9));
      expect(counts[1]).toBe(replayed);
      if (extraCuts(n, eta, rungs) === 0) expect(counts).toEqual(rungCounts(n, eta, rungs));
    }
  });

  it('refuses η < 2 instead of looping forever', () => {
    expect(() => rungBudgets(1, 9, 1)).toThrow(RangeError);
  });
});

describe('synchronous successive halving', () => {
  it('27 candidates, η 3, 1 → 9: 27@1, 9@3, 3@9', () => {
    const s = sha({ candidates: 27, minBudget: 1, maxBudget: 9 });
    expect(s.plan()).toEqual([{ bracket: 0, rungs: [{ rung: 0, trials: 27, budget: 1 }, { rung: 1, trials: 9, budget: 3 }, { rung: 2, trials: 3, budget: 9 }] }]);
    expect(s.totalTrials).toBe(27);
    expect(s.warmStart).toBe(true);
    expect(rungJobs(simulate(s, { workers: 4, orderSeed: 1 }))).toEqual([[0, 1, 27], [1, 3, 9], [2, 9, 3]]);
  });

  it('10 candidates, η 3, 1 → 27: 10@1, 3@3, 1@9, 1@27', () => {
    const s = sha({ candidates: 10, minBudget: 1, maxBudget: 27 });
    expect(s.plan()[0]!.rungs.map((r) => [r.trials, r.budget])).toEqual([[10, 1], [3, 3], [1, 9], [1, 27]]);
    expect(rungJobs(simulate(s))).toEqual([[0, 1, 10], [1, 3, 3], [2, 9, 1], [3, 27, 1]]);
  });

  it('aggressiveElimination: 500 candidates on 1 → 27 reach the top 2, not 18 (500@1, 18@3, 6@9, 2@27)', () => {
    const s = sha({ candidates: 500, minBudget: 1, maxBudget: 27, aggressiveElimination: true });
    expect(s.plan()[0]!.rungs.map((r) => [r.trials, r.budget])).toEqual([[500, 1], [18, 3], [6, 9], [2, 27]]);
    expect(rungJobs(simulate(s, { workers: 3, orderSeed: 2 }))).toEqual([[0, 1, 500], [1, 3, 18], [2, 9, 6], [3, 27, 2]]);
    expect(rungJobs(simulate(sha({ candidates: 500, minBudget: 1, maxBudget: 27 })))).toEqual([[0, 1, 500], [1, 3, 166], [2, 9, 55], [3, 27, 18]]);
  });

  it('fewer candidates than η keeps 1', () => {
    const s = sha({ candidates: 2, minBudget: 1, maxBudget: 9 });
    expect(rungJobs(simulate(s))).toEqual([[0, 1, 2], [1, 3, 1], [2, 9, 1]]);
  });

  it('a budget ratio that is not a power of η: rungs 1, 3, 10', () => {
    const s = sha({ candidates: 9, minBudget: 1, maxBudget: 10 });
    expect(s.plan()[0]!.rungs.map((r) => r.budget)).toEqual([1, 3, 10]);
    const r = simulate(s);
    expect(rungJobs(r)).toEqual([[0, 1, 9], [1, 3, 3], [2, 10, 1]]);
    expect(r.trials.filter((t) => t.state === 'complete').map((t) => t.budget)).toEqual([10]);
  });

  it('promotes the best in the study direction, in rank order', () => {
    const byNumber: Objective = (_p, budget, n) => ((n * 7) % 9) + 1 / budget; // ranks: 0, 4, 8, 3, 7, 2, 6, 1, 5
    const min = simulate(sha({ candidates: 9, minBudget: 1, maxBudget: 9 }), { objective: byNumber });
    expect(promoted(min, 1)).toEqual([0, 4, 8]);
    expect(promoted(min, 2)).toEqual([0]);
    const max = simulate(sha({ candidates: 9, minBudget: 1, maxBudget: 9 }, 'maximize'), { objective: byNumber });
    expect(promoted(max, 1)).toEqual([5, 1, 6]);
    expect(promoted(max, 2)).toEqual([5]);
  });

  it('breaks ties by trial number, lower first', () => {
    const r = simulate(sha({ candidates: 9, minBudget: 1, maxBudget: 9 }), { objective: () => 0.5, workers: 3, orderSeed: 7 });
    expect(promoted(r, 1)).toEqual([0, 1, 2]);
    expect(promoted(r, 2)).toEqual([0]);
  });

  it('never promotes diverged trials, even if fewer than keep remain', () => {
    // Only trials 3 and 5 survive rung 0 (the others diverge); keep would be 3.
    const objective: Objective = (_p, b, n) => (b === 1 && n !== 3 && n !== 5 ? Number.NaN : n);
    const r = simulate(sha({ candidates: 9, minBudget: 1, maxBudget: 9 }), { objective });
    expect(promoted(r, 1)).toEqual([3, 5]);
    expect(promoted(r, 2)).toEqual([3]);
    expect(r.decisions.at(-1)).toEqual({ kind: 'done' });
  });

  it('is done when every trial of a rung failed', () => {
    const all = simulate(sha({ candidates: 9, minBudget: 1, maxBudget: 9 }), { objective: () => Number.POSITIVE_INFINITY });
    expect(all.decisions.map((d) => d.kind)).toEqual([...Array<string>(9).fill('start'), 'done']);
    const later = simulate(sha({ candidates: 9, minBudget: 1, maxBudget: 9 }), { objective: (_p, b) => (b === 3 ? Number.NaN : 1) });
    expect(later.decisions.map((d) => d.kind)).toEqual([...Array<string>(9).fill('start'), 'promote', 'promote', 'promote', 'done']);
  });

  it('decides a rung only when none of its trials is queued or running', () => {
    const s = sha({ candidates: 3, minBudget: 1, maxBudget: 3 });
    const done = [trial(0, { values: { 1: 0.3 } }), trial(1, { values: { 1: 0.1 } })];
    expect(s.next({ trials: [...done, trial(2, { state: 'running', target: 1 })] })).toEqual({ kind: 'wait' });
    expect(s.next({ trials: [...done, trial(2, { state: 'queued', target: 1 })] })).toEqual({ kind: 'wait' });
    expect(s.next({ trials: [...done, trial(2, { values: { 1: 0.2 } })] })).toEqual({ kind: 'promote', number: 1, budget: 3, bracket: 0, rung: 1 });
    expect(s.next({ trials: [...done, trial(2, { state: 'failed', target: 1 })] })).toEqual({ kind: 'promote', number: 1, budget: 3, bracket: 0, rung: 1 });
  });

  it('promotes a trial before its rung finishes once no pending result can push it out of the top n/η', () => {
    // 9 candidates keep 3; trial 8 still runs, so a trial is certain when fewer than 3 − 1 rank before it.
    const s = sha({ candidates: 9, minBudget: 1, maxBudget: 9 });
    const values = [0.5, 0.1, 0.7, 0.2, 0.9, 0.3, 0.8, 0.6];
    const done = values.map((v, n) => trial(n, { values: { 1: v } }));
    const running = trial(8, { state: 'running', target: 1 });
    expect(s.next({ trials: [...done, running] })).toEqual({ kind: 'promote', number: 1, budget: 3, bracket: 0, rung: 1 });
    const after1 = done.map((t) => (t.number === 1 ? trial(1, { state: 'running', target: 3, values: { 1: 0.1 } }) : t));
    expect(s.next({ trials: [...after1, running] })).toEqual({ kind: 'promote', number: 3, budget: 3, bracket: 0, rung: 1 });
    // Trial 5 (third best so far) is not certain: trial 8 may still beat it.
    const after3 = after1.map((t) => (t.number === 3 ? trial(3, { state: 'running', target: 3, values: { 1: 0.2 } }) : t));
    expect(s.next({ trials: [...after3, running] })).toEqual({ kind: 'wait' });
    expect(s.next({ trials: [...after3, trial(8, { values: { 1: 0.25 } })] })).toEqual({ kind: 'promote', number: 8, budget: 3, bracket: 0, rung: 1 });
    expect(s.next({ trials: [...after3, trial(8, { values: { 1: 0.95 } })] })).toEqual({ kind: 'promote', number: 5, budget: 3, bracket: 0, rung: 1 });
  });

  it('counts the trials the rung below may still promote as pending, and starts the highest rung first', () => {
    // 27 candidates: 27@1 → 9@3 → 3@9. Rung 0 is finished but has promoted only 7 of its 9 to rung 1.
    const s = sha({ candidates: 27, minBudget: 1, maxBudget: 9 });
    const rung0 = Array.from({ length: 27 }, (_, n) => trial(n, { values: { 1: 1 + n } }));
    const rung1 = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
    const trials = rung0.map((t) => (t.number < 7 ? trial(t.number, { values: { 1: 1 + t.number, 3: rung1[t.number]! } }) : t));
    // Rung 1 lacks 2 trials: its best (trial 0) is certain to stay in its top 3, and goes up before rung 0's next promotion.
    expect(s.next({ trials })).toEqual({ kind: 'promote', number: 0, budget: 9, bracket: 0, rung: 2 });
    const up0 = trials.map((t) => (t.number === 0 ? { ...t, state: 'running' as const, target: 9 } : t));
    // Trial 1 ranks second with 2 to come: not certain; rung 0 promotes trial 7 instead.
    expect(s.next({ trials: up0 })).toEqual({ kind: 'promote', number: 7, budget: 3, bracket: 0, rung: 1 });
  });

  it('starts missing candidates first, with params from deriveSeed(seed, n)', () => {
    const s = sha({ candidates: 3, minBudget: 1, maxBudget: 3 }, 'minimize', 77);
    const d = s.next({ trials: [trial(0, { state: 'running', target: 1 })] });
    expect(d).toEqual({ kind: 'start', number: 1, params: sampleParams(space, new Rng(deriveSeed(77, 1))), budget: 1, bracket: 0, rung: 0 });
  });

  it('does not promote a kept trial twice, nor replace one that failed at the next rung', () => {
    const s = sha({ candidates: 9, minBudget: 1, maxBudget: 9 });
    const rung0 = (n: number, extra: object = {}) => trial(n, { values: { 1: n / 10 }, ...extra });
    const base = Array.from({ length: 9 }, (_, n) => rung0(n));
    // 0 promoted and running at 3 → next kept trial, 1.
    const v1 = base.map((t) => (t.number === 0 ? trial(0, { state: 'running', values: { 1: 0 }, target: 3 }) : t));
    expect(s.next({ trials: v1 })).toEqual({ kind: 'promote', number: 1, budget: 3, bracket: 0, rung: 1 });
    // 0 failed at 3, 1 and 2 finished at 3: rung 1 is decided without a substitute for 0.
    const v2 = base.map((t) =>
      t.number === 0 ? trial(0, { state: 'failed', values: { 1: 0 }, budget: 1, target: 3 })
      : t.number === 1 ? trial(1, { values: { 1: 0.1, 3: 0.09 } })
      : t.number === 2 ? trial(2, { values: { 1: 0.2, 3: 0.05 } })
      : t,
    );
    expect(s.next({ trials: v2 })).toEqual({ kind: 'promote', number: 2, budget: 9, bracket: 0, rung: 2 });
  });

  it('gives the same trials and values with 1 or 3 workers', () => {
    const key = (r: SimResult) => r.jobs.map((j) => `${j.number}@${j.to}=${j.value}`).sort();
    const one = simulate(sha({ candidates: 30, minBudget: 1, maxBudget: 27 }, 'minimize', 9));
    const three = simulate(sha({ candidates: 30, minBudget: 1, maxBudget: 27 }, 'minimize', 9), { workers: 3, orderSeed: 4 });
    expect(key(three)).toEqual(key(one));
  });

  it('promotes exactly the trials of the textbook barrier algorithm, whatever the order results arrive in (ties, failures)', () => {
    // The reference decides each rung once all of it is known: the best max(1, ⌊n/η⌋) finite values, ties by number.
    // With aggressive elimination it decides rung 0 again and again, as scikit-learn replays its first iteration, until
    // the cuts left in the ladder bring the survivors to fewer than η.
    const reference = (candidates: number, budgets: readonly number[], eta: number, value: Objective, dir: Direction, aggressive: boolean) => {
      const sign = dir === 'maximize' ? -1 : 1;
      const reached = new Map<number, number>();
      let rung = Array.from({ length: candidates }, (_, n) => n);
      let planned = candidates;
      let cutsLeft = 0;
      for (let n = candidates; n >= eta; n = Math.max(1, Math.floor(n / eta + 1e-9))) cutsLeft++;
      for (let i = 0; i < budgets.length; i++) {
        const b = budgets[i]!;
        const finite = rung.filter((n) => Number.isFinite(value({}, b, n)));
        for (const n of rung) if (Number.isFinite(value({}, b, n))) reached.set(n, b);
        if (i === budgets.length - 1) break;
        finite.sort((a, c) => sign * (value({}, b, a) - value({}, b, c)) || a - c);
        let replays = aggressive && i === 0 ? Math.max(0, cutsLeft - (budgets.length - 1)) : 0;
        do {
          planned = Math.max(1, Math.floor(planned / eta + 1e-9));
          cutsLeft--;
        } while (replays-- > 0);
        rung = finite.slice(0, planned);
      }
      return [...reached].sort((a, c) => a[0] - c[0]);
    };
    const rng = new Rng(2024);
    let replayed = 0;
    for (let round = 0; round < 60; round++) {
      const candidates = 2 + rng.int(rng.int(2) === 0 ? 40 : 120);
      const eta = [2, 3, 4][rng.int(3)]!;
      const maxBudget = [4, 9, 16, 27][rng.int(4)]!;
      const dir: Direction = rng.next() < 0.5 ? 'minimize' : 'maximize';
      const seed = rng.int(1e6);
      // Coarse values make ties; some trials diverge at some budget.
      const value: Objective = (_p, b, n) => {
        const r = new Rng(deriveSeed(seed, n * 1000 + b)).next();
        return r < 0.08 ? Number.NaN : Math.round(r * 6) / (1 + Math.log(b));
      };
      const aggressive = rng.int(3) === 0;
      const strategy = () => sha({ candidates, reductionFactor: eta, minBudget: 1, maxBudget, aggressiveElimination: aggressive }, dir);
      const want = reference(candidates, rungBudgets(1, maxBudget, eta), eta, value, dir, aggressive);
      if (aggressive && extraCuts(candidates, eta, rungBudgets(1, maxBudget, eta).length) > 0) replayed++;
      for (const workers of [1, 2, 3, 5]) {
        const r = simulate(strategy(), { workers, orderSeed: round * 7 + workers, objective: value, checkImmutability: false });
        const got = r.jobs.filter((j) => j.value !== null).map((j) => [j.number, j.to] as [number, number]);
        const last = new Map<number, number>();
        for (const [n, b] of got) last.set(n, Math.max(b, last.get(n) ?? 0));
        expect([...last].sort((a, c) => a[0] - c[0]), `round ${round}, ${workers} workers`).toEqual(want);
      }
    }
    // Rounds where aggressive elimination did repeat the first cut.
    expect(replayed).toBeGreaterThanOrEqual(5);
  });

  it('with several workers, starts rung i+1 before rung i has finished (no idle barrier)', () => {
    const r = simulate(sha({ candidates: 81, minBudget: 1, maxBudget: 27 }, 'minimize', 3), { workers: 4, orderSeed: 9 });
    // The first promotion comes once all 81 candidates are started; the jobs running then are all rung 0's.
    const first = r.steps.find((st) => st.decision.kind === 'promote')!;
    expect(first.decision).toMatchObject({ rung: 1 });
    expect(first.inFlightBefore).toBeGreaterThan(0);
    // Rungs 2 and 3 get their first trial before the rung below has received all of its own.
    for (const rung of [2, 3]) {
      const at = r.steps.findIndex((st) => st.decision.kind === 'promote' && st.decision.rung === rung);
      const below = r.steps.slice(at + 1).some((st) => st.decision.kind === 'promote' && st.decision.rung === rung - 1);
      expect(below, `rung ${rung}`).toBe(true);
    }
  });

  it('takes Sobol point n as candidate n with the Sobol sampler, and leaves the random sampler as it was', () => {
    const uniforms = sobolUniforms(space, 6);
    const trials = simulate(sha({ candidates: 16, minBudget: 1, maxBudget: 9, sampler: 'sobol' }, 'minimize', 6)).trials;
    for (const t of trials) expect(t.params).toEqual(sampleParams(space, uniforms(t.number)));
    const random = simulate(sha({ candidates: 16, minBudget: 1, maxBudget: 9 }, 'minimize', 6)).trials;
    for (const t of random) expect(t.params).toEqual(sampleParams(space, new Rng(deriveSeed(6, t.number))));
  });

  it('takes grid cell n as candidate n with the grid sampler', () => {
    const s = sha({ candidates: 48, minBudget: 1, maxBudget: 9, sampler: 'grid' }, 'minimize', 0, mixedSpace);
    const r = simulate(s);
    for (const t of r.trials) expect(t.params).toEqual(gridCell(mixedSpace, t.number));
    expect(() => sha({ candidates: 49, minBudget: 1, maxBudget: 9, sampler: 'grid' }, 'minimize', 0, mixedSpace)).toThrow(
      'strategy.candidates must be <= the number of grid cells (48) when sampler is "grid" (got 49)',
    );
    expect(() => sha({ candidates: 4, minBudget: 1, maxBudget: 9, sampler: 'grid' })).toThrow(ValidationError);
  });

  it('spreads fewer candidates than cells over the grid: a seeded sample of cells, in grid order', () => {
    const cells = (seed: number) => simulate(sha({ candidates: 12, minBudget: 1, maxBudget: 9, sampler: 'grid' }, 'minimize', seed, mixedSpace)).trials.map((t) => t.params);
    const a = cells(1);
    expect(new Set(a.map((p) => JSON.stringify(p))).size).toBe(12);
    expect(cells(1)).toEqual(a);
    expect(cells(2)).not.toEqual(a);
    // Not the first 12 cells, which all have the first lr and momentum values.
    expect(new Set(a.map((p) => p.lr)).size).toBeGreaterThan(1);
    expect(new Set(a.map((p) => p.momentum)).size).toBeGreaterThan(1);
    const all = Array.from({ length: 48 }, (_, i) => JSON.stringify(gridCell(mixedSpace, i)));
    const at = a.map((p) => all.indexOf(JSON.stringify(p)));
    expect(at).toEqual([...at].sort((x, y) => x - y));
    expect(gridSubset(48, 48, 5)).toEqual(Int32Array.from({ length: 48 }, (_, i) => i));
  });
});
