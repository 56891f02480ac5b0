/**
 * Applies the searchable MLP shape (hiddenLayers, hiddenUnits, activation)
 * to the task's model. Only explicitly set values count (task.optimizer or
 * the search space), never the TrainParams defaults, so a model declared as
 * {"type": "mlp", "hidden": [64, 32]} keeps its shape unless a value is given.
 *
 * - hiddenLayers and hiddenUnits: that many layers of that width.
 * - hiddenUnits only: every declared layer gets that width.
 * - hiddenLayers only: the declared widths, cut to that many layers or
 *   extended by repeating the last width.
 * Models other than mlp are returned as they are.
 */
import type { ModelSpec, TrainParams } from './task-spec.js';

export function resolveModelSpec(model: ModelSpec, explicit: Partial<TrainParams>): ModelSpec {
  if (typeof model === 'string' || model.type !== 'mlp') return model;
  const declared = model.hidden;
  const layers = explicit.hiddenLayers ?? declared.length;
  const hidden: number[] = [];
  for (let i = 0; i < layers; i++) {
    hidden.push(explicit.hiddenUnits ?? declared[Math.min(i, declared.length - 1)] ?? 64);
  }
  const out: ModelSpec = { type: 'mlp', hidden };
  const activation = explicit.activation ?? model.activation;
  if (activation) out.activation = activation;
  if (model.output) out.output = model.output;
  return out;
}
