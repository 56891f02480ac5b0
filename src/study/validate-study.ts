/**
 * Checks a study declaration and returns every problem at once, each naming
 * the exact path, the rule and the value (Optuna-style messages).
 */
import { createStrategy } from '../search/create-strategy.js';
import type { StrategySpec } from '../search/strategy-spec.js';
import { validateEnqueue } from '../search/validate-enqueue.js';
import { validateSpace } from '../search/validate-space.js';
import { OWN_BUDGET_TYPES, type StrategyType } from '../search/strategy-spec.js';
import { validateStrategy } from '../search/validate-strategy.js';
import type { Space } from '../search/space.js';
import { validateTask, TRAIN_PARAM_NAMES } from '../tasks/validate-task.js';
import { DEFAULT_EPOCHS, normalizeStudy } from './normalize-study.js';
import { exhaustNeedsMaxEpochs, exhaustOption } from './exhaust-count.js';
import type { StudySpec } from './study-spec.js';
import { ValidationError } from '../errors.js';
import { validateObjectives } from './validate-objectives.js';
import { validateTaskSpace } from './validate-task-space.js';
import { didYouMean, formatValue, isRecord } from '../format-value.js';
import { threadCountProblem } from '../pool/thread-count.js';
import type { TaskSpec } from '../tasks/task-spec.js';
import { modelType } from '../tasks/create-model.js';
import { CLASSIFICATION_METRICS, REGRESSION_METRICS, testMetricProblem } from '../tasks/metrics.js';

/** The metrics a task's model records (an MLP's output follows the data: either set). */
function taskMetrics(task: TaskSpec): readonly string[] {
  const type = modelType(task.model);
  const output = typeof task.model === 'object' && task.model.type === 'mlp' ? task.model.output : undefined;
  if (type === 'linear' || output === 'linear') return REGRESSION_METRICS;
  if (type === 'logistic' || type === 'softmax' || output === 'softmax') return CLASSIFICATION_METRICS;
  return [...new Set([...REGRESSION_METRICS, ...CLASSIFICATION_METRICS])];
}

/** The largest study seed (seeds are 32-bit). */
export const MAX_SEED = 0xffffffff;

const TOP_KEYS = [
  '$schema', 'name', 'description', 'seed', 'direction', 'metric', 'objectives', 'task', 'objective', 'budget',
  'space', 'strategy', 'enqueue', 'threads', 'maxTrials', 'maxEpochs', 'repeats',
] as const;

