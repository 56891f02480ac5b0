/**
 * Builds the Model a ModelSpec names, checked against the data it will train
 * on (a logistic model needs a binary target, softmax a classification one).
 */
import { ValidationError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { DatasetKind } from './dataset.js';
import { DEFAULT_TRAIN_PARAMS, type ModelSpec } from './task-spec.js';
import type { Model } from './model.js';
import { createLinearModel } from './linear-model.js';
import { createLogisticModel } from './logistic-model.js';
import { createSoftmaxModel } from './softmax-model.js';
import { createMlpModel } from './mlp-model.js';

export interface DataShape {
  d: number;
  kind: DatasetKind;
  classes: number;
  /** The rows a linear model will train on and be evaluated on, when known (PreparedData's): its kernels' memory is made for them. */
  nTrain?: number;
  nVal?: number;
  nTest?: number;
}

/** The model type of a spec ('linear' | 'logistic' | 'softmax' | 'mlp'). */
export function modelType(spec: ModelSpec): 'linear' | 'logistic' | 'softmax' | 'mlp' {
  return typeof spec === 'string' ? spec : spec.type;
}

/** How a model computes, never what: its kernels (model-wasm.ts), which give the same bits either way. */
export interface ModelOptions {
  /** 'wasm' (the default where WebAssembly SIMD runs) or 'js', the TypeScript loops (bench:core compares them). */
  kernels?: 'wasm' | 'js';
}

/**
 * `rng` draws the MLP's initial weights (linear models start at zero).
 * An MLP's output defaults to softmax for a classification target and
 * linear for a regression one.
 */
export function createModel(spec: ModelSpec, data: DataShape, maxBatch: number, rng: Rng, opts: ModelOptions = {}): Model {
  const type = modelType(spec);
  const classification = data.kind !== 'regression';
  const linear = {
    ...(opts.kernels ? { kernels: opts.kernels } : {}),
    ...(data.nTrain !== undefined ? { rows: { train: data.nTrain, eval: Math.max(data.nVal ?? 0, data.nTest ?? 0) } } : {}),
  };
  switch (type) {
    case 'linear':
      return createLinearModel(data.d, maxBatch, linear);
    case 'logistic':
      if (data.kind !== 'binary') {
        throw new ValidationError([
          data.kind === 'multiclass'
            ? `model "logistic" needs a binary target but the dataset has ${data.classes} classes: use "softmax"`
            : 'model "logistic" needs a binary (0/1) target but the dataset is a regression one: use "linear"',
        ]);
      }
      return createLogisticModel(data.d, maxBatch, linear);
    case 'softmax':
      if (!classification) {
        throw new ValidationError(['model "softmax" needs a classification target but the dataset is a regression one: use "linear"']);
      }
      return createSoftmaxModel(data.d, data.classes, maxBatch, linear);
    case 'mlp': {
      const s = spec as Extract<ModelSpec, { type: 'mlp' }>;
      const output = s.output ?? (classification ? 'softmax' : 'linear');
      if (output === 'softmax' && !classification) {
        throw new ValidationError(['model "mlp" with a softmax output needs a classification target: use output "linear"']);
      }
      return createMlpModel({
        d: data.d,
        hidden: s.hidden,
        activation: s.activation ?? DEFAULT_TRAIN_PARAMS.activation,
        output,
        classes: data.classes,
        maxBatch,
        rng,
        ...(opts.kernels ? { kernels: opts.kernels } : {}),
      });
    }
    default:
      throw new ValidationError([
        `model type ${JSON.stringify(type as unknown)} is not one of linear, logistic, softmax, mlp`,
      ]);
  }
}
