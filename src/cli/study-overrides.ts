/**
 * `run --name/--seed`: the study file with those fields replaced, checked by
 * the file's own rules (validateStudy), so an override can store nothing a
 * study file could not.
 */
import { ValidationError } from '../errors.js';
import type { StudySpec } from '../study/study-spec.js';
import { validateStudy } from '../study/validate-study.js';

export interface StudyOverrides {
  name?: string | undefined;
  seed?: number | undefined;
}

/** `spec` (already valid) with the overrides applied; a ValidationError naming the flag when one breaks a rule. */
export function applyStudyOverrides(spec: StudySpec, overrides: StudyOverrides): StudySpec {
  const out = { ...spec };
  if (overrides.name !== undefined) out.name = overrides.name;
  if (overrides.seed !== undefined) out.seed = overrides.seed;
  if (out.name === spec.name && out.seed === spec.seed) return out;
  // The file passed, so every issue now is an override's, and starts with its field: "name must be …" → "--name must be …".
  const issues = validateStudy(out).map((i) => `--${i}`);
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}
