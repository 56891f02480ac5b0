/**
 * Every error rungs raises on purpose is a RungsError with a stable `code`,
 * so the CLI can map it to an exit code and a one-line message (no stack).
 */
export class RungsError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A search space, study file or option that breaks a rule. `issues` lists every problem found. */
export class ValidationError extends RungsError {
  readonly issues: readonly string[];
  constructor(issues: readonly string[], prefix?: string) {
    const lines = prefix ? issues.map((i) => `${prefix}: ${i}`) : [...issues];
    super('E_VALIDATION', lines.join('\n'));
    this.issues = lines;
  }
}

/** A CSV or dataset that cannot be read: names file, line and column where it can. */
export class DatasetError extends RungsError {
  constructor(message: string) {
    super('E_DATASET', message);
  }
}

/** The store cannot be opened, read or written. */
export class StorageError extends RungsError {
  constructor(message: string, code = 'E_STORAGE') {
    super(code, message);
  }
}

/** A study with that name already exists (and neither resume nor overwrite was asked). */
export class StudyExistsError extends RungsError {
  /** `raced`: another process made it while this one was replacing it (existing: 'overwrite'). */
  constructor(name: string, raced = false) {
    super(
      'E_STUDY_EXISTS',
      raced
        ? `study "${name}" was made again by another process while this one was overwriting it: run again, with --resume (API: existing: 'resume') to join that run or --overwrite to replace it`
        : `study "${name}" already exists in this database: continue it with --resume (API: existing: 'resume') or start it again with --overwrite (existing: 'overwrite')`,
    );
  }
}

/** No study by that name. */
export class StudyNotFoundError extends RungsError {
  constructor(name: string, known: readonly string[] = []) {
    const hint = known.length ? ` (studies here: ${known.join(', ')})` : ' (the database has no studies)';
    super('E_STUDY_NOT_FOUND', `no study named "${name}"${hint}`);
  }
}

/** Resuming a study whose definition changed in a way that would mix incompatible trials. */
export class StudyMismatchError extends RungsError {
  constructor(
    name: string,
    /** What differs, one phrase each ("seed changed from 5 to 3"). */
    readonly differences: readonly string[],
  ) {
    super(
      'E_STUDY_MISMATCH',
      `study "${name}" cannot be resumed with a different definition: ${differences.join('; ')}`,
    );
  }
}

/** Usage errors of the CLI (bad flag value, missing file). */
export class UsageError extends RungsError {
  constructor(message: string) {
    super('E_USAGE', message);
  }
}

/** The run was interrupted (Ctrl-C, AbortSignal). */
export class InterruptedError extends RungsError {
  constructor(message = 'interrupted') {
    super('E_INTERRUPTED', message);
  }
}
