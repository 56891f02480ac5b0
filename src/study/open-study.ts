/**
 * Creates a study in storage, or opens the existing one for --resume after
 * checking that nothing that would mix incompatible trials has changed.
 */
import { StudyExistsError, StudyMismatchError, UsageError } from '../errors.js';
import { formatValue } from '../format-value.js';
import type { Storage, StudyRow } from '../storage/storage.js';
import { strategyWithDefaults } from '../search/strategy-defaults.js';
import type { NormalizedStudy } from './study-spec.js';

export type ExistingPolicy = 'fail' | 'resume' | 'overwrite';

/** Fields that define which trials a study runs; changing one forbids resuming. */
const IDENTITY_FIELDS = ['direction', 'metric', 'seed', 'task', 'objective', 'budget', 'space', 'strategy', 'repeats'] as const;

const POLICIES: readonly ExistingPolicy[] = ['fail', 'resume', 'overwrite'];

export async function openStudy(storage: Storage, study: NormalizedStudy, policy: ExistingPolicy): Promise<{ row: StudyRow; resumed: boolean }> {
  // API callers pass this as a plain value: an unknown one would act as 'fail' with a misleading message.
  if (!POLICIES.includes(policy)) throw new UsageError(`existing must be one of ${POLICIES.map((p) => `'${p}'`).join(', ')} (got ${formatValue(policy)})`);
  try {
    return await openOrCreate(storage, study, policy);
  } catch (e) {
    // Another process created it between our read and our insert: with --resume, join it.
    if (e instanceof StudyExistsError && policy === 'resume') return openOrCreate(storage, study, policy);
    throw e;
  }
}

async function openOrCreate(storage: Storage, study: NormalizedStudy, policy: ExistingPolicy): Promise<{ row: StudyRow; resumed: boolean }> {
  const existing = await storage.getStudy(study.name);
  if (existing) {
    if (policy === 'fail') throw new StudyExistsError(study.name);
    if (policy === 'resume') {
      const diffs = definitionDifferences(existing.definition as NormalizedStudy, study);
      if (diffs.length > 0) throw new StudyMismatchError(study.name, diffs);
      return { row: existing, resumed: true };
    }
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
 * Human lines naming each changed field, e.g. `space.lr.high: 0.1 → 0.5`. A
 * strategy option left out and the same option spelled out at its default
 * are the same search, not a change.
 */
export function definitionDifferences(before: NormalizedStudy, after: NormalizedStudy): string[] {
  const out: string[] = [];
  const field = (s: NormalizedStudy, f: (typeof IDENTITY_FIELDS)[number]): unknown =>
    f === 'strategy' && s.strategy ? strategyWithDefaults(s.strategy) : (s as unknown as Record<string, unknown>)[f];
  for (const f of IDENTITY_FIELDS) diff(f, field(before, f), field(after, f), out);
  return out;
}

function diff(path: string, a: unknown, b: unknown, out: string[]): void {
  if (out.length >= 10) return;
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diff(`${path}.${k}`, a[k], b[k], out);
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
