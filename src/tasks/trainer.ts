/**
 * The training loop of one trial on one split: minibatch epochs with the
 * optimizer core, validation metrics after every epoch, divergence
 * detection, and checkpoints that continue bit for bit.
 *
 * Everything the loop touches per step (index permutation, gradient, model
 * activations, prediction buffer) is allocated once here; an epoch allocates
 * only its small result record.
 */
import { deriveSeed, Rng } from '../rng.js';
import { createOptimizer } from '../optimizers/create-optimizer.js';
import { clipGradNorm } from '../optimizers/clip-grad-norm.js';
import { learningRate } from '../optimizers/lr-schedule.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { ModelSpec, TrainParams } from './task-spec.js';
import type { PreparedData } from './split-dataset.js';
import type { Model } from './model.js';
import { createModel, type ModelOptions } from './create-model.js';
import { accuracy, mae, mse, r2 } from './metrics.js';
import { CheckpointError, decodeTrainerState, encodeTrainerState } from './trainer-checkpoint.js';

export interface EpochRecord {
  /** 1-based number of the epoch just trained. */
  epoch: number;
  metrics: Record<string, number>;
  /** The loss became NaN or ±Infinity: the epoch stopped there and the metrics are not meaningful. */
  diverged: boolean;
}

export interface Trainer {
  /** Epochs completed so far. */
  readonly epoch: number;
  readonly model: Model;
  /** Rows per optimizer step (nTrain for full batch). */
  readonly batchSize: number;
  trainEpoch(): EpochRecord;
  /** Validation metrics at the current params (no train_loss). */
  evaluate(): Record<string, number>;
  /** The same metrics on the held-out test rows, named test_* (test_loss, test_accuracy, …; no model_size); {} without test rows. */
  evaluateTest(): Record<string, number>;
  /** The whole training state as bytes (see trainer-checkpoint.ts). */
  checkpoint(): Uint8Array;
  /** Done training: the model's memory may serve the next trainer of this thread (Model.dispose); nothing may be called after. */
  dispose(): void;
}

/**
 * A run whose validation (or training) loss exceeds this multiple of the
 * untrained model's validation loss (at least 1) has diverged: a loss of
 * 1e16 is a blow-up, not a bad-but-valid result, and must not be ranked.
 */
export const DIVERGENCE_FACTOR = 1e4;

/** What the validation and the test rows' metrics are called (metrics.ts lists them). */
type MetricNames = Record<'loss' | 'mse' | 'rmse' | 'mae' | 'r2' | 'logLoss' | 'accuracy', string>;
const metricNamesFor = (prefix: string): MetricNames => ({
  loss: `${prefix}_loss`,
  mse: `${prefix}_mse`,
  rmse: `${prefix}_rmse`,
  mae: `${prefix}_mae`,
  r2: `${prefix}_r2`,
  logLoss: `${prefix}_log_loss`,
  accuracy: `${prefix}_accuracy`,
});
const VAL_NAMES = metricNamesFor('val');
const TEST_NAMES = metricNamesFor('test');

/** Independent streams from the one trial seed: weight init and minibatch order. */
const INIT_STREAM = 1;
const SHUFFLE_STREAM = 2;

/**
 * @param maxEpochs the trial's maximum budget: the horizon of the learning-rate
 *   schedule (cosine), which must not change between warm starts.
 * @param opts how the model computes (an MLP's kernels), never what.
 */
export function createTrainer(
  data: PreparedData,
  model: ModelSpec,
  hp: TrainParams,
  seed: number,
  maxEpochs: number,
  opts: ModelOptions = {},
): Trainer {
  return new LoopTrainer(data, model, hp, seed, maxEpochs, opts);
}

/**
 * A trainer continued from `bytes` (from checkpoint() of a trainer built with the same arguments). With `fork`, the
 * checkpoint is another trial's (PBT's exploit): its weights and optimizer state go on, but the minibatch order
 * is this trial's own, from `seed`, so two copies of one member do not train in lockstep.
 */
export function restoreTrainer(
  data: PreparedData,
  model: ModelSpec,
  hp: TrainParams,
  seed: number,
  maxEpochs: number,
  bytes: Uint8Array,
  opts: { fork?: boolean } = {},
): Trainer {
  const t = new LoopTrainer(data, model, hp, seed, maxEpochs);
  t.restore(bytes);
  if (opts.fork) t.reseedShuffle(seed);
  return t;
}

class LoopTrainer implements Trainer {
  readonly model: Model;
  readonly batchSize: number;
  private readonly optimizer: Optimizer;
  private readonly grad: Float64Array;
  private readonly order: Uint32Array;
  private readonly pred: Float64Array;
  private readonly shuffleRng: Rng;
  private readonly stepsPerEpoch: number;
  private readonly fullBatch: boolean;
  private epochs = 0;
  private steps = 0;
  private readonly divergeAbove: number;

