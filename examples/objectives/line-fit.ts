/**
 * A TypeScript objective (no build step: rungs loads it through tsx).
 * It fits a line y = 3x − 1 with gradient descent + momentum and returns the
 * final mean squared error (the study's metric, "mse") with the line it found
 * beside it: every number in the object is stored as a metric of the trial.
 * It reports every epoch and saves its state so a halving strategy can
 * promote it and continue where it stopped.
 */
import type { ObjectiveContext } from 'rungs';

interface Params {
  lr: number;
  momentum: number;
}

export default function lineFit(params: Params, ctx: ObjectiveContext): { mse: number; slope: number; intercept: number } {
  // Data from the trial seed: the same trial gives the same numbers.
  let s = ctx.seed || 1;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const xs = Array.from({ length: 64 }, () => rand() * 2 - 1);
  const ys = xs.map((x) => 3 * x - 1 + (rand() - 0.5) * 0.1);

  // State: w, b, velocity of each — restored when the trial is promoted.
  const state = ctx.checkpoint ? new Float64Array(ctx.checkpoint.buffer.slice(ctx.checkpoint.byteOffset, ctx.checkpoint.byteOffset + ctx.checkpoint.byteLength)) : new Float64Array(4);
  let mse = Infinity;
  for (let epoch = ctx.fromBudget + 1; epoch <= ctx.budget; epoch++) {
    let gw = 0;
    let gb = 0;
    mse = 0;
    for (let i = 0; i < xs.length; i++) {
      const err = state[0]! * xs[i]! + state[1]! - ys[i]!;
      gw += (2 * err * xs[i]!) / xs.length;
      gb += (2 * err) / xs.length;
      mse += (err * err) / xs.length;
    }
    state[2] = params.momentum * state[2]! + gw;
    state[3] = params.momentum * state[3]! + gb;
    state[0] = state[0]! - params.lr * state[2]!;
    state[1] = state[1]! - params.lr * state[3]!;
    ctx.report(epoch, mse);
    if (ctx.shouldPrune()) break;
  }
  ctx.saveCheckpoint(new Uint8Array(state.buffer));
  return { mse, slope: state[0]!, intercept: state[1]! };
}
