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
 * What a typed objective returns for `objectives` O and `metric` M: for one objective (none declared), a number, or an
 * object with M (the study's metric, "value" when none is given) and other numbers beside it, kept as metrics (other
 * values: attributes); for two or more, one number per objective, as an array in their order or an object naming each
 * (other numbers in it are kept as metrics), so a number, or an object with a misspelt or missing metric, does not compile; anything the run accepts
 * when O is not a known list. (The array's length is checked when the trial ends: an array literal returned by an
 * arrow function is typed number[], not a tuple, while O is still being inferred.)
 */
export type ResultOf<O, M extends string = string> = [O] extends [undefined]
  ? number | ({ readonly [K in M]: number } & Readonly<Record<string, unknown>>)
  : O extends readonly [ObjectiveDecl, ObjectiveDecl, ...ObjectiveDecl[]]
    ? readonly number[] | ({ readonly [K in O[number]['metric']]: number } & Readonly<Record<string, unknown>>)
    : ObjectiveResult;

// NoInfer: M comes from `metric` alone (or its default), never from the keys the objective returns.
export type TypedObjective<S, O = undefined, M extends string = string> = (params: ParamsOf<S>, ctx: ObjectiveContext) => ResultOf<O, NoInfer<M>> | Promise<ResultOf<O, NoInfer<M>>>;

export interface StudyDefinition<S extends Space, O extends AnyObjectives = undefined, M extends string = string> extends Omit<StudySpec, 'space' | 'objective' | 'enqueue' | 'objectives' | 'metric'> {
  space: S;
  /** The trial's value (StudySpec.metric); an objective may return an object with it and other metrics. */
  metric?: M;
  /** Two or more metrics optimised at once (StudySpec.objectives); the objective then returns one value for each. */
  objectives?: O;
  /** Points the first trials start from (Optuna's enqueue_trial): some or all params each, the rest drawn. */
  enqueue?: Array<Partial<ParamsOf<S>>>;
  /** A module path (runs on the worker pool) or a function (runs in this thread). */
  objective?: string | TypedObjective<S, O, M>;
}

export interface DefinedStudy<S extends Space = Space, O extends AnyObjectives = AnyObjectives, M extends string = string> {
  readonly spec: StudySpec;
  readonly objective: TypedObjective<S, O, M> | undefined;
  /** Directory relative paths resolve against (default: the working directory). */
  readonly baseDir: string;
}

export { INLINE_OBJECTIVE };

export function defineStudy<const S extends Space, const O extends AnyObjectives = undefined, const M extends string = 'value'>(
  def: StudyDefinition<S, O, M>,
  options: { baseDir?: string } = {},
): DefinedStudy<S, O, M> {
  const inline = typeof def.objective === 'function' ? def.objective : undefined;
  // No task and no objective: the caller runs trials itself (ask/tell) or passes a function later.
  const external = inline !== undefined || (def.objective === undefined && def.task === undefined);
  const spec = { ...def, ...(external ? { objective: INLINE_OBJECTIVE } : {}) } as StudySpec;
  const issues = validateStudy(spec);
  if (issues.length > 0) throw new ValidationError(issues, `study "${String(def.name)}"`);
  return { spec, objective: inline, baseDir: options.baseDir ?? process.cwd() };
}
