import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudy, defineStudy, float, openStorage, RungsError } from '../../src/index.js';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import { tempDir } from '../helpers/run-cli.js';

describe('ask/tell', () => {
  it("keeps attributes told: a told object's entries that are not numbers, and opts.attrs; bad ones are refused", async () => {
    const db = path.join(tempDir(), 'attrs.db');
    const study = await createStudy(defineStudy({ name: 'attrs', metric: 'loss', space: { x: float(0, 1) }, strategy: { type: 'random', trials: 3 } }), { storage: db });
    const t0 = (await study.ask())!;
    await study.tell(t0, { loss: 0.3, accuracy: 0.9, path: '/m/0', cfg: { depth: 2 } }, { attrs: { by: 'me' } });
    const t1 = (await study.ask())!;
    await expect(study.tell(t1, 0.2, { attrs: { f: undefined } })).rejects.toMatchObject({
      code: 'E_BAD_TELL',
      message: 'tell(trial 1, …): attrs: attribute "f" must be a JSON value: text, a number, a boolean, null, an array or an object (got undefined)',
    });
    await study.tell(t1, { state: 'failed', error: 'oom' }, { attrs: { stage: 'fit' } });
    await study.close();
    const store = openStorage(db);
    const trials = await store.trials('attrs');
    await store.close();
    expect(trials[0]).toMatchObject({ state: 'complete', metrics: { loss: 0.3, accuracy: 0.9 }, attrs: { path: '/m/0', cfg: { depth: 2 }, by: 'me' } });
    expect(trials[1]).toMatchObject({ state: 'failed', error: 'oom', attrs: { stage: 'fit' } });
  }, 30_000);

  it('hands a promoted trial the checkpoint it was told with, and deletes every checkpoint once the strategy is done', async () => {
    const storage = openSqliteStorage(path.join(tempDir(), 'ask-tell.db'));
    const checkpoints = () => (storage.db.prepare('SELECT COUNT(*) AS n FROM checkpoints').get() as { n: number }).n;
    try {
      const study = await createStudy(
        defineStudy({
          name: 'ask-tell-checkpoints',
          seed: 3,
          space: { lr: float(1e-3, 1, { log: true }) },
          strategy: { type: 'successive-halving', candidates: 9, reductionFactor: 3, minBudget: 1, maxBudget: 9 },
        }),
        { storage },
      );
      let most = 0;
      const promoted: Array<{ number: number; fromBudget: number; checkpoint: number[] }> = [];
      for (let t = await study.ask(); t; t = await study.ask()) {
        if (t.fromBudget > 0) promoted.push({ number: t.number, fromBudget: t.fromBudget, checkpoint: [...(t.checkpoint ?? [])] });
        const loss = (Math.log10(t.params.lr) + 1) ** 2 + 1 / t.budget;
        await study.tell(t, loss, { checkpoint: new Uint8Array([t.number, t.budget]) });
        most = Math.max(most, checkpoints());
      }
      // 3 promotions from budget 1, then 1 from budget 3, each with the bytes told at the end of its last job.
      expect(promoted.map((p) => p.fromBudget)).toEqual([1, 1, 1, 3]);
      for (const p of promoted) expect(p.checkpoint).toEqual([p.number, p.fromBudget]);
      expect(most).toBeGreaterThanOrEqual(8);
      expect(checkpoints()).toBe(0);
      await study.close();
    } finally {
      await storage.close();
    }
  }, 30_000);

  const sha = (name: string) =>
    defineStudy({
      name,
      seed: 4,
      space: { lr: float(1e-3, 1, { log: true }) },
      strategy: { type: 'successive-halving', candidates: 3, reductionFactor: 3, minBudget: 1, maxBudget: 3 },
    });

  it('PBT: a fork starts from its donor\'s checkpoint at the boundary, asked with its donor\'s next job and told after it', async () => {
    const storage = openSqliteStorage(path.join(tempDir(), 'ask-tell-pbt.db'));
    try {
      const study = await createStudy(
        defineStudy({
          name: 'ask-tell-pbt',
          seed: 5,
          space: { lr: float(1e-3, 1, { log: true }) },
          strategy: { type: 'pbt', population: 4, interval: 2, maxBudget: 6, quantile: 0.5, mutate: ['lr'] },
        }),
        { storage },
      );
      // One "weight" w trained towards 1: each epoch moves it by lr of the way; the checkpoint is w's 8 bytes.
      const told = new Map<string, number>();
      const forks: Array<{ number: number; from: number; budget: number; fromBudget: number; w: number }> = [];
      const seen = new Set<number>();
      for (;;) {
        // Ask a whole generation before telling any of it: a fork's donor is asked (and told) in the same batch.
        const batch = [];
        for (let i = 0; i < 4; i++) {
          const t = await study.ask().catch((e: RungsError) => (e.code === 'E_WAIT' ? undefined : Promise.reject(e)));
          if (!t) break;
          batch.push(t);
        }
        if (batch.length === 0) break;
        for (const t of [...batch].reverse()) {
          let w = t.checkpoint ? new Float64Array(t.checkpoint.slice().buffer)[0]! : 0;
          // forkOf is on a fork's first job only (a new trial that starts past epoch 0); its later jobs continue its own.
          expect(t.forkOf !== undefined).toBe(!seen.has(t.number) && t.fromBudget > 0);
          seen.add(t.number);
          if (t.forkOf) forks.push({ number: t.number, ...t.forkOf, fromBudget: t.fromBudget, w });
          for (let e = t.fromBudget; e < t.budget; e++) w += t.params.lr * (1 - w);
          told.set(`${t.number}@${t.budget}`, w);
          await study.tell(t, (1 - w) ** 2, { checkpoint: new Uint8Array(new Float64Array([w]).buffer) });
        }
      }
      // Two replaced at epochs 2 and 4; each starts where its donor's weight was at the boundary.
      expect(forks).toHaveLength(4);
      for (const f of forks) {
        expect(f.fromBudget).toBe(f.budget);
        expect(f.w).toBe(told.get(`${f.from}@${f.budget}`));
      }
      const complete = (await storage.getTrials((await storage.getStudy('ask-tell-pbt'))!.id, { states: ['complete'] })).map((t) => t.number);
      expect(complete).toHaveLength(4);
      await study.close();
    } finally {
      await storage.close();
    }
  }, 30_000);

  it("takes openStorage()'s StudyStore as its storage (left open), and refuses what is no storage with a UsageError", async () => {
    const db = path.join(tempDir(), 'ask-store.db');
    const store = openStorage(db);
    const study = await createStudy(sha('via-store'), { storage: store });
    const t = (await study.ask())!;
    await study.tell(t, 0.5);
    const untold = (await study.ask())!;
    await study.close();
    // The handle did not close a store it was given: it still answers. The handle itself neither asks nor tells.
    expect((await store.studies()).map((s) => s.name)).toEqual(['via-store']);
    for (const call of [() => study.ask(), () => study.tell(untold, 1)]) {
      const e = await call().catch((err: unknown) => err);
      expect((e as RungsError).code).toBe('E_CLOSED');
      expect((e as RungsError).message).toMatch(/the study handle of "via-store" is closed \(trials it had not told went back to the queue\)/);
    }
    expect((await store.trials('via-store')).map((x) => x.state)).toEqual(['pruned', 'queued']);
    await store.close();
    for (const [opts, message] of [
      [undefined, 'createStudy: the options must be an object with at least storage (got undefined)'],
      [{ storage: {} }, 'createStudy: storage must be the path of a SQLite file, a Storage or the StudyStore of openStorage() (got {})'],
    ] as const) {
      const e = await createStudy(sha('nowhere'), opts as never).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(RungsError);
      expect([(e as RungsError).code, (e as RungsError).message]).toEqual(['E_USAGE', message]);
    }
  });

  it('TPE: asking ahead of maxConcurrent names the trials to tell; concurrent workers with a handle each all finish, as on a pool', async () => {
    const db = path.join(tempDir(), 'ask-tpe.db');
    const def = defineStudy({ name: 'ask-tpe', seed: 3, space: { x: float(-5, 5) }, strategy: { type: 'tpe', trials: 24, startupTrials: 4, maxConcurrent: 2 } });
    const study = await createStudy(def, { storage: db });
    // Random startup: trials 0..4 (startupTrials 4 + maxConcurrent 2 − 1) come without waiting.
    const asked = [];
    for (let i = 0; i < 5; i++) asked.push((await study.ask())!);
    // Trial 5 learns from trials 0..3.
    const error = await study.ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RungsError);
    expect((error as RungsError).code).toBe('E_WAIT');
    expect((error as RungsError).message).toMatch(/^trial 5 depends on trials 0 … 3 \(TPE draws it from them; the strategy runs at most 2 at once\): tell trial\(s\) 0, 1, 2, 3 first, or raise maxConcurrent/);
    for (const t of asked.slice(0, 3)) await study.tell(t, (t.params.x - 1) ** 2);
    expect(((await study.ask().catch((e: unknown) => e)) as RungsError).message).toMatch(/tell trial\(s\) 3 first/);
    for (const t of asked.slice(3)) await study.tell(t, (t.params.x - 1) ** 2);
    await study.close();

    // Three concurrent workers, each with its own handle, on the rest of the study: ask() waits for the others' trials.
    const worker = async () => {
      const mine = await createStudy(def, { storage: db, existing: 'resume' });
      for (let t = await mine.ask(); t; t = await mine.ask()) {
        await new Promise((r) => setTimeout(r, 5 + (t!.number % 3) * 7));
        await mine.tell(t, (t.params.x - 1) ** 2);
      }
      await mine.close();
    };
    await Promise.all([worker(), worker(), worker()]);
    const store = openStorage(db);
    try {
      const trials = await store.trials('ask-tpe');
      expect(trials).toHaveLength(24);
      expect(trials.every((t) => t.state === 'complete')).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);

  it("hands out, while it waits, a trial whose process died holding it (ask() waited forever)", async () => {
    const db = path.join(tempDir(), 'dead.db');
    const a = await createStudy(sha('dead-owner'), { storage: db });
    for (let i = 0; i < 2; i++) {
      const t = (await a.ask())!;
      await a.tell(t, t.number);
    }
    // Another handle asks trial 2; then its process "dies": the trial is held by a pid that does not exist.
    const b = await createStudy(sha('dead-owner'), { storage: db, existing: 'resume' });
    expect((await b.ask())!.number).toBe(2);
    let dead = 4_000_000;
    while (isAlive(dead)) dead++;
    const storage = openSqliteStorage(db);
    storage.db.prepare('UPDATE trials SET owner = ? WHERE number = 2').run(`${os.hostname()}:${dead}:00000000`);
    await storage.close();
    const next = await Promise.race([a.ask(), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5_000))]);
    expect(next === 'hung' ? next : next?.number).toBe(2);
    await a.close();
  }, 30_000);

  it('counts a prune or a failure as far as its last report: a trial pruned before reaching its rung is not promoted', async () => {
    const db = path.join(tempDir(), 'pruned.db');
    const s = await createStudy(sha('pruned-early'), { storage: db });
    const promoted: number[] = [];
    for (let t = await s.ask(); t; t = await s.ask()) {
      if (t.budget === 3) promoted.push(t.number);
      // Trial 0 would win, but stops before reporting anything.
      if (t.number === 0) await s.tell(t, { state: 'pruned', value: -1 });
      else await s.tell(t, t.number);
    }
    expect(promoted).toEqual([1]);
    const [zero] = (await s.best(3)).filter((t) => t.number === 0);
    expect(zero).toMatchObject({ state: 'pruned', budget: 0, epochsTrained: 0 });
    // Its value is under the metric's name too, as a complete trial's is (export's metric_ column).
    expect(zero!.metrics).toEqual({ value: -1 });
    await s.close();
  });

  it.each([
    { type: 'cmaes', why: 'CMA-ES draws it from the generations before its own', bred: false },
    // Without mutation, each param of an NSGA-II child comes from a trial of generation 0.
    { type: 'nsga2', why: 'NSGA-II breeds it from the generations before its own', bred: true, mutationProb: 0 },
  ] as const)('$type: asking past a generation names all of the generation before, and popsize (not maxConcurrent)', async ({ type, why, bred, ...rest }) => {
    const strategy = { type, trials: 9, popsize: 3, ...rest };
    const def = defineStudy({ name: `ask-${type}`, seed: 2, space: { x: float(0, 1), y: float(0, 1) }, strategy });
    const s = await createStudy(def, { storage: path.join(tempDir(), `ask-${type}.db`) });
    const asked = [await s.ask(), await s.ask(), await s.ask()];
    const error = await s.ask().catch((e: unknown) => e);
    expect((error as RungsError).code).toBe('E_WAIT');
    // Was: "trial 3 depends on trials 0 … 0 (its pruner's thresholds come from them; …): tell trial(s) 0 first, or raise maxConcurrent".
    expect((error as RungsError).message).toMatch(
      new RegExp(`^trial 3 depends on trials 0 … 2 \\(${why}; the strategy runs at most 3 at once\\): tell trial\\(s\\) 0, 1, 2 first, or raise popsize to ask further ahead`),
    );
    await s.tell(asked[0]!, 1);
    await s.tell(asked[1]!, 2);
    expect(((await s.ask().catch((e: unknown) => e)) as RungsError).message).toMatch(/^trial 3 depends on trials 0 … 2 \(.*\): tell trial\(s\) 2 first/);
    await s.tell(asked[2]!, 3);
    const next = (await s.ask())!;
    expect(next.number).toBe(3);
    if (bred) for (const k of ['x', 'y'] as const) expect(asked.map((t) => t!.params[k])).toContain(next.params[k]);
    await s.close();
  });

  it('cmaes with repeats: asking past a generation names its trials, each configuration\'s repeats included', async () => {
    const def = defineStudy({ name: 'ask-cmaes-repeats', seed: 2, repeats: 2, space: { x: float(0, 1), y: float(0, 1) }, strategy: { type: 'cmaes', trials: 9, popsize: 3 } });
    const s = await createStudy(def, { storage: path.join(tempDir(), 'ask-cmaes-repeats.db') });
    // Generation 0 is configurations 0 … 2, i.e. trials 0 … 5 (two repeats each).
    for (let i = 0; i < 6; i++) await s.ask();
    const error = await s.ask().catch((e: unknown) => e);
    expect((error as RungsError).code).toBe('E_WAIT');
    expect((error as RungsError).message).toMatch(/^trial 6 depends on trials 0 … 5 \(.*\): tell trial\(s\) 0, 1, 2, 3, 4, 5 first/);
    await s.close();
  });

  it('random search with the median pruner: asking past the history names the trials to tell, and why, without TPE', async () => {
    const def = defineStudy({ name: 'ask-random-median', seed: 2, budget: 6, space: { x: float(0, 1) }, strategy: { type: 'random', trials: 16, pruner: { type: 'median' } } });
    const s = await createStudy(def, { storage: path.join(tempDir(), 'ask-random-median.db') });
    // Trials 0 … 7 come without waiting: trial 8 is the first whose history (0 … 4) holds startupTrials 5.
    for (let i = 0; i < 8; i++) await s.ask();
    const error = await s.ask().catch((e: unknown) => e);
    expect((error as RungsError).code).toBe('E_WAIT');
    expect((error as RungsError).message).toMatch(/^trial 8 depends on trials 0 … 4 \(its pruner's thresholds come from them; the strategy runs at most 4 at once\): tell trial\(s\) 0, 1, 2, 3, 4 first/);
    await s.close();
  });

  it('GP with the median pruner: a random trial waits for its pruner only; a model-drawn one for both, and E_WAIT says which', async () => {
    const def = defineStudy({ name: 'ask-gp-median', seed: 2, budget: 6, space: { x: float(0, 1) }, strategy: { type: 'gp', trials: 16, pruner: { type: 'median' } } });
    const s = await createStudy(def, { storage: path.join(tempDir(), 'ask-gp-median.db') });
    // Trial 8 is still random (the GP draws from trial 13), but its pruner's history 0 … 4 must be told.
    const asked = [];
    for (let i = 0; i < 8; i++) asked.push((await s.ask())!);
    const error = await s.ask().catch((e: unknown) => e);
    expect((error as RungsError).message).toMatch(/^trial 8 depends on trials 0 … 4 \(its pruner's thresholds come from them; the strategy runs at most 4 at once\)/);
    for (const t of asked) await s.tell(t, t.params.x);
    const next = [];
    for (let i = 8; i < 12; i++) next.push((await s.ask())!);
    await s.tell(next[0]!, 0.5);
    expect((await s.ask())?.number).toBe(12);
    // Trial 13, the GP's first, learns from trials 0 … 9: both reasons.
    const later = await s.ask().catch((e: unknown) => e);
    expect((later as RungsError).message).toMatch(/^trial 13 depends on trials 0 … 9 \(the GP draws it from them, and its pruner's thresholds come from them; the strategy runs at most 4 at once\): tell trial\(s\) 9 first/);
    await s.close();
  });

  it('a trial told { state: \'pruned\' } once shouldPrune() is true at its budget is complete: it trained all of it', async () => {
    const db = path.join(tempDir(), 'told-pruned.db');
    const def = defineStudy({ name: 'told-pruned', seed: 2, budget: 6, space: { x: float(0, 1) }, strategy: { type: 'random', trials: 16, pruner: { type: 'median', startupTrials: 2 } } });
    const s = await createStudy(def, { storage: db });
    // Optuna's idiom: report, and tell pruned when shouldPrune() says so, which it also does at the budget.
    for (let t = await s.ask(); t; t = await s.ask()) {
      let told = false;
      for (let step = t.fromBudget + 1; step <= t.budget && !told; step++) {
        t.report(step, t.params.x + 1 / step);
        if (t.shouldPrune()) {
          await s.tell(t, { state: 'pruned' });
          told = true;
        }
      }
    }
    const store = openStorage(db);
    const trials = await store.trials('told-pruned');
    await store.close();
    const complete = trials.filter((t) => t.state === 'complete');
    // The trials that reached the budget are complete (so the median pruner has a history), the others pruned below it.
    expect(complete.length).toBeGreaterThanOrEqual(2);
    for (const t of complete) expect([t.budget, t.value]).toEqual([6, (t.params.x as number) + 1 / 6]);
    const pruned = trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) expect(t.budget).toBeLessThan(6);
    await s.close();
  });

  it("stores the metrics reported beside each step as their own curves, across a trial's jobs", async () => {
    const storage = openSqliteStorage(path.join(tempDir(), 'metric-curves.db'));
    try {
      const s = await createStudy(sha('metric-curves'), { storage });
      for (let t = await s.ask(); t; t = await s.ask()) {
        for (let step = t.fromBudget + 1; step <= t.budget; step++) t.report(step, t.params.lr / step, { grad_norm: step * t.params.lr, value: 5 });
        await s.tell(t, t.params.lr / t.budget);
      }
      const trials = await storage.getTrials((await storage.getStudy('metric-curves'))!.id);
      const curves = await storage.getMetricCurves(trials.map((t) => t.id));
      trials.forEach((t, i) => {
        const lr = t.params.lr as number;
        // Every step the trial trained, in every job; "value", the study's metric, is its learning curve, not another.
        expect(curves[i]).toEqual({ grad_norm: Array.from({ length: t.budget }, (_, k) => ({ step: k + 1, value: (k + 1) * lr })) });
      });
      expect(Math.max(...trials.map((t) => t.budget))).toBe(3);
      await s.close();
    } finally {
      await storage.close();
    }
  });

  it('refuses a bad report or tell where it is made, and the trial can still be told', async () => {
    const s = await createStudy(sha('bad-tell'), { storage: path.join(tempDir(), 'bad.db') });
    const t = (await s.ask())!;
    expect(() => t.report(Number.NaN, 1)).toThrow(expect.objectContaining({ code: 'E_BAD_REPORT' }));
    expect(() => t.report(1, 'x' as never)).toThrow(/step must be a finite number and value a number \(got 1, "x"\)/);
    expect(() => t.report(1, 0.5, [0.9] as never)).toThrow(
      expect.objectContaining({ code: 'E_BAD_REPORT', message: 'report(step, value, metrics) of trial 0: metrics must be an object of numbers, e.g. { accuracy: 0.93 } (got [0.9])' }),
    );
    await expect(s.tell(t, 'abc' as never)).rejects.toThrow(RungsError);
    await expect(s.tell(t, { state: 'complete', value: 1 } as never)).rejects.toThrow(
      /must be a number, an object with the metric "value" \(and any other metrics\), \{ state: 'pruned'/,
    );
    await expect(s.tell(t, { loss: 1 })).rejects.toThrow(/^tell\(trial 0, …\): the value must be a number, or an object with the study's metric "value" as a number/);
    await expect(s.tell(t, 1, { metrics: { a: 'x' as never } })).rejects.toThrow('tell(trial 0, …): metrics.a must be a number (got "x")');
    t.report(1, 0.5);
    expect(await s.tell(t, 0.5)).toMatchObject({ number: 0, budget: 1, value: 0.5, error: null });
    await s.close();
  });
});

describe('ask/tell of one objective told as an object', () => {
  it('stores the metric as the value and the other numbers as metrics, beside those given in options', async () => {
    const file = path.join(tempDir(), 'told-object.db');
    const s = await createStudy(
      defineStudy({ name: 'told-object', seed: 1, metric: 'loss', space: { x: float(0, 1) }, strategy: { type: 'random', trials: 3 } }),
      { storage: file },
    );
    const t = (await s.ask())!;
    await expect(s.tell(t, { loss: 0.5, accuracy: 0.8 }, { metrics: { accuracy: 0.7 } })).rejects.toThrow(
      'tell(trial 0, …): metrics.accuracy is also in the told value: give each metric once',
    );
    expect(await s.tell(t, { loss: 0.5, accuracy: 0.8, note: 'not a metric' } as never, { metrics: { ms: 3 } })).toMatchObject({
      state: 'complete',
      value: 0.5,
      metrics: { loss: 0.5, accuracy: 0.8, ms: 3 },
    });
    const bad = (await s.ask())!;
    expect(await s.tell(bad, { loss: Number.NaN, accuracy: 0.1 })).toMatchObject({ state: 'failed', error: 'diverged', metrics: { accuracy: 0.1 } });
    await s.close();
    // As stored: read back from the file.
    const store = openStorage(file);
    const [best] = await store.best('told-object', 1);
    expect(best).toMatchObject({ number: 0, value: 0.5, metrics: { loss: 0.5, accuracy: 0.8, ms: 3 } });
    await store.close();
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('ask/tell with TPE\'s median pruner', () => {
  const def = () =>
    defineStudy({
      name: 'ask-tell-median',
      seed: 5,
      budget: 8,
      space: { x: float(0, 1) },
      strategy: { type: 'tpe', trials: 16, startupTrials: 4, maxConcurrent: 2, pruner: { type: 'median', startupTrials: 3 } },
    });
  /** The curve of trial params x: x + 1/step; better configurations are better at every step. */
  const at = (x: number, step: number) => x + 1 / step;
  type Ran = { number: number; state: string; value: number | null; budget: number };

  /** Asks and tells until done; a trial reported to the end but not told at `abandon` (once) is left to close(). */
  async function drive(storage: ReturnType<typeof openSqliteStorage>, firstPrune: Map<number, number>, abandon?: number): Promise<boolean> {
    const study = await createStudy(def(), { storage, existing: 'resume' });
    try {
      for (let t = await study.ask(); t; t = await study.ask()) {
        let stopped: number | undefined;
        for (let s = 1; s <= t.budget; s++) {
          t.report(s, at(t.params.x, s));
          if (t.shouldPrune()) {
            stopped = s;
            break;
          }
        }
        if (stopped !== undefined && stopped < t.budget) firstPrune.set(t.number, stopped);
        if (t.number === abandon) return false;
        // A number told after the pruner fired ends the trial pruned at its last step, as { state: 'pruned' } does.
        await study.tell(t, stopped !== undefined && stopped < t.budget && t.number % 2 === 0 ? { state: 'pruned' } : at(t.params.x, stopped ?? t.budget));
      }
      return true;
    } finally {
      await study.close();
    }
  }

  it('prunes a trial asked again after its handle closed (requeued, read back from storage) at the same step, with the same results', async () => {
    const ref = openSqliteStorage(path.join(tempDir(), 'ask-tell-median.db'));
    const refPrunes = new Map<number, number>();
    try {
      expect(await drive(ref, refPrunes)).toBe(true);
      const refTrials: Ran[] = (await ref.getTrials((await ref.getStudy('ask-tell-median'))!.id)).map(({ number, state, value, budget }) => ({ number, state, value, budget }));
      const pruned = refTrials.filter((t) => t.state === 'pruned');
      expect(pruned.length).toBeGreaterThan(2);
      for (const t of pruned) expect([t.budget, t.value]).toEqual([refPrunes.get(t.number), expect.any(Number)]);
      // Abandon the first pruned trial after the pruner's startup, then go on with a new handle (a new engine, curves from storage).
      const victim = pruned[0]!.number;
      const storage = openSqliteStorage(path.join(tempDir(), 'ask-tell-median-requeued.db'));
      try {
        const prunes = new Map<number, number>();
        expect(await drive(storage, prunes, victim)).toBe(false);
        expect(prunes.get(victim)).toBe(refPrunes.get(victim));
        prunes.delete(victim);
        expect(await drive(storage, prunes)).toBe(true);
        expect(prunes).toEqual(refPrunes);
        const trials: Ran[] = (await storage.getTrials((await storage.getStudy('ask-tell-median'))!.id)).map(({ number, state, value, budget }) => ({ number, state, value, budget }));
        expect(trials).toEqual(refTrials);
      } finally {
        await storage.close();
      }
    } finally {
      await ref.close();
    }
  }, 30_000);
});
