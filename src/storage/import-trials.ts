/**
 * Bulk-writes finished trials into a study in one transaction (one revision
 * bump for all). For tests and benchmarks that need a large study quickly,
 * and for copying trials between stores; the runner never uses it.
 */
import type { Database } from 'better-sqlite3';
import type { Params } from '../search/space.js';
import type { Fork, TrialState } from '../search/strategy.js';
import { StorageError } from '../errors.js';
import type { Statements } from './sqlite-statements.js';
import { encodeReal, scoreOf } from './real-codec.js';
import { encodeParam } from './trial-rows.js';

export interface ImportTrial {
  number: number;
  state: TrialState;
  params: Params;
  seed: number;
  budget: number;
  value: number | null;
  target?: number;
  bracket?: number;
  metrics?: Record<string, number>;
  /** Defaults to { budget: value } when the trial is complete or pruned with a value. */
  rungValues?: ReadonlyMap<number, number>;
  epochsTrained?: number;
  durationMs?: number;
  error?: string | null;
  startedAt?: number | null;
  finishedAt?: number | null;
  /** A forked trial (PBT): the trial and budget it started as a copy of (no checkpoint is copied: imported trials are finished). */
  forkOf?: Fork;
}

/** Returns how many trials were written. Throws (and writes nothing) on a taken number. */
export function importTrials(
  db: Database,
  stmts: Statements,
  studyId: number,
  trials: readonly ImportTrial[],
  onNewParamNames: () => void,
): number {
  const run = db.transaction(() => {
    const study = stmts.studyById.get(studyId) as { direction: 'minimize' | 'maximize' } | undefined;
    if (study === undefined) throw new StorageError(`no study with id ${studyId}`, 'E_NO_SUCH_STUDY');
    const rev = stmts.bumpRev.get(Date.now(), studyId) as number;
    const seen = new Set<string>();
    let newNames = false;
    for (const t of trials) {
      const v = encodeReal(t.value);
      const id = stmts.importTrial.get(
        studyId, t.number, t.state, t.seed, t.budget, t.target ?? t.budget, t.bracket ?? 0,
        v.value, v.special, scoreOf(t.value, study.direction), t.epochsTrained ?? t.budget, t.durationMs ?? 0, t.error ?? null,
        t.startedAt ?? null, t.finishedAt ?? null, rev, t.forkOf?.from ?? null, t.forkOf?.budget ?? null,
      ) as number;
      for (const [name, value] of Object.entries(t.params)) {
        const p = encodeParam(value);
        stmts.insertParam.run(id, name, p.value_num, p.value_text, p.kind);
        if (!seen.has(name)) {
          seen.add(name);
          if (stmts.registerParamName.run(name).changes > 0) newNames = true;
        }
      }
      for (const [name, value] of Object.entries(t.metrics ?? {})) {
        const m = encodeReal(value);
        stmts.insertMetric.run(id, name, m.value, m.special);
      }
      const rungs =
        t.rungValues ??
        (t.value !== null && (t.state === 'complete' || t.state === 'pruned') ? new Map([[t.budget, t.value]]) : []);
      for (const [step, value] of rungs) {
        const r = encodeReal(value);
        stmts.upsertRung.run(id, step, r.value, r.special);
      }
    }
    if (newNames) onNewParamNames();
    return trials.length;
  });
  return run.immediate();
}
