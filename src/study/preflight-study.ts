/**
 * Checks what a study's validation cannot see from the file alone, before the
 * study is created, resumed or overwritten: that a task's dataset loads,
 * splits and suits its model, and that an objective module loads and exports
 * a function. Without this, such a study is stored, every trial fails with
 * the same error, and --overwrite has already deleted the study it replaced.
 * The dataset stays cached (study-data-cache.ts), so running many studies on one dataset reads
 * it once on this thread too. For a task it returns the rows of each part
 * (DataShape), which `plan` and `run` print.
 */
import { ValidationError } from '../errors.js';
import { Rng } from '../rng.js';
import { createModel } from '../tasks/create-model.js';
import type { Dataset } from '../tasks/dataset.js';
import { holdOutTest, testHoldoutOf } from '../tasks/split-dataset.js';
import { resolveModelSpec } from '../tasks/resolve-model-spec.js';
import { DEFAULT_VALIDATION } from '../tasks/task-spec.js';
import { loadObjective } from '../pool/run-objective-job.js';
import { INLINE_OBJECTIVE, type NormalizedStudy } from './study-spec.js';
import { studyDataCache } from './study-data-cache.js';


/** How a task's rows are shared out: as many as every trial trains, validates and is tested on. */
export interface DataShape {
  rows: number;
  /** Training rows (with folds, fold 0's; the others differ by at most one). */
  train: number;
  /** Validation rows (with folds, fold 0's). */
  validation: number;
  /** Held-out test rows (task.test); 0 without. */
  test: number;
  /** k, with cross-validation. */
  folds?: number;
}

/**
 * Throws a ValidationError listing every problem, each line prefixed with `where` (the study file, for the CLI).
 * A task's study gets its DataShape back; an objective's, undefined.
 */
export async function preflightStudy(study: NormalizedStudy, where = `study "${study.name}"`): Promise<DataShape | undefined> {
  const problems: string[] = [];
  let shape: DataShape | undefined;
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
  if (study.task) {
    const task = study.task;
    let data: Dataset | undefined;
    try {
      data = studyDataCache.dataset(task.dataset, study.baseDir, study.seed);
    } catch (e) {
      problems.push(`task.dataset: ${message(e)}`);
    }
    if (data) {
      // What does not split is the fault of the field that asked for it: too large a test fraction, too many folds.
      const holdout = testHoldoutOf(task);
      try {
        if (holdout) holdOutTest(data, holdout.fraction, holdout.seed);
      } catch (e) {
        problems.push(`task.test: ${message(e)}`);
      }
      try {
        const first = task.folds !== undefined
          ? studyDataCache.folds(task.dataset, study.baseDir, study.seed, task.folds, holdout)[0]!
          : studyDataCache.split(task.dataset, study.baseDir, study.seed, task.validation ?? DEFAULT_VALIDATION, holdout);
        shape = { rows: data.n, train: first.nTrain, validation: first.nVal, test: first.nTest, ...(task.folds !== undefined ? { folds: task.folds } : {}) };
      } catch (e) {
        if (problems.length === 0) problems.push(`${task.folds !== undefined ? 'task.folds' : 'task.dataset'}: ${message(e)}`);
      }
      try {
        createModel(resolveModelSpec(task.model, {}), data, 1, new Rng(0));
      } catch (e) {
        problems.push(`task.model: ${message(e)}`);
      }
    }
  }
  if (study.objective && study.objective !== INLINE_OBJECTIVE) {
    try {
      await loadObjective(study.objective);
    } catch (e) {
      problems.push(`objective: ${message(e)}`);
    }
  }
  if (problems.length > 0) throw new ValidationError(problems, where);
  return shape;
}