export function validateStudy(input: unknown): string[] {
  if (!isRecord(input)) return [`the study must be a JSON object (got ${formatValue(input)})`];
  const s = input;
  const out: string[] = [];
  for (const k of Object.keys(s)) {
    if ((TOP_KEYS as readonly string[]).includes(k)) continue;
    out.push(`${k} is not a study field (${didYouMean(k, TOP_KEYS)}allowed: ${TOP_KEYS.join(', ')})`);
  }
  if (typeof s.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(s.name)) {
    out.push(`name must be 1-100 characters of letters, digits, ".", "_" or "-", starting with a letter or digit (got ${formatValue(s.name)})`);
  }
  if (s.description !== undefined && typeof s.description !== 'string') out.push(`description must be a string (got ${formatValue(s.description)})`);
  if (s.seed !== undefined && !isUint32(s.seed)) out.push(`seed must be an integer in [0, ${MAX_SEED}] (got ${formatValue(s.seed)})`);
  if (s.direction !== undefined && s.direction !== 'minimize' && s.direction !== 'maximize') {
    out.push(`direction must be "minimize" or "maximize" (got ${formatValue(s.direction)})`);
  }
  if (s.metric !== undefined && (typeof s.metric !== 'string' || s.metric === '')) out.push(`metric must be a non-empty string (got ${formatValue(s.metric)})`);
  const threadsProblem = s.threads === undefined ? null : threadCountProblem(s.threads);
  if (threadsProblem) out.push(`threads ${threadsProblem} (got ${formatValue(s.threads)})`);
  for (const k of ['maxTrials', 'maxEpochs', 'repeats', 'budget'] as const) {
    const v = s[k];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 1)) out.push(`${k} must be an integer ≥ 1 (got ${formatValue(v)})`);
  }

  const hasTask = s.task !== undefined;
  const hasObjective = s.objective !== undefined;
  if (hasTask === hasObjective) {
    out.push(hasTask ? 'task and objective cannot both be given: choose one' : 'a study needs a task (built-in training) or an objective (a module path)');
  }
  if (hasObjective && (typeof s.objective !== 'string' || !/\.(m?js|ts|mts)$/.test(s.objective))) {
    out.push(`objective must be a path to a .js, .mjs, .ts or .mts module (got ${formatValue(s.objective)})`);
  }
  let allowedMetrics: readonly string[] | undefined;
  if (hasTask) {
    const taskIssues = validateTask(s.task, 'task');
    out.push(...taskIssues);
    if (taskIssues.length === 0) allowedMetrics = taskMetrics(s.task as TaskSpec);
    const heldOut = typeof s.metric === 'string' ? testMetricProblem(s.metric, 'metric') : undefined;
    if (heldOut) out.push(heldOut);
    else if (allowedMetrics && typeof s.metric === 'string' && !allowedMetrics.includes(s.metric)) {
      out.push(`metric "${s.metric}" is not recorded for this model (${didYouMean(s.metric, allowedMetrics)}allowed: ${allowedMetrics.join(', ')})`);
    }
  }
  out.push(...validateObjectives(s, allowedMetrics));

  // task.epochs (or an objective's budget) is what grid and random train every trial to; a halving strategy
  // (and PBT) trains up to its maxBudget instead, and a different value would be ignored (task.epochs only stretching
  // the learning-rate schedule's horizon, unseen).
  if (isRecord(s.strategy) && typeof s.strategy.maxBudget === 'number' && OWN_BUDGET_TYPES.includes(s.strategy.type as StrategyType)) {
    const given = hasTask && isRecord(s.task) ? ['task.epochs', s.task.epochs] : ['budget', s.budget];
    if (typeof given[1] === 'number' && given[1] !== s.strategy.maxBudget) {
      out.push(
        `${given[0]} is the budget of grid, random, TPE, CMA-ES, GP and NSGA-II search (got ${given[1]}); ${formatValue(s.strategy.type)} trains each trial up to strategy.maxBudget (${s.strategy.maxBudget}): remove ${given[0]} or make it ${s.strategy.maxBudget}`,
      );
    }
  }
  const spaceIssues = validateSpace(s.space, 'space');
  out.push(...spaceIssues);
  if (hasTask && isRecord(s.space)) {
    for (const name of Object.keys(s.space)) {
      if (!(TRAIN_PARAM_NAMES as readonly string[]).includes(name)) {
        out.push(`space.${name} is not a hyperparameter of the built-in task (${didYouMean(name, TRAIN_PARAM_NAMES)}known: ${TRAIN_PARAM_NAMES.join(', ')})`);
      }
    }
  }
  if (hasTask) out.push(...validateTaskSpace(s.space, 'space'));
  if (hasTask && isRecord(s.strategy) && s.strategy.type === 'pbt') out.push(...pbtTaskIssues(s.strategy.mutate));
  // The strategy's own fields are checked even when the space has problems (its grid checks skip a broken space).
  const budget = hasTask ? (isRecord(s.task) ? (s.task.epochs ?? DEFAULT_EPOCHS) : undefined) : (s.budget ?? 1);
  out.push(...validateStrategy(s.strategy, (isRecord(s.space) ? s.space : {}) as Space, 'strategy', budget));
  // The pruner stops one trial on its own curve; a configuration of several repeats has several curves.
  if (isRecord(s.strategy) && s.strategy.pruner !== undefined && typeof s.repeats === 'number' && s.repeats > 1) {
    out.push(`strategy.pruner cannot be combined with repeats (got repeats ${s.repeats}): a pruner stops a trial on its own learning curve, and a configuration with repeats has one per seed; use repeats 1 with the pruner`);
  }
  // Points are read against the space and the strategy: only once the space is sound.
  if (spaceIssues.length === 0 && isRecord(s.strategy)) out.push(...validateEnqueue(s.enqueue, s.space as Space, s.strategy));
  let resolved = s.strategy as StrategySpec;
  const exhaust = exhaustOption(s.strategy);
  if (exhaust) {
    if (s.maxEpochs === undefined) out.push(exhaustNeedsMaxEpochs(exhaust));
    // The rest is sound: what "exhaust" comes to (none fitting in maxEpochs is an issue of its own).
    else if (out.length === 0) {
      try {
        resolved = normalizeStudy(s as unknown as StudySpec, '.').strategy;
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        out.push(...e.issues);
      }
    }
  }
  if (out.length === 0 && Array.isArray(s.enqueue)) {
    // The strategy is sound by now: how many trials it starts (a Hyperband counts its brackets' candidates).
    // The study's own budget: the pruner was checked against it (warmupSteps, patience), and budget 1 would fail that check.
    // PBT draws only its first generation; the trials after it are copies of members (forks), which no point starts.
    const strategy = resolved;
    const pbt = strategy.type === 'pbt';
    const total = pbt ? strategy.population : createStrategy(strategy, s.space as Space, { seed: 0, direction: 'minimize', budget: budget as number }).totalTrials;
    const repeats = typeof s.repeats === 'number' ? s.repeats : 1;
    const started = pbt ? `${total} members of PBT's first generation (the trials after it are copies of members)` : `${total} trials the strategy starts`;
    const configurations = pbt ? "configurations of PBT's first generation" : 'configurations the strategy starts';
    const what = repeats > 1 ? `${total} ${configurations} (each run ${repeats} times)` : started;
    if (total !== undefined && s.enqueue.length > total) out.push(`enqueue has ${s.enqueue.length} points, more than the ${what}`);
  }
  return out;
}

function isUint32(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_SEED;
}

/**
 * A built-in task's params that a PBT replacement cannot change: it continues from its donor's checkpoint,
 * whose weights have the donor's shape and whose optimizer state is the donor's optimizer's.
 */
const PBT_FIXED_TASK_PARAMS: Readonly<Record<string, string>> = {
  hiddenLayers: 'shapes the model',
  hiddenUnits: 'shapes the model',
  activation: "is part of the model the donor's weights were trained in",
  optimizer: "picks the optimizer, whose state (momentum, Adam's moments) a replacement takes over from its donor",
  amsgrad: "changes the optimizer state a replacement takes over from its donor",
};

function pbtTaskIssues(mutate: unknown): string[] {
  if (!Array.isArray(mutate)) return [];
  return mutate.flatMap((name, i) => {
    const why = typeof name === 'string' ? PBT_FIXED_TASK_PARAMS[name] : undefined;
    return why === undefined
      ? []
      : [`strategy.mutate[${i}] "${name}" cannot change in a built-in task: it ${why}, and a replacement continues from its donor's checkpoint; leave it out of mutate (a replacement copies it from its donor)`];
  });
}
