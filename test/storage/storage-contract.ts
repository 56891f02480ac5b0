/**
 * The Storage contract suite: every Storage implementation runs it (SQLite
 * now, PostgreSQL later). It uses the contract only through the Storage
 * interface.
 *
 * @example
 * storageContract('sqlite', async (file) => openSqliteStorage(file));
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RungsError, StudyExistsError } from '../../src/errors.js';
import type { Params } from '../../src/search/space.js';
import type { Direction } from '../../src/search/strategy.js';
import type { JobOutcome, NewStudy, Storage, StudyRow, TrialRow } from '../../src/storage/storage.js';

const OWNER = 'host-a:100:n1';
const OTHER = 'host-b:200:n2';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function storageContract(name: string, open: (file: string) => Promise<Storage>): void {
  describe(`Storage contract: ${name}`, () => {
    let dir: string;
    let storage: Storage;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'rungs-contract-'));
      storage = await open(join(dir, 'store.db'));
    });

    afterEach(async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    });

    function studyInput(over: Partial<NewStudy> = {}): NewStudy {
      return {
        name: 'demo',
        direction: 'minimize',
        metric: 'val_loss',
        seed: 42,
        definition: { space: { lr: { type: 'float', low: 1e-4, high: 1, log: true } }, strategy: 'random' },
        ...over,
      };
    }

    async function claimNew(
      study: StudyRow,
      number: number,
      params: Params = { lr: 0.1 * (number + 1) },
      owner = OWNER,
      target = 3,
    ): Promise<TrialRow> {
      const r = await storage.claim(study.id, owner, 0, () => ({
        kind: 'new',
        number,
        params,
        seed: 1000 + number,
        target,
        bracket: 0,
      }));
      if (!r.trial) throw new Error('claim returned no trial');
      return r.trial;
    }

    function outcome(over: Partial<JobOutcome> = {}): JobOutcome {
      const budget = over.budget ?? 3;
      const value = over.value === undefined ? 0.5 : over.value;
      return {
        state: 'complete',
        budget,
        value,
        metrics: { val_loss: value ?? NaN },
        curve: value === null ? [] : [{ step: budget, value }],
        epochsTrained: budget,
        durationMs: 10,
        ...over,
      };
    }

    /** Creates trial `number` and finishes one job of it. */
    async function finished(study: StudyRow, number: number, o: Partial<JobOutcome> = {}): Promise<TrialRow> {
      const t = await claimNew(study, number);
      await storage.finishJob(t.id, outcome(o));
      const back = await storage.getTrial(study.id, number);
      if (!back) throw new Error('trial vanished');
      return back;
    }

    describe('studies', () => {
      it('creates a study and reads it back by name', async () => {
        const input = studyInput({ attrs: { classes: ['a', 'b'] } });
        const s = await storage.createStudy(input);
        expect(s).toMatchObject({
          name: 'demo',
          direction: 'minimize',
          metric: 'val_loss',
          seed: 42,
          definition: input.definition,
          attrs: { classes: ['a', 'b'] },
        });
        expect(typeof s.id).toBe('number');
        expect(s.createdAt).toBeGreaterThan(0);
        expect(s.updatedAt).toBeGreaterThanOrEqual(s.createdAt);
        expect(await storage.getStudy('demo')).toEqual(s);
        expect(await storage.getStudy('nope')).toBeUndefined();
        expect(typeof storage.location).toBe('string');
      });

      it('defaults attrs to {}', async () => {
        const s = await storage.createStudy(studyInput());
        expect(s.attrs).toEqual({});
      });

      it('throws StudyExistsError for a taken name', async () => {
        await storage.createStudy(studyInput());
        const err = await storage.createStudy(studyInput({ seed: 7 })).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StudyExistsError);
        expect((err as StudyExistsError).code).toBe('E_STUDY_EXISTS');
        expect((await storage.getStudy('demo'))?.seed).toBe(42);
      });

      it('replaces the study definition if it is still the one expected, leaving the rest of the study and its trials', async () => {
        const s = await storage.createStudy(studyInput({ attrs: { a: 1 } }));
        await finished(s, 0, { value: 0.4 });
        const next = { strategy: { type: 'random', trials: 60 } };
        expect(await storage.setStudyDefinition(s.id, next, s.definition)).toBe(true);
        const after = await storage.getStudy('demo');
        expect(after?.definition).toEqual(next);
        expect(after?.attrs).toEqual({ a: 1 });
        expect(after?.seed).toBe(s.seed);
        expect(await storage.getTrials(s.id)).toHaveLength(1);
        // Another process's change in between: nothing is written, and the caller is told.
        expect(await storage.setStudyDefinition(s.id, { strategy: { type: 'random', trials: 50 } }, s.definition)).toBe(false);
        expect((await storage.getStudy('demo'))?.definition).toEqual(next);
        await expect(storage.setStudyDefinition(s.id + 1000, {}, {})).rejects.toThrow();
      });

      it('merges study attributes', async () => {
        const s = await storage.createStudy(studyInput({ attrs: { a: 1 } }));
        await storage.setStudyAttrs(s.id, { b: { c: [1, 2] } });
        await storage.setStudyAttrs(s.id, { a: 'one' });
        expect((await storage.getStudy('demo'))?.attrs).toEqual({ a: 'one', b: { c: [1, 2] } });
      });

      it('lists studies with counts by state and the best value', async () => {
        const a = await storage.createStudy(studyInput({ name: 'a' }));
        const b = await storage.createStudy(studyInput({ name: 'b', direction: 'maximize', metric: 'acc' }));
        await finished(a, 0, { value: 0.4 });
        await finished(a, 1, { value: 0.2 });
        await finished(a, 2, { state: 'failed', value: null, error: 'diverged' });
        await claimNew(a, 3);
        await finished(b, 0, { value: 0.7 });
        await finished(b, 1, { value: 0.9, state: 'pruned', budget: 1 });
        const list = await storage.listStudies();
        const byName = new Map(list.map((s) => [s.name, s]));
        expect([...byName.keys()].sort()).toEqual(['a', 'b']);
        expect(byName.get('a')).toMatchObject({
          direction: 'minimize',
          metric: 'val_loss',
          counts: { queued: 0, running: 1, complete: 2, pruned: 0, failed: 1 },
          bestValue: 0.2,
        });
        // Highest budget first: 0.7 at budget 3 beats 0.9 at budget 1.
        expect(byName.get('b')).toMatchObject({
          direction: 'maximize',
          counts: { queued: 0, running: 0, complete: 1, pruned: 1, failed: 0 },
          bestValue: 0.7,
        });
        await storage.createStudy(studyInput({ name: 'empty' }));
        const empty = (await storage.listStudies()).find((s) => s.name === 'empty');
        expect(empty).toMatchObject({ counts: { queued: 0, running: 0, complete: 0, pruned: 0, failed: 0 }, bestValue: null });
      });

      it('deletes a study with everything of its trials', async () => {
        const s = await storage.createStudy(studyInput());
        const keep = await storage.createStudy(studyInput({ name: 'keep' }));
        const t = await claimNew(s, 0);
        await storage.finishJob(t.id, outcome({ checkpoint: new Uint8Array([1, 2, 3]) }));
        await finished(keep, 0);
        expect(await storage.deleteStudy('demo')).toBe(true);
        expect(await storage.getStudy('demo')).toBeUndefined();
        expect(await storage.getTrials(s.id)).toEqual([]);
        expect(await storage.getCurve(t.id)).toEqual([]);
        expect(await storage.getCheckpoint(t.id)).toBeUndefined();
        expect(await storage.deleteStudy('demo')).toBe(false);
        expect(await storage.getTrials(keep.id)).toHaveLength(1);
        const again = await storage.createStudy(studyInput());
        expect(await storage.getTrials(again.id)).toEqual([]);
      });
    });

    describe('claim', () => {
      it('creates a new trial, running and owned', async () => {
        const s = await storage.createStudy(studyInput());
        const r = await storage.claim(s.id, OWNER, 0, (changed) => {
          expect(changed).toEqual([]);
          return { kind: 'new', number: 0, params: { lr: 0.01, opt: 'adam' }, seed: 77, target: 3, bracket: 1 };
        });
        expect(r.changed).toEqual([]);
        expect(r.rev).toBeGreaterThan(0);
        expect(r.trial).toMatchObject({
          studyId: s.id,
          number: 0,
          state: 'running',
          params: { lr: 0.01, opt: 'adam' },
          seed: 77,
          budget: 0,
          target: 3,
          bracket: 1,
          value: null,
          metrics: {},
          epochsTrained: 0,
          durationMs: 0,
          error: null,
          finishedAt: null,
          owner: OWNER,
          rev: r.rev,
        });
        expect(r.trial?.rungValues.size).toBe(0);
        expect(r.trial?.startedAt).toBeGreaterThan(0);
        expect(r.trial?.heartbeatAt).toBeGreaterThan(0);
        const back = await storage.getTrial(s.id, 0);
        expect(back).toEqual(r.trial);
      });

      it('keeps every kind of param value as it was given: float, int, text, bool and null', async () => {
        const s = await storage.createStudy(studyInput());
        const params = { f: 0.25, i: 3, t: 'adam', b: true, off: false, n: null, zero: 0 };
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'new', number: 0, params, seed: 1, target: 3, bracket: 0 }));
        const back = await storage.getTrial(s.id, 0);
        expect(back?.params).toEqual(params);
        // null is a value the trial has, not an absent param.
        expect(Object.keys(back!.params).sort()).toEqual(Object.keys(params).sort());
        expect((await storage.exportTrials(s.id))[0]?.params).toEqual(params);
      });

      it('writes nothing for a null decision', async () => {
        const s = await storage.createStudy(studyInput());
        const first = await storage.claim(s.id, OWNER, 0, () => null);
        expect(first).toEqual({ trial: null, trials: [], changed: [], rev: first.rev });
        await claimNew(s, 0);
        const r = await storage.claim(s.id, OWNER, 0, () => null);
        expect(r.trial).toBeNull();
        const again = await storage.claim(s.id, OWNER, r.rev, () => null);
        expect(again.rev).toBe(r.rev);
        expect(again.changed).toEqual([]);
        expect(await storage.getTrials(s.id)).toHaveLength(1);
      });

      it('passes the trials changed since sinceRev to decide (incremental sync)', async () => {
        const s = await storage.createStudy(studyInput());
        const r0 = await storage.claim(s.id, OWNER, 0, () => ({
          kind: 'new', number: 0, params: { lr: 1 }, seed: 1, target: 3, bracket: 0,
        }));
        // A caller that saw nothing yet sees trial 0.
        const r1 = await storage.claim(s.id, OTHER, 0, (changed) => {
          expect(changed.map((t) => [t.number, t.state, t.owner])).toEqual([[0, 'running', OWNER]]);
          return { kind: 'new', number: 1, params: { lr: 2 }, seed: 2, target: 3, bracket: 0 };
        });
        expect(r1.rev).toBeGreaterThan(r0.rev);
        expect(r1.changed.map((t) => t.number)).toEqual([0]);
        // Up to date: nothing changed since r1 but trial 1 itself is r1's own write.
        let seen: readonly TrialRow[] = [];
        const r2 = await storage.claim(s.id, OTHER, r1.rev, (changed) => {
          seen = changed;
          return null;
        });
        expect(seen).toEqual([]);
        expect(r2.rev).toBe(r1.rev);
        // Trial 0 finishes: the next claim sees exactly it, finished.
        await storage.finishJob(r0.trial!.id, outcome({ value: 0.25 }));
        const r3 = await storage.claim(s.id, OTHER, r2.rev, () => null);
        expect(r3.changed).toHaveLength(1);
        expect(r3.changed[0]).toMatchObject({ number: 0, state: 'complete', value: 0.25, owner: null });
        expect(r3.changed[0]!.rev).toBeGreaterThan(r2.rev);
        expect(r3.rev).toBe(r3.changed[0]!.rev);
        // getTrials with sinceRev agrees.
        expect((await storage.getTrials(s.id, { sinceRev: r2.rev })).map((t) => t.number)).toEqual([0]);
        expect((await storage.getTrials(s.id, { sinceRev: r3.rev }))).toEqual([]);
      });

      it("refuses to record a job for a trial its owner no longer holds, leaving the trial as it is", async () => {
        const s = await storage.createStudy(studyInput());
        const t = await claimNew(s, 0, undefined, OWNER);
        // The trial was requeued and claimed by another process meanwhile: the first owner's late result must not land.
        await expect(storage.finishJobs([{ trialId: t.id, outcome: outcome({ value: 9 }) }], OTHER)).rejects.toMatchObject({ code: 'E_TRIAL_NOT_HELD' });
        expect(await storage.getTrial(s.id, 0)).toMatchObject({ state: 'running', owner: OWNER, value: null });
        await storage.finishJobs([{ trialId: t.id, outcome: outcome({ value: 0.5 }) }], OWNER);
        expect(await storage.getTrial(s.id, 0)).toMatchObject({ state: 'complete', owner: null, value: 0.5 });
      });

      it('rejects a new trial whose number is taken, writing nothing', async () => {
        const s = await storage.createStudy(studyInput());
        await claimNew(s, 0);
        const before = await storage.claim(s.id, OWNER, 0, () => null);
        const err = await claimNew(s, 0, { lr: 9 }, OTHER).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RungsError);
        const trials = await storage.getTrials(s.id);
        expect(trials).toHaveLength(1);
        expect(trials[0]).toMatchObject({ owner: OWNER, params: { lr: 0.1 } });
        expect((await storage.claim(s.id, OWNER, 0, () => null)).rev).toBe(before.rev);
      });

      it('rolls back when decide throws, and passes its error through', async () => {
        const s = await storage.createStudy(studyInput());
        const boom = new Error('strategy bug');
        await expect(
          storage.claim(s.id, OWNER, 0, () => {
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await storage.getTrials(s.id)).toEqual([]);
      });

      it('claims a batch in one transaction: one revision, trials in request order', async () => {
        const s = await storage.createStudy(studyInput());
        await claimNew(s, 0);
        const t0 = (await storage.getTrial(s.id, 0))!;
        await storage.finishJob(t0.id, outcome({ state: 'pruned' }));
        const r = await storage.claim(s.id, OWNER, 0, () => [
          { kind: 'new', number: 1, params: { lr: 0.2 }, seed: 1, target: 3, bracket: 0 },
          { kind: 'existing', number: 0, target: 9 },
          { kind: 'new', number: 2, params: { lr: 0.3 }, seed: 2, target: 3, bracket: 0 },
        ]);
        expect(r.trials.map((t) => t.number)).toEqual([1, 0, 2]);
        expect(r.trial?.number).toBe(1);
        expect(new Set(r.trials.map((t) => t.rev))).toEqual(new Set([r.rev]));
        expect(r.trials.every((t) => t.state === 'running' && t.owner === OWNER)).toBe(true);
        expect(r.trials[1]!.target).toBe(9);
      });

      it('writes none of a batch when one request fails', async () => {
        const s = await storage.createStudy(studyInput());
        await claimNew(s, 0);
        const err = await storage
          .claim(s.id, OWNER, 0, () => [
            { kind: 'new', number: 1, params: { lr: 0.2 }, seed: 1, target: 3, bracket: 0 },
            { kind: 'new', number: 0, params: { lr: 0.3 }, seed: 2, target: 3, bracket: 0 },
          ])
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RungsError);
        expect((await storage.getTrials(s.id)).map((t) => t.number)).toEqual([0]);
      });

      it('leaves out of changed the trials the caller holds at their revision (known)', async () => {
        const s = await storage.createStudy(studyInput());
        const a = await claimNew(s, 0);
        const b = await claimNew(s, 1);
        const [ra, rb] = await storage.finishJobs([
          { trialId: a.id, outcome: outcome({ value: 0.25 }) },
          { trialId: b.id, outcome: outcome({ value: 0.5 }) },
        ]);
        expect(rb!).toBeGreaterThan(ra!);
        expect((await storage.getTrial(s.id, 0))!.rev).toBe(ra);
        const mine = new Map([[0, ra!], [1, rb!]]);
        const seen: number[] = [];
        await storage.claim(s.id, OWNER, 0, (changed) => (seen.push(...changed.map((t) => t.number)), null), (n, rev) => mine.get(n) === rev);
        expect(seen).toEqual([]);
        // Someone else changes trial 1: it is no longer known at its new revision.
        await storage.claim(s.id, OTHER, 0, () => ({ kind: 'existing', number: 1, target: 9 }));
        await storage.claim(s.id, OWNER, 0, (changed) => (seen.push(...changed.map((t) => t.number)), null), (n, rev) => mine.get(n) === rev);
        expect(seen).toEqual([1]);
      });

      it('finishes several jobs in one transaction', async () => {
        const s = await storage.createStudy(studyInput());
        const a = await claimNew(s, 0);
        const b = await claimNew(s, 1);
        await storage.finishJobs([
          { trialId: a.id, outcome: outcome({ value: 0.25 }) },
          { trialId: b.id, outcome: outcome({ state: 'failed', value: null, error: 'diverged' }) },
        ]);
        const [ta, tb] = await storage.getTrials(s.id);
        expect(ta).toMatchObject({ state: 'complete', value: 0.25, owner: null });
        expect(tb).toMatchObject({ state: 'failed', value: null, error: 'diverged' });
        const bad = await storage
          .finishJobs([
            { trialId: a.id, outcome: outcome({ value: 0.1 }) },
            { trialId: 999_999, outcome: outcome() },
          ])
          .catch((e: unknown) => e);
        expect(bad).toBeInstanceOf(RungsError);
        expect((await storage.getTrial(s.id, 0))!.value).toBe(0.25);
      });

      it("drops a study's checkpoints, and only its own, keeping values and curves", async () => {
        const s = await storage.createStudy(studyInput());
        const other = await storage.createStudy(studyInput({ name: 'other' }));
        const a = await claimNew(s, 0);
        const b = await claimNew(s, 1);
        const c = await claimNew(other, 0);
        for (const t of [a, b, c]) await storage.finishJob(t.id, outcome({ state: 'pruned', budget: 1, value: 0.7, checkpoint: new Uint8Array([t.number + 1]) }));
        expect(await storage.dropCheckpoints(s.id)).toBe(2);
        expect(await storage.getCheckpoint(a.id)).toBeUndefined();
        expect(await storage.getCheckpoint(b.id)).toBeUndefined();
        expect(await storage.getCheckpoint(c.id)).toEqual(new Uint8Array([1]));
        expect((await storage.getTrial(s.id, 0))!.value).toBe(0.7);
        expect(await storage.getCurve(a.id)).toEqual([{ step: 1, value: 0.7 }]);
        expect(await storage.dropCheckpoints(s.id)).toBe(0);
      });

      it('claims an existing trial (promotion) keeping what it had', async () => {
        const s = await storage.createStudy(studyInput());
        const t = await claimNew(s, 0, { lr: 0.5, act: 'relu' }, OWNER, 1);
        await storage.finishJob(
          t.id,
          outcome({ state: 'pruned', budget: 1, value: 0.8, checkpoint: new Uint8Array([9]) }),
        );
        const r = await storage.claim(s.id, OTHER, 0, () => ({ kind: 'existing', number: 0, target: 3 }));
        expect(r.trial).toMatchObject({
          id: t.id,
          number: 0,
          state: 'running',
          owner: OTHER,
          target: 3,
          budget: 1,
          seed: t.seed,
          params: { lr: 0.5, act: 'relu' },
          rev: r.rev,
        });
        expect([...r.trial!.rungValues]).toEqual([[1, 0.8]]);
        expect(r.trial!.startedAt).toBe(t.startedAt);
        expect(await storage.getCheckpoint(t.id)).toEqual(new Uint8Array([9]));
      });

      it("takes a trial's start from its first job's own start when the job says it, not from later jobs", async () => {
        const s = await storage.createStudy(studyInput());
        const t = await claimNew(s, 0, { lr: 0.5 }, OWNER, 1);
        // Handed out at the claim, the job waited in its worker and started later.
        const ranAt = t.startedAt! + 5_000;
        await storage.finishJob(t.id, outcome({ state: 'pruned', budget: 1, value: 0.8, startedAt: ranAt + 0.4 }));
        expect((await storage.getTrial(s.id, 0))!.startedAt).toBe(ranAt);
        // A promotion's job keeps the trial's start.
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 3 }));
        await storage.finishJob(t.id, outcome({ state: 'pruned', budget: 3, value: 0.7, startedAt: ranAt + 9_000 }));
        expect((await storage.getTrial(s.id, 0))!.startedAt).toBe(ranAt);
        // A job that does not say when it started leaves the claim's time.
        const u = await claimNew(s, 1, { lr: 0.1 }, OWNER, 1);
        await storage.finishJob(u.id, outcome({ state: 'pruned', budget: 1, value: 0.9 }));
        expect((await storage.getTrial(s.id, 1))!.startedAt).toBe(u.startedAt);
      });

      it('refuses to claim a running or missing trial', async () => {
        const s = await storage.createStudy(studyInput());
        await claimNew(s, 0);
        await expect(
          storage.claim(s.id, OTHER, 0, () => ({ kind: 'existing', number: 0, target: 3 })),
        ).rejects.toBeInstanceOf(RungsError);
        await expect(
          storage.claim(s.id, OTHER, 0, () => ({ kind: 'existing', number: 5, target: 3 })),
        ).rejects.toBeInstanceOf(RungsError);
        expect((await storage.getTrial(s.id, 0))?.owner).toBe(OWNER);
      });

      it('hands out each number once across many claims', async () => {
        const s = await storage.createStudy(studyInput());
        let rev = 0;
        let max = -1;
        const claims = Array.from({ length: 20 }, () =>
          storage.claim(s.id, OWNER, rev, (changed) => {
            for (const t of changed) max = Math.max(max, t.number);
            max += 1;
            return { kind: 'new', number: max, params: { lr: 1 }, seed: max, target: 1, bracket: 0 };
          }).then((r) => {
            rev = Math.max(rev, r.rev);
            return r.trial!.number;
          }),
        );
        const numbers = await Promise.all(claims);
        expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      });
    });

    describe('finishJob', () => {
      it('round-trips params with their JS types', async () => {
        const s = await storage.createStudy(studyInput());
        const params: Params = { lr: 0.001, layers: 3, neg: -2.5, big: 1e300, opt: 'adam', empty: '', nesterov: true, bias: false, zero: 0 };
        await finished(s, 0);
        const t = await claimNew(s, 1, params);
        expect(t.params).toEqual(params);
        const back = (await storage.getTrials(s.id)).find((x) => x.number === 1)!;
        expect(back.params).toEqual(params);
        for (const [k, v] of Object.entries(params)) expect(typeof back.params[k]).toBe(typeof v);
        expect(Object.keys(back.params).sort()).toEqual(Object.keys(params).sort());
      });

      it('records value, metrics, curve and rung values, NaN and ±Infinity included', async () => {
        const s = await storage.createStudy(studyInput());
        const t = await claimNew(s, 0, { lr: 0.1 }, OWNER, 1);
        await storage.finishJob(t.id, {
          state: 'pruned',
          budget: 1,
          value: Infinity,
          metrics: { val_loss: Infinity, train_loss: -Infinity, acc: NaN, ok: 0.5 },
          curve: [{ step: 1, value: Infinity }],
          epochsTrained: 1,
          durationMs: 12.5,
          error: null,
        });
        let back = (await storage.getTrial(s.id, 0))!;
        expect(back).toMatchObject({ state: 'pruned', budget: 1, value: Infinity, owner: null, epochsTrained: 1, durationMs: 12.5 });
        expect(back.metrics).toEqual({ val_loss: Infinity, train_loss: -Infinity, acc: NaN, ok: 0.5 });
        expect([...back.rungValues]).toEqual([[1, Infinity]]);
        expect(back.finishedAt).toBeGreaterThan(0);

        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 4 }));
        await storage.finishJob(t.id, {
          state: 'complete',
          budget: 4,
          value: NaN,
          metrics: { val_loss: NaN },
          curve: [
            { step: 2, value: -Infinity },
            { step: 3, value: NaN },
            { step: 4, value: NaN },
          ],
          epochsTrained: 3,
          durationMs: 7.5,
        });
        back = (await storage.getTrial(s.id, 0))!;
        expect(back.value).toBeNaN();
        expect(back.state).toBe('complete');
        expect(back.metrics).toEqual({ val_loss: NaN });
        expect(back.epochsTrained).toBe(4);
        expect(back.durationMs).toBe(20);
        expect([...back.rungValues]).toEqual([
          [1, Infinity],
          [4, NaN],
        ]);
        expect(await storage.getCurve(t.id)).toEqual([
          { step: 1, value: Infinity },
          { step: 2, value: -Infinity },
          { step: 3, value: NaN },
          { step: 4, value: NaN },
        ]);
      });

      it('keeps the curve per step and writes the rung value from outcome.value when the curve lacks it', async () => {
        const s = await storage.createStudy(studyInput());
        const t = await claimNew(s, 0, { lr: 0.1 }, OWNER, 2);
        await storage.finishJob(t.id, outcome({ state: 'pruned', budget: 2, value: 0.6, curve: [{ step: 1, value: 0.9 }] }));
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 6 }));
        await storage.finishJob(
          t.id,
          outcome({ budget: 6, value: 0.2, curve: [{ step: 2, value: 0.6 }, { step: 4, value: 0.3 }, { step: 6, value: 0.2 }] }),
        );
        expect(await storage.getCurve(t.id)).toEqual([
          { step: 1, value: 0.9 },
          { step: 2, value: 0.6 },
          { step: 4, value: 0.3 },
          { step: 6, value: 0.2 },
        ]);
        const back = (await storage.getTrial(s.id, 0))!;
        expect([...back.rungValues]).toEqual([
          [2, 0.6],
          [6, 0.2],
        ]);
        expect(back).toMatchObject({ budget: 6, value: 0.2, target: 6, state: 'complete' });
      });

      it('reads the curves of several trials at once, each as getCurve reads it, in the order asked', async () => {
        const s = await storage.createStudy(studyInput());
        const other = await storage.createStudy(studyInput({ name: 'other' }));
        const a = await claimNew(s, 0);
        await storage.finishJob(a.id, outcome({ budget: 3, value: 0.2, curve: [{ step: 2, value: NaN }, { step: 1, value: 0.5 }, { step: 3, value: 0.2 }] }));
        const b = await claimNew(s, 1);
        const c = await claimNew(other, 0);
        await storage.finishJob(c.id, outcome({ budget: 2, value: Infinity, curve: [{ step: 1, value: -Infinity }] }));
        const d = await claimNew(s, 2);
        await storage.finishJob(d.id, outcome({ state: 'failed', budget: 0, value: null, curve: [] }));
        const ids = [c.id, a.id, b.id, d.id, a.id + c.id + 100];
        const curves = await storage.getCurves(ids);
        expect(curves).toEqual(await Promise.all(ids.map((id) => storage.getCurve(id))));
        expect(curves).toEqual([
          [{ step: 1, value: -Infinity }, { step: 2, value: Infinity }],
          [{ step: 1, value: 0.5 }, { step: 2, value: NaN }, { step: 3, value: 0.2 }],
          [],
          [],
          [],
        ]);
        expect(await storage.getCurves([])).toEqual([]);
      });

      it("reads the other metrics' curves of several trials at once, upserted by name and step, in the order asked", async () => {
        const s = await storage.createStudy(studyInput());
        const a = await claimNew(s, 0, { lr: 0.1 }, OWNER, 1);
        await storage.finishJob(a.id, outcome({ state: 'pruned', budget: 2, value: 0.5, metricCurves: { train_loss: [{ step: 1, value: 0.9 }, { step: 2, value: NaN }], val_accuracy: [{ step: 2, value: 0.7 }] } }));
        // The next jobs of the trial: a point again at step 2 replaces the first (all finite, then not); new steps and names add to them.
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 3 }));
        await storage.finishJob(a.id, outcome({ state: 'pruned', budget: 3, value: 0.4, metricCurves: { train_loss: [{ step: 2, value: 0.85 }, { step: 3, value: 0.81 }], 'val "acc" ✓': [{ step: 3, value: 0.75 }] } }));
        // The NaN at step 2 is a number again.
        expect((await storage.getMetricCurves([a.id]))[0]!['train_loss']).toEqual([{ step: 1, value: 0.9 }, { step: 2, value: 0.85 }, { step: 3, value: 0.81 }]);
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 4 }));
        await storage.finishJob(a.id, outcome({ budget: 4, value: 0.3, metricCurves: { train_loss: [{ step: 2, value: 0.8 }, { step: 4, value: -Infinity }], mse: [{ step: 3, value: 1e-300 }] } }));
        const b = await claimNew(s, 1);
        await storage.finishJob(b.id, outcome({ budget: 1, value: 0.4 }));
        const curves = await storage.getMetricCurves([b.id, a.id, a.id + b.id + 100]);
        expect(curves).toEqual([
          {},
          {
            mse: [{ step: 3, value: 1e-300 }],
            train_loss: [{ step: 1, value: 0.9 }, { step: 2, value: 0.8 }, { step: 3, value: 0.81 }, { step: 4, value: -Infinity }],
            val_accuracy: [{ step: 2, value: 0.7 }],
            'val "acc" ✓': [{ step: 3, value: 0.75 }],
          },
          {},
        ]);
        expect(await storage.getMetricCurves([])).toEqual([]);
        // They go with their study.
        await storage.deleteStudy(s.name);
        expect(await storage.getMetricCurves([a.id])).toEqual([{}]);
      });

      it("keeps a trial's attributes as the JSON values they were, upserted by name across jobs, read with the trial and exported", async () => {
        const s = await storage.createStudy(studyInput());
        const a = await claimNew(s, 0, { lr: 0.1 }, OWNER, 1);
        const first = { path: '/models/0.bin', cfg: { layers: [64, 32], act: 'relu' }, ok: true, none: null, n: 3, 'name "quoted" ✓': 'é' };
        await storage.finishJob(a.id, outcome({ state: 'pruned', budget: 1, value: 0.5, attrs: first }));
        expect((await storage.getTrial(s.id, 0))!.attrs).toEqual(first);
        // A later job's value replaces the earlier one's by name; the others stay; a job without attributes leaves them.
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 3 }));
        await storage.finishJob(a.id, outcome({ state: 'pruned', budget: 3, value: 0.4, attrs: { path: '/models/0-3.bin', ok: false } }));
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 9 }));
        await storage.finishJob(a.id, outcome({ budget: 9, value: 0.3 }));
        const b = await claimNew(s, 1);
        await storage.finishJob(b.id, outcome({ budget: 1, value: 0.4 }));
        const trials = await storage.getTrials(s.id);
        expect(trials[0]!.attrs).toEqual({ ...first, path: '/models/0-3.bin', ok: false });
        expect(trials[1]!.attrs).toBeUndefined();
        expect((await storage.exportTrials(s.id)).map((t) => t.attrs)).toEqual([trials[0]!.attrs, undefined]);
        // A value with no JSON text is refused, and what was stored stays.
        const c = await claimNew(s, 2);
        await expect(storage.finishJob(c.id, outcome({ budget: 1, value: 0.2, attrs: { f: () => 1 } }))).rejects.toMatchObject({ code: 'E_BAD_OUTCOME' });
        expect((await storage.getTrial(s.id, 2))!.state).toBe('running');
      });

      it('records a failure without a rung value for the budget it failed at', async () => {
        const s = await storage.createStudy(studyInput());
        const t = await claimNew(s, 0, { lr: 10 }, OWNER, 1);
        await storage.finishJob(t.id, outcome({ budget: 1, value: 0.9, state: 'pruned' }));
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 3 }));
        await storage.finishJob(t.id, {
          state: 'failed',
          budget: 2,
          value: null,
          metrics: { train_loss: Infinity },
          curve: [{ step: 2, value: Infinity }],
          epochsTrained: 1,
          durationMs: 3,
          error: 'diverged',
        });
        const back = (await storage.getTrial(s.id, 0))!;
        expect(back).toMatchObject({ state: 'failed', value: null, error: 'diverged', owner: null, budget: 2 });
        expect(back.metrics).toEqual({ train_loss: Infinity });
        expect([...back.rungValues]).toEqual([[1, 0.9]]);
      });

      it('stores, keeps, replaces and deletes checkpoints', async () => {
        const s = await storage.createStudy(studyInput());
        const t = await claimNew(s, 0);
        expect(await storage.getCheckpoint(t.id)).toBeUndefined();
        const bytes = new Uint8Array(256).map((_, i) => i);
        await storage.finishJob(t.id, outcome({ budget: 1, state: 'pruned', checkpoint: bytes }));
        expect(await storage.getCheckpoint(t.id)).toEqual(bytes);
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'existing', number: 0, target: 2 }));
        await storage.finishJob(t.id, outcome({ budget: 2, state: 'pruned' }));
        expect(await storage.getCheckpoint(t.id)).toEqual(bytes);
        const sub = new Uint8Array([0, 7, 8, 9, 0]).subarray(1, 4);
        await storage.finishJob(t.id, outcome({ budget: 2, state: 'pruned', checkpoint: sub }));
        const got = await storage.getCheckpoint(t.id);
        expect(got).toBeInstanceOf(Uint8Array);
        expect([...got!]).toEqual([7, 8, 9]);
        await storage.finishJob(t.id, outcome({ budget: 3, checkpoint: null }));
        expect(await storage.getCheckpoint(t.id)).toBeUndefined();
      });

      it('creates a fork (PBT) at its donor\'s budget with a copy of its checkpoint, which the donor\'s next job leaves alone', async () => {
        const s = await storage.createStudy(studyInput());
        const donor = await claimNew(s, 0);
        const bytes = new Uint8Array([1, 2, 3, 4]);
        await storage.finishJob(donor.id, outcome({ budget: 3, state: 'pruned', checkpoint: bytes }));
        const fork = { from: 0, budget: 3 };
        const r = await storage.claim(s.id, OWNER, 0, () => [
          { kind: 'new', number: 1, params: { lr: 0.2 }, seed: 11, target: 6, bracket: 0, fork },
          { kind: 'existing', number: 0, target: 6 },
        ]);
        const child = r.trials[0]!;
        expect(child).toMatchObject({ number: 1, state: 'running', budget: 3, target: 6, epochsTrained: 0, forkOf: fork });
        expect(await storage.getCheckpoint(child.id)).toEqual(bytes);
        // The donor goes on and saves its own next checkpoint: the copy stays what it was at the fork.
        await storage.finishJob(donor.id, outcome({ budget: 6, state: 'pruned', checkpoint: new Uint8Array([9]) }));
        expect(await storage.getCheckpoint(child.id)).toEqual(bytes);
        expect((await storage.getTrial(s.id, 1))!.forkOf).toEqual(fork);
        expect((await storage.getTrial(s.id, 0))!.forkOf).toBeUndefined();
        // Requeued and claimed again, it is still the fork it was.
        await storage.releaseOwner(OWNER, 'test');
        const again = await storage.claim(s.id, OTHER, 0, () => ({ kind: 'existing', number: 1, target: 6 }));
        expect(again.trials[0]).toMatchObject({ budget: 3, forkOf: fork });
      });

      it('refuses a fork of a trial that is not at the fork\'s budget, writing nothing', async () => {
        const s = await storage.createStudy(studyInput());
        const donor = await claimNew(s, 0);
        await storage.finishJob(donor.id, outcome({ budget: 6, state: 'pruned', checkpoint: new Uint8Array([1]) }));
        for (const fork of [{ from: 0, budget: 3 }, { from: 5, budget: 3 }]) {
          await expect(storage.claim(s.id, OWNER, 0, () => ({ kind: 'new', number: 1, params: {}, seed: 1, target: 9, bracket: 0, fork }))).rejects.toMatchObject({ code: 'E_FORK' });
        }
        expect(await storage.getTrials(s.id)).toHaveLength(1);
      });

      it('keeps only the last job\'s metrics and bumps the revision', async () => {
        const s = await storage.createStudy(studyInput());
        const t = await claimNew(s, 0);
        await storage.finishJob(t.id, outcome({ metrics: { a: 1, b: 2 } }));
        const r1 = (await storage.getTrial(s.id, 0))!;
        await storage.finishJob(t.id, outcome({ metrics: { c: 3 } }));
        const r2 = (await storage.getTrial(s.id, 0))!;
        expect(r2.metrics).toEqual({ c: 3 });
        expect(r2.rev).toBeGreaterThan(r1.rev);
        expect(r1.rev).toBeGreaterThan(t.rev);
      });

      it('filters trials by state', async () => {
        const s = await storage.createStudy(studyInput());
        await finished(s, 0);
        await finished(s, 1, { state: 'failed', value: null });
        await claimNew(s, 2);
        expect((await storage.getTrials(s.id, { states: ['complete', 'running'] })).map((t) => t.number)).toEqual([0, 2]);
        expect(await storage.getTrials(s.id, { states: [] })).toEqual([]);
        expect((await storage.getTrials(s.id)).map((t) => t.number)).toEqual([0, 1, 2]);
      });
    });

    describe('orphans and release', () => {
      it('requeues trials whose owner is dead, keeping params, seed and target', async () => {
        const s = await storage.createStudy(studyInput());
        const dead = await claimNew(s, 0, { lr: 0.3, opt: 'sgd' }, OWNER, 5);
        await claimNew(s, 1, { lr: 0.4 }, OTHER);
        await finished(s, 2);
        const asked: string[] = [];
        const numbers = await storage.requeueOrphans(s.id, 60_000, (o) => {
          asked.push(o);
          return o === OTHER;
        });
        expect(numbers).toEqual([0]);
        expect([...new Set(asked)].sort()).toEqual([OWNER, OTHER].sort());
        const back = (await storage.getTrial(s.id, 0))!;
        expect(back).toMatchObject({ state: 'queued', owner: null, params: { lr: 0.3, opt: 'sgd' }, seed: dead.seed, target: 5 });
        expect(back.rev).toBeGreaterThan(dead.rev);
        expect((await storage.getTrial(s.id, 1))).toMatchObject({ state: 'running', owner: OTHER });
        // Queued again: it can be claimed again.
        const r = await storage.claim(s.id, OTHER, 0, () => ({ kind: 'existing', number: 0, target: 5 }));
        expect(r.trial).toMatchObject({ state: 'running', owner: OTHER, params: { lr: 0.3, opt: 'sgd' } });
      });

      it('requeues trials whose heartbeat is stale, and heartbeat keeps them', async () => {
        const s = await storage.createStudy(studyInput());
        await claimNew(s, 0, { lr: 1 }, OWNER);
        await claimNew(s, 1, { lr: 2 }, OTHER);
        await sleep(60);
        await storage.heartbeat(OTHER);
        const numbers = await storage.requeueOrphans(s.id, 40, () => true);
        expect(numbers).toEqual([0]);
        expect((await storage.getTrial(s.id, 0))?.state).toBe('queued');
        expect((await storage.getTrial(s.id, 1))?.state).toBe('running');
        expect(await storage.requeueOrphans(s.id, 60_000, () => true)).toEqual([]);
      });

      it('releases what an owner holds back to queued with the reason', async () => {
        const s = await storage.createStudy(studyInput());
        const s2 = await storage.createStudy(studyInput({ name: 'other' }));
        await claimNew(s, 0, { lr: 1 }, OWNER);
        await claimNew(s, 1, { lr: 2 }, OWNER);
        await claimNew(s, 2, { lr: 3 }, OTHER);
        await claimNew(s2, 0, { lr: 4 }, OWNER);
        await finished(s, 3);
        const before = await storage.claim(s.id, OWNER, 0, () => null);
        expect(await storage.releaseOwner(OWNER, 'interrupted')).toBe(3);
        const trials = await storage.getTrials(s.id);
        expect(trials.map((t) => [t.number, t.state, t.owner, t.error])).toEqual([
          [0, 'queued', null, 'interrupted'],
          [1, 'queued', null, 'interrupted'],
          [2, 'running', OTHER, null],
          [3, 'complete', null, null],
        ]);
        expect((await storage.getTrial(s2.id, 0))).toMatchObject({ state: 'queued', error: 'interrupted', params: { lr: 4 } });
        const after = await storage.claim(s.id, OWNER, before.rev, () => null);
        expect(after.changed.map((t) => t.number)).toEqual([0, 1]);
        expect(await storage.releaseOwner(OWNER, 'again')).toBe(0);
        // --resume: a released trial is claimed and run again.
        const r = await storage.claim(s.id, OTHER, 0, () => ({ kind: 'existing', number: 0, target: 3 }));
        expect(r.trial).toMatchObject({ state: 'running', owner: OTHER, error: null });
      });
    });

    describe('best', () => {
      async function mixed(direction: Direction): Promise<StudyRow> {
        const s = await storage.createStudy(studyInput({ name: direction, direction }));
        await finished(s, 0, { budget: 9, value: 0.5 });
        await finished(s, 1, { budget: 9, value: 0.3 });
        await finished(s, 2, { budget: 3, value: 0.1, state: 'pruned' });
        await finished(s, 3, { budget: 9, value: 0.3 });
        await finished(s, 4, { budget: 9, value: null, state: 'failed', error: 'diverged' });
        await finished(s, 5, { budget: 9, value: 0.01, state: 'failed', error: 'boom' });
        await claimNew(s, 6);
        await finished(s, 7, { budget: 9, value: NaN });
        await finished(s, 8, { budget: 1, value: -Infinity, state: 'pruned' });
        await finished(s, 9, { budget: 3, value: 0.9, state: 'pruned' });
        await finished(s, 10, { budget: 9, value: Infinity });
        return s;
      }

      it('ranks by budget, then value ascending when minimizing, then number', async () => {
        const s = await mixed('minimize');
        const best = await storage.best(s.id, 100);
        expect(best.map((t) => t.number)).toEqual([1, 3, 0, 10, 2, 9, 8]);
        expect(best[0]).toMatchObject({ value: 0.3, budget: 9, params: { lr: 0.2 } });
        expect([...best[0]!.rungValues]).toEqual([[9, 0.3]]);
        expect((await storage.best(s.id, 2)).map((t) => t.number)).toEqual([1, 3]);
        expect(await storage.best(s.id, 0)).toEqual([]);
      });

      it('ranks by budget, then value descending when maximizing, then number', async () => {
        const s = await mixed('maximize');
        const best = await storage.best(s.id, 100);
        expect(best.map((t) => t.number)).toEqual([10, 0, 1, 3, 9, 2, 8]);
        expect((await storage.best(s.id, 3)).map((t) => t.number)).toEqual([10, 0, 1]);
      });

      it('returns nothing for a study without ranked trials', async () => {
        const s = await storage.createStudy(studyInput());
        await claimNew(s, 0);
        expect(await storage.best(s.id, 5)).toEqual([]);
      });
    });

    describe('exportTrials', () => {
      it('exports every trial by number with the study name, typed params and metrics', async () => {
        const s = await storage.createStudy(studyInput());
        const t0 = await claimNew(s, 0, { lr: 0.5, n: 2, opt: 'adam', warm: true });
        await storage.finishJob(t0.id, outcome({ value: 0.25, metrics: { val_loss: 0.25, bad: NaN, inf: -Infinity } }));
        await claimNew(s, 1, { lr: 0.25, n: 4, opt: 'sgd', warm: false });
        const rows = await storage.exportTrials(s.id);
        expect(rows).toHaveLength(2);
        expect(rows[0]).toMatchObject({
          study: 'demo',
          number: 0,
          state: 'complete',
          value: 0.25,
          budget: 3,
          target: 3,
          bracket: 0,
          seed: 1000,
          params: { lr: 0.5, n: 2, opt: 'adam', warm: true },
          epochsTrained: 3,
          durationMs: 10,
          error: null,
        });
        expect(rows[0]!.metrics).toEqual({ val_loss: 0.25, bad: NaN, inf: -Infinity });
        expect(rows[1]).toMatchObject({ number: 1, state: 'running', value: null, params: { lr: 0.25, n: 4, opt: 'sgd', warm: false }, metrics: {} });
        expect(await storage.exportTrials(12345)).toEqual([]);
      });

      it('exports a forked trial (PBT) with the trial and budget it is a copy of, and no forkOf on the others', async () => {
        const s = await storage.createStudy(studyInput());
        const donor = await claimNew(s, 0);
        await storage.finishJob(donor.id, outcome({ state: 'pruned', budget: 3 }));
        await storage.claim(s.id, OWNER, 0, () => ({ kind: 'new', number: 1, params: { lr: 0.12 }, seed: 1001, target: 6, bracket: 0, fork: { from: 0, budget: 3 } }));
        const rows = await storage.exportTrials(s.id);
        expect(rows[0]).not.toHaveProperty('forkOf');
        expect(rows[1]).toMatchObject({ number: 1, budget: 3, target: 6, forkOf: { from: 0, budget: 3 } });
      });
    });
  });
}
