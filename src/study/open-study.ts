/**
 * Creates a study in storage, or opens the existing one for --resume after
 * checking that nothing that would mix incompatible trials has changed.
 */
import { StudyExistsError, StudyMismatchError, UsageError } from '../errors.js';
import { formatValue } from '../format-value.js';
import type { Storage, StudyRow } from '../storage/storage.js';
import type { NormalizedStudy } from './study-spec.js';
import { definitionWithDefaults, IDENTITY_FIELDS, type DataDefaults } from './definition-with-defaults.js';
import { mlpOutputDefault } from './mlp-output-default.js';

export type ExistingPolicy = 'fail' | 'resume' | 'overwrite';

const POLICIES: readonly ExistingPolicy[] = ['fail', 'resume', 'overwrite'];

/** A resumed study whose strategy.trials changed (raisedTrials): from the stored count to the new one. */
export interface TrialsChange {
  from: number;
  to: number;
}

export interface OpenedStudy {
  row: StudyRow;
  resumed: boolean;
  /** Set when --resume changed strategy.trials, which is the one change a resume accepts. */
  raised?: TrialsChange;
}

export async function openStudy(storage: Storage, study: NormalizedStudy, policy: ExistingPolicy): Promise<OpenedStudy> {
  // API callers pass this as a plain value: an unknown one would act as 'fail' with a misleading message.
  if (!POLICIES.includes(policy)) throw new UsageError(`existing must be one of ${POLICIES.map((p) => `'${p}'`).join(', ')} (got ${formatValue(policy)})`);
  try {
    return await openOrCreate(storage, study, policy);
  } catch (e) {
    // Another process created it between our read and our insert: with --resume, join it.
    if (e instanceof StudyExistsError && policy === 'resume') return openOrCreate(storage, study, policy);
    // With --overwrite, between our delete and our insert: say so (the usual message would advise --overwrite).
    if (e instanceof StudyExistsError && policy === 'overwrite') throw new StudyExistsError(study.name, true);
    throw e;
  }
}

async function openOrCreate(storage: Storage, study: NormalizedStudy, policy: ExistingPolicy): Promise<OpenedStudy> {
  const existing = await storage.getStudy(study.name);
  if (existing) {
    if (policy === 'fail') throw new StudyExistsError(study.name);
    if (policy === 'resume') return resume(storage, study, existing);
    await storage.deleteStudy(study.name);
  }
  const row = await storage.createStudy({
    name: study.name,
    direction: study.direction,
    metric: study.metric,
    seed: study.seed,
    definition: study,
  });
  return { row, resumed: false };
}

/**
 * Opens `existing` for `study`: unchanged, or with more trials (raisedTrials), stored with a compare
 * and set so that two processes raising the count at once keep the larger and refuse the other.
 */
async function resume(storage: Storage, study: NormalizedStudy, existing: StudyRow): Promise<OpenedStudy> {
  // An MLP's output left out on one side is the data's default: the same data on both, or the dataset's change is named.
  const output = mlpOutputDefault(study);
  const data: DataDefaults = output ? { mlpOutput: output } : {};
  for (let row: StudyRow | undefined = existing; row; row = await storage.getStudy(study.name)) {
    const before = row.definition as NormalizedStudy;
    const diffs = definitionDifferences(before, study, data);
    if (diffs.length === 0) return { row, resumed: true };
    const raised = raisedTrials(before, study, data);
    if (raised === undefined) throw new StudyMismatchError(study.name, diffs);
    if (raised.to < raised.from) {
      throw new StudyMismatchError(study.name, [`${diffs[0]!}: strategy.trials can only be raised on a resume (trials already run, or running in another process, would be past the end)`]);
    }
    if (await storage.setStudyDefinition(row.id, study, row.definition)) return { row: { ...row, definition: study }, resumed: true, raised };
    // Another process changed the definition in between: compare with what it stored.
  }
  throw new StudyMismatchError(study.name, ['the study was deleted while this run opened it']);
}

/** Strategies whose first n trials do not depend on how many trials there will be: their count may change on resume. */
const COUNTED: readonly string[] = ['random', 'tpe', 'asha', 'cmaes', 'gp', 'nsga2'];

/**
 * The change of strategy.trials between two definitions, when that is their
 * only difference and the strategy is one whose trials so far stay the same
 * with another count: random search, TPE and GP draw trial n from trials before
 * it only, ASHA starts and promotes trial by trial. (A halving plan, or a grid,
 * is fixed by its size.) Like calling Optuna's study.optimize again.
 */
export function raisedTrials(before: NormalizedStudy, after: NormalizedStudy, data: DataDefaults = {}): TrialsChange | undefined {
  const a = before.strategy as { type: string; trials?: unknown };
  const b = after.strategy as { type: string; trials?: unknown };
  if (a.type !== b.type || !COUNTED.includes(b.type) || typeof a.trials !== 'number' || typeof b.trials !== 'number' || a.trials === b.trials) return undefined;
  const same = { ...after, strategy: { ...after.strategy, trials: a.trials } } as NormalizedStudy;
  return definitionDifferences(before, same, data).length === 0 ? { from: a.trials, to: b.trials } : undefined;
}

/**
 * Human lines naming each changed field, e.g. `space.lr.high: 0.1 → 0.5`. A
 * strategy or task option left out and the same option spelled out at its
 * default are the same search, not a change.
 */
export function definitionDifferences(before: NormalizedStudy, after: NormalizedStudy, data: DataDefaults = {}): string[] {
  const out: string[] = [];
  const [a, b] = [definitionWithDefaults(before, data), definitionWithDefaults(after, data)];
  for (const f of IDENTITY_FIELDS) diff(f, a[f], b[f], out);
  // A number from "exhaust" changes with what it was worked out from (a count with the study's maxEpochs, minBudget with
  // the candidates and maxBudget), which the user changed, not the number: say so.
  const option = after.exhausted?.option ?? before.exhausted?.option;
  if (option) {
    const how = ({ exhausted: e }: NormalizedStudy): string =>
      e === undefined ? 'given' : e.option === 'minBudget' ? `"exhaust" for ${e.candidates} candidates to maxBudget ${e.maxBudget}` : `"exhaust" in maxEpochs ${e.maxEpochs}`;
    return out.map((line) => (line.startsWith(`strategy.${option} changed`) ? `${line} (${how(before)} → ${how(after)})` : line));
  }
  return out;
}

function diff(path: string, a: unknown, b: unknown, out: string[]): void {
  if (out.length >= 10) return;
  if (isObject(a) && isObject(b)) {
    // Another kind of thing (a pruner's or a param's type changed): named whole, not as the fields the two kinds do not share.
    if (path.includes('.') && a['type'] !== undefined && b['type'] !== undefined && a['type'] !== b['type']) {
      out.push(`${path} changed from ${show(a)} to ${show(b)}`);
      return;
    }
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diff(`${path}.${k}`, a[k], b[k], out);
    return;
  }
  // Lists of one length element by element (enqueued points, choices): the change is named where it is.
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.some((x) => typeof x === 'object' && x !== null)) {
    a.forEach((x, i) => diff(`${path}[${i}]`, x, b[i], out));
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path} changed from ${show(a)} to ${show(b)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}
