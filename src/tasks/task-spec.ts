/**
 * What a built-in trial trains: dataset + model (+ its loss) + optimizer
 * defaults. This is the `task` object of a study file. Any hyperparameter in
 * `TrainParams` may instead come from the search space under the same name;
 * the space wins.
 */
export type SyntheticKind = 'regression' | 'classification' | 'blobs' | 'moons' | 'spirals';

export type DatasetSpec =
  /** A bundled dataset by name: "breast-cancer", "digits" or "iris". */
  | string
  /** A CSV file (path relative to the study file), target column by name (default: "target"). */
  | { csv: string; target?: string }
  /** Generated data, seeded by `seed` (default: the study seed). */
  | SyntheticSpec;

export interface SyntheticSpec {
  synthetic: SyntheticKind;
  samples?: number;
  features?: number;
  classes?: number;
  noise?: number;
  seed?: number;
}

export type Activation = 'relu' | 'tanh';

export type ModelSpec =
  | 'linear'
  | 'logistic'
  | 'softmax'
  | { type: 'linear' | 'logistic' | 'softmax' }
  | { type: 'mlp'; hidden: number[]; activation?: Activation; output?: 'softmax' | 'linear' };

export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam' | 'adamw';
export type ScheduleName = 'constant' | 'step' | 'exponential' | 'cosine';

/** Every hyperparameter the built-in training understands (names as in the search space). */
export interface TrainParams {
  optimizer: OptimizerName;
  lr: number;
  /** 0 or ≥ the training-set size means full batch (GD). */
  batchSize: number;
  momentum: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** rmsprop decay. */
  rho: number;
  amsgrad: boolean;
  /** L2 penalty for sgd/momentum/nesterov/adagrad/rmsprop/adam; decoupled for adamw. */
  weightDecay: number;
  /** Clip gradients to this global L2 norm; 0 = off. */
  clipNorm: number;
  schedule: ScheduleName;
  /** Epochs of linear warm-up before the schedule. */
  warmup: number;
  /** step schedule: multiply lr by `gamma` every `stepSize` epochs; exponential: lr·gammaᵉ. */
  gamma: number;
  stepSize: number;
  /** MLP shape, searchable: overrides the model's `hidden` when given. */
  hiddenLayers: number;
  hiddenUnits: number;
  activation: Activation;
}

/** Held-out fraction when the task does not say (and it has no folds). */
export const DEFAULT_VALIDATION = 0.2;

/** The target column of a CSV dataset that names none (and of the bundled ones). */
export const DEFAULT_TARGET = 'target';

export const DEFAULT_TRAIN_PARAMS: TrainParams = {
  optimizer: 'adam',
  lr: 0.01,
  batchSize: 32,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  rho: 0.9,
  amsgrad: false,
  weightDecay: 0,
  clipNorm: 0,
  schedule: 'constant',
  warmup: 0,
  gamma: 0.1,
  stepSize: 10,
  hiddenLayers: 1,
  hiddenUnits: 64,
  activation: 'relu',
};

export interface TaskSpec {
  dataset: DatasetSpec;
  model: ModelSpec;
  /** Fixed hyperparameters (defaults for anything the space does not search). */
  optimizer?: Partial<TrainParams>;
  /** Epochs per trial for grid and random search (halving strategies set their own budgets). */
  epochs?: number;
  /** Fraction of rows held out for validation (default 0.2), split with the study seed. */
  validation?: number;
  /** k-fold cross-validation instead of one split (k ≥ 2). */
  folds?: number;
  /**
   * Fraction of rows held out before the validation split or folds (default none): no trial trains or is
   * ranked on them; every job reports the test_* metrics of its model on them at its end.
   */
  test?: number;
  /** Seeds which rows `test` holds out (default 0); the study seed does not, so every study of the data is tested on the same rows. */
  testSeed?: number;
}