  constructor(
    private readonly data: PreparedData,
    spec: ModelSpec,
    private readonly hp: TrainParams,
    seed: number,
    private readonly maxEpochs: number,
    modelOptions: ModelOptions = {},
  ) {
    const n = data.nTrain;
    const bs = Math.floor(hp.batchSize);
    this.fullBatch = !(bs > 0 && bs < n);
    this.batchSize = this.fullBatch ? n : bs;
    this.stepsPerEpoch = Math.ceil(n / this.batchSize);
    // The model's work buffers also serve validation, evaluated in chunks of batchSize rows.
    this.model = createModel(spec, data, this.batchSize, new Rng(deriveSeed(seed, INIT_STREAM)), modelOptions);
    // Adam's state where the model's kernels can update it (an MLP's SIMD memory), when it has such a place.
    this.optimizer = createOptimizer(this.model.size, hp, this.model.allocState?.bind(this.model));
    this.grad = this.model.gradBuffer ?? new Float64Array(this.model.size);
    this.order = new Uint32Array(n);
    this.pred = new Float64Array(Math.max(data.nVal, data.nTest));
    this.shuffleRng = new Rng(deriveSeed(seed, SHUFFLE_STREAM));
    // The untrained model's validation loss (the same on restore: the init is seeded) sets the
    // divergence ceiling. Before the params are restored, so a warm start keeps the same ceiling.
    this.divergeAbove = DIVERGENCE_FACTOR * Math.max(1, data.nVal > 0 ? this.evaluate().val_loss! : 1);
  }

  get epoch(): number {
    return this.epochs;
  }

  trainEpoch(): EpochRecord {
    const { data, model, grad, order, hp } = this;
    const n = data.nTrain;
    const B = this.batchSize;
    const S = this.stepsPerEpoch;
    // Reset to the identity before shuffling so the order depends only on the
    // RNG state (which the checkpoint holds), not on the previous epoch's order.
    for (let i = 0; i < n; i++) order[i] = i;
    if (!this.fullBatch) this.shuffleRng.shuffle(order);
    const epoch0 = this.epochs; // 0-based epoch of these steps
    let lossSum = 0;
    let diverged = false;
    for (let s = 0; s < S; s++) {
      const start = s * B;
      const end = Math.min(start + B, n);
      const loss = model.lossAndGrad(data.xTrain, data.yTrain, data.d, order, start, end, grad);
      if (!Number.isFinite(loss)) {
        lossSum = loss;
        diverged = true;
        break;
      }
      lossSum += loss * (end - start);
      if (hp.clipNorm > 0) clipGradNorm(grad, hp.clipNorm);
      const lr = learningRate(hp, epoch0, this.maxEpochs, s, S);
      this.optimizer.step(model.params, grad, lr);
      this.steps++;
    }
    this.epochs++;
    if (diverged) return { epoch: this.epochs, metrics: { train_loss: lossSum }, diverged: true };
    const metrics = this.evaluate();
    const out: Record<string, number> = { train_loss: lossSum / n, ...metrics };
    // Finite minibatch losses can still end in non-finite params after the last step; and a
    // loss that exploded to a huge finite number is divergence too, never a value to rank.
    const v = metrics.val_loss!;
    return { epoch: this.epochs, metrics: out, diverged: !Number.isFinite(v) || v > this.divergeAbove || lossSum / n > this.divergeAbove };
  }

  evaluate(): Record<string, number> {
    const { data, model } = this;
    const out = this.scoreRows(data.xVal, data.yVal, data.nVal, VAL_NAMES);
    // The model's trainable weights: the cost side of a multi-objective study (loss against size).
    out.model_size = model.size;
    return out;
  }

  evaluateTest(): Record<string, number> {
    const { data } = this;
    return data.nTest > 0 ? this.scoreRows(data.xTest, data.yTest, data.nTest, TEST_NAMES) : {};
  }

  /** The loss and metrics of the current params on rows x, y (n of them), under `names`. */
  private scoreRows(x: Float64Array, y: Float64Array, n: number, names: MetricNames): Record<string, number> {
    const { data, model, pred } = this;
    let sum = 0;
    for (let start = 0; start < n; start += this.batchSize) {
      const end = Math.min(start + this.batchSize, n);
      sum += model.evaluate(x, y, data.d, start, end, pred);
    }
    const loss = sum / n;
    if (model.output === 'regression') {
      const m = mse(pred, y, n);
      return { [names.loss]: loss, [names.mse]: m, [names.rmse]: Math.sqrt(m), [names.mae]: mae(pred, y, n), [names.r2]: r2(pred, y, n) };
    }
    // For classification the loss is the cross-entropy, i.e. the log-loss: both names select it.
    return { [names.loss]: loss, [names.logLoss]: loss, [names.accuracy]: accuracy(pred, y, n) };
  }

  dispose(): void {
    this.model.dispose?.();
  }

  checkpoint(): Uint8Array {
    const st = this.optimizer.getState();
    return encodeTrainerState({
      epoch: this.epochs,
      steps: this.steps,
      rng: this.shuffleRng.getState(),
      optimizer: this.optimizer.name,
      optimizerT: st.t,
      params: this.model.params,
      buffers: st.buffers,
    });
  }

  /** Minibatch order from `seed`'s own stream, as a new trainer with that seed would have it. */
  reseedShuffle(seed: number): void {
    this.shuffleRng.setState(new Rng(deriveSeed(seed, SHUFFLE_STREAM)).getState());
  }

  restore(bytes: Uint8Array): void {
    const s = decodeTrainerState(bytes);
    if (s.optimizer !== this.optimizer.name) {
      throw new CheckpointError(
        `checkpoint was made with optimizer "${s.optimizer}" but this run uses "${this.optimizer.name}"`,
      );
    }
    if (s.params.length !== this.model.size) {
      throw new CheckpointError(
        `checkpoint holds ${s.params.length} parameters but this model has ${this.model.size} (different model or dataset)`,
      );
    }
    this.model.params.set(s.params);
    this.optimizer.setState({ t: s.optimizerT, buffers: s.buffers });
    this.shuffleRng.setState(s.rng);
    this.epochs = s.epoch;
    this.steps = s.steps;
  }
}
