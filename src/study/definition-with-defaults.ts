/**
 * A study's definition as a resume compares it: every field that decides which trials it runs, with
 * the defaults filled in, so that an option left out and the same option spelled out at its default
 * are one study (Optuna's load_if_exists takes the study as it is; rungs checks that a resume runs
 * the same search, and must not refuse one only for how a file was written).
 */
import { whenValues } from '../search/param-conditions.js';
import type { Space } from '../search/space.js';
import { cmaPopsize } from '../search/cma-params.js';
import { defaultMutationProb } from '../search/nsga2.js';
import { strategyWithDefaults } from '../search/strategy-defaults.js';
import { OWN_BUDGET_TYPES } from '../search/strategy-spec.js';
import { DEFAULT_EPOCHS } from './normalize-study.js';
import type { NormalizedStudy } from './study-spec.js';
import { DEFAULT_TARGET, DEFAULT_TRAIN_PARAMS, DEFAULT_VALIDATION, type DatasetSpec, type ModelSpec, type TaskSpec, type TrainParams } from '../tasks/task-spec.js';
import { testHoldoutOf } from '../tasks/split-dataset.js';
import { syntheticResolved } from '../tasks/synthetic.js';

/** Fixed hyperparameters that, given at all, override the MLP's own shape (resolveModelSpec): never dropped as defaults. */
const SHAPE_PARAMS: ReadonlySet<string> = new Set(['hiddenLayers', 'hiddenUnits', 'activation']);

/** Fields that define which trials a study runs; changing one forbids resuming. */
export const IDENTITY_FIELDS = ['objectives', 'direction', 'metric', 'seed', 'task', 'objective', 'budget', 'space', 'strategy', 'enqueue', 'repeats'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Defaults that depend on the data, worked out by the caller (mlp-output-default.ts). */
export interface DataDefaults {
  /** The output an MLP takes when its spec leaves it out. */
  mlpOutput?: 'softmax' | 'linear';
}

/** The study's identity fields, defaults filled in (a field the study does not have is undefined). */
export function definitionWithDefaults(s: NormalizedStudy, data: DataDefaults = {}): Record<IdentityField, unknown> {
  const ownBudget = s.strategy !== undefined && OWN_BUDGET_TYPES.includes(s.strategy.type);
  return {
    objectives: s.objectives,
    direction: s.direction,
    metric: s.metric,
    seed: s.seed,
    task: s.task ? taskFilled(s.task, s.seed, ownBudget, data) : undefined,
    objective: s.objective,
    // The budget grid and random train to: task.epochs says it with a task (compared there); a halving strategy or
    // PBT trains to its own maxBudget (compared with the strategy), and a budget beside it is absent or equal to it.
    budget: s.task || ownBudget ? undefined : s.budget,
    space: spaceFilled(s.space),
    strategy: s.strategy ? strategyFilled(s) : undefined,
    enqueue: s.enqueue,
    repeats: s.repeats,
  };
}

/**
 * The strategy with its defaults, those that depend on the space too: CMA-ES's popsize (4 + ⌊3 ln d⌋ for the d params
 * it searches), NSGA-II's mutationProb (1 / the params that can take more than one value). PBT's mutate is sorted:
 * its order changes nothing (explore goes by name), so a resume that reorders it is no change.
 */
function strategyFilled(s: NormalizedStudy): unknown {
  const full = strategyWithDefaults(s.strategy);
  if (full.type === 'pbt') return { ...full, mutate: [...full.mutate].sort() };
  if (full.type === 'cmaes' && full.popsize === undefined) return { ...full, popsize: cmaPopsize(undefined, s.space) };
  if (full.type === 'nsga2' && full.mutationProb === undefined) return { ...full, mutationProb: defaultMutationProb(s.space) };
  return full;
}

/**
 * The task as it trains: the split's defaults (the validation fraction without folds; with `test`, the seed that
 * picks the test rows, as the split reads them), the epochs grid and random train (20; a halving strategy or PBT
 * trains to its maxBudget, which task.epochs may only repeat), the dataset, model and fixed hyperparameters as
 * they resolve.
 */
function taskFilled(task: TaskSpec, studySeed: number, ownBudget: boolean, data: DataDefaults): TaskSpec {
  const holdout = testHoldoutOf(task);
  const { epochs, optimizer, ...rest } = task;
  const fixed = optimizer === undefined ? undefined : fixedFilled(optimizer);
  return {
    ...(task.folds === undefined ? { validation: DEFAULT_VALIDATION } : {}),
    ...rest,
    ...(ownBudget ? {} : { epochs: epochs ?? DEFAULT_EPOCHS }),
    dataset: datasetFilled(task.dataset, studySeed),
    model: modelFilled(task.model, data),
    ...(fixed ? { optimizer: fixed } : {}),
    ...(holdout ? { testSeed: holdout.seed } : {}),
  };
}

/**
 * A synthetic dataset's defaults, a CSV's target column ("target"); a bundled name as it is. A synthetic seed equal
 * to the study seed is left out: that is its default, and a change of the study seed is named once, as `seed`.
 */
function datasetFilled(dataset: DatasetSpec, studySeed: number): DatasetSpec {
  if (typeof dataset !== 'object' || dataset === null) return dataset;
  if ('synthetic' in dataset) {
    const { seed, ...resolved } = syntheticResolved(dataset, studySeed);
    return seed === studySeed ? resolved : { ...resolved, seed };
  }
  if ('csv' in dataset) return { ...dataset, target: dataset.target ?? DEFAULT_TARGET };
  return dataset;
}

/**
 * "softmax" and { type: "softmax" } are one model; an MLP's activation is relu unless it says otherwise, and its output
 * the data's default (when the caller knows it).
 */
function modelFilled(model: ModelSpec, data: DataDefaults): ModelSpec {
  if (typeof model === 'string') return { type: model };
  if (model.type === 'mlp') {
    const output = model.output ?? data.mlpOutput;
    return { ...model, activation: model.activation ?? DEFAULT_TRAIN_PARAMS.activation, ...(output ? { output } : {}) };
  }
  return model;
}

/**
 * task.optimizer without the values it gives at their defaults (undefined when none is left). The MLP's shape
 * (hiddenLayers, hiddenUnits, activation) stays as written: given there, it overrides the model's.
 */
function fixedFilled(fixed: Partial<TrainParams>): Partial<TrainParams> | undefined {
  const out = Object.fromEntries(Object.entries(fixed).filter(([k, v]) => SHAPE_PARAMS.has(k) || v !== DEFAULT_TRAIN_PARAMS[k as keyof TrainParams]));
  return Object.keys(out).length > 0 ? (out as Partial<TrainParams>) : undefined;
}

/**
 * The space with each `when` entry as a sorted list ("adam", ["adam"] and a reordered list are one condition),
 * and without `log: false` or an int's `step: 1`, the defaults.
 */
function spaceFilled(space: Space): Space {
  const out: Space = {};
  for (const [name, spec] of Object.entries(space)) {
    const p = { ...spec } as Record<string, unknown>;
    if (p['log'] === false) delete p['log'];
    if (p['type'] === 'int' && p['step'] === 1) delete p['step'];
    if (spec.when !== undefined) {
      p['when'] = Object.fromEntries(Object.entries(spec.when).map(([k, v]) => [k, [...whenValues(v)].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1))]));
    }
    out[name] = p as unknown as Space[string];
  }
  return out;
}
