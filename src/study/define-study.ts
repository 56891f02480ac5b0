/**
 * defineStudy: a study declared in TypeScript, checked at once (every problem
 * listed, like a study file) and typed so that the objective's params match
 * the space.
 */
import { ValidationError } from '../errors.js';
import type { Space } from '../search/space.js';
import type { ObjectiveContext, ObjectiveResult } from '../pool/run-objective-job.js';
import { INLINE_OBJECTIVE, type StudySpec } from './study-spec.js';
import type { ParamsOf } from './param-helpers.js';
import { validateStudy } from './validate-study.js';

export type TypedObjective<S> = (params: ParamsOf<S>, ctx: ObjectiveContext) => ObjectiveResult | Promise<ObjectiveResult>;

export interface StudyDefinition<S extends Space> extends Omit<StudySpec, 'space' | 'objective' | 'enqueue'> {
  space: S;
  /** Points the first trials start from (Optuna's enqueue_trial): some or all params each, the rest drawn. */
  enqueue?: Array<Partial<ParamsOf<S>>>;
  /** A module path (runs on the worker pool) or a function (runs in this thread). */
  objective?: string | TypedObjective<S>;
}

export interface DefinedStudy<S extends Space = Space> {
  readonly spec: StudySpec;
  readonly objective: TypedObjective<S> | undefined;
  /** Directory relative paths resolve against (default: the working directory). */
  readonly baseDir: string;
}

export { INLINE_OBJECTIVE };

export function defineStudy<const S extends Space>(def: StudyDefinition<S>, options: { baseDir?: string } = {}): DefinedStudy<S> {
  const inline = typeof def.objective === 'function' ? def.objective : undefined;
  // No task and no objective: the caller runs trials itself (ask/tell) or passes a function later.
  const external = inline !== undefined || (def.objective === undefined && def.task === undefined);
  const spec = { ...def, ...(external ? { objective: INLINE_OBJECTIVE } : {}) } as StudySpec;
  const issues = validateStudy(spec);
  if (issues.length > 0) throw new ValidationError(issues, `study "${String(def.name)}"`);
  return { spec, objective: inline, baseDir: options.baseDir ?? process.cwd() };
}
