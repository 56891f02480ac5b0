/**
 * defineStudy: a study declared in TypeScript, checked at once (every problem
 * listed, like a study file) and typed so that the objective's params match
 * the space.
 */
import { ValidationError } from '../errors.js';
import type { Space } from '../search/space.js';
import type { ObjectiveContext, ObjectiveResult } from '../pool/run-objective-job.js';
import type { Direction } from '../search/strategy.js';
import { INLINE_OBJECTIVE, type StudySpec } from './study-spec.js';
import type { ParamsOf } from './param-helpers.js';
import { validateStudy } from './validate-study.js';

/** An objective as a study declares it (StudySpec.objectives' entries). */
export interface ObjectiveDecl {
  readonly metric: string;
  readonly direction?: Direction;
}

/** The objectives a DefinedStudy may have when nothing more is known of them (what its objective may then return is ObjectiveResult). */
export type AnyObjectives = readonly ObjectiveDecl[] | undefined;

/**
 * What a typed objective returns for `objectives` O: a number for one objective (none declared); for two or more, one
 * number per objective, as an array in their order or an object naming each (other numbers in it are kept as metrics),
 * so a number, or an object with a misspelt or missing metric, does not compile; anything the run accepts when O is not
 * a known list. (The array's length is checked when the trial ends: an array literal returned by an arrow function
 * is typed number[], not a tuple, while O is still being inferred.)
 */
export type ResultOf<O> = [O] extends [undefined]
  ? number
  : O extends readonly [ObjectiveDecl, ObjectiveDecl, ...ObjectiveDecl[]]
    ? readonly number[] | ({ readonly [K in O[number]['metric']]: number } & Readonly<Record<string, number>>)
    : ObjectiveResult;

export type TypedObjective<S, O = undefined> = (params: ParamsOf<S>, ctx: ObjectiveContext) => ResultOf<O> | Promise<ResultOf<O>>;

export interface StudyDefinition<S extends Space, O extends AnyObjectives = undefined> extends Omit<StudySpec, 'space' | 'objective' | 'enqueue' | 'objectives'> {
  space: S;
  /** Two or more metrics optimised at once (StudySpec.objectives); the objective then returns one value for each. */
  objectives?: O;
  /** Points the first trials start from (Optuna's enqueue_trial): some or all params each, the rest drawn. */
  enqueue?: Array<Partial<ParamsOf<S>>>;
  /** A module path (runs on the worker pool) or a function (runs in this thread). */
  objective?: string | TypedObjective<S, O>;
}

export interface DefinedStudy<S extends Space = Space, O extends AnyObjectives = AnyObjectives> {
  readonly spec: StudySpec;
  readonly objective: TypedObjective<S, O> | undefined;
  /** Directory relative paths resolve against (default: the working directory). */
  readonly baseDir: string;
}

export { INLINE_OBJECTIVE };

export function defineStudy<const S extends Space, const O extends AnyObjectives = undefined>(
  def: StudyDefinition<S, O>,
  options: { baseDir?: string } = {},
): DefinedStudy<S, O> {
  const inline = typeof def.objective === 'function' ? def.objective : undefined;
  // No task and no objective: the caller runs trials itself (ask/tell) or passes a function later.
  const external = inline !== undefined || (def.objective === undefined && def.task === undefined);
  const spec = { ...def, ...(external ? { objective: INLINE_OBJECTIVE } : {}) } as StudySpec;
  const issues = validateStudy(spec);
  if (issues.length > 0) throw new ValidationError(issues, `study "${String(def.name)}"`);
  return { spec, objective: inline, baseDir: options.baseDir ?? process.cwd() };
}
