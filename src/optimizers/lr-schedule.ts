/**
 * The learning rate of one optimizer step, by (fractional) epoch.
 *
 * Inputs: `epoch` is the 0-based epoch of the step, `stepInEpoch` its 0-based
 * index in that epoch, `stepsPerEpoch` the number of steps (mini-batches) per
 * epoch (values < 1 count as 1), `totalEpochs` the trial's maximum budget in
 * epochs (used by cosine only). With S = stepsPerEpoch, W = hp.warmup and
 * k = epoch·S + stepInEpoch (the global step index, from 0):
 *
 *   Warm-up (W > 0 and k < W·S), whatever the schedule:
 *     lr · min(1, (k + 1) / (W·S))
 *   so the very first step has lr/(W·S) > 0 and the last warm-up step has lr.
 *
 *   After warm-up, the schedule runs on its own clock, which starts at 0 when
 *   warm-up ends: e = (epoch + stepInEpoch/S) − W  (fractional epochs; e = epoch
 *   exactly when W = 0 and stepInEpoch = 0), so the lr is continuous there.
 *     constant:     lr
 *     step:         lr · gamma^floor(e / stepSize)
 *     exponential:  lr · gamma^e
 *     cosine:       lr · ½(1 + cos(π · min(1, e / (totalEpochs − W))))
 *                   (annealed to 0 over the epochs after warm-up; 0 beyond them,
 *                   and 0 if totalEpochs ≤ W)
 *
 * Pure, allocates nothing. An unknown schedule name throws ValidationError.
 */
import type { ScheduleName, TrainParams } from '../tasks/task-spec.js';
import { ValidationError } from '../errors.js';

export type ScheduleParams = Pick<TrainParams, 'lr' | 'schedule' | 'warmup' | 'gamma' | 'stepSize'>;

const SCHEDULES: Record<ScheduleName, true> = { constant: true, step: true, exponential: true, cosine: true };

/** Every schedule name learningRate() understands. */
export const SCHEDULE_NAMES: readonly ScheduleName[] = Object.keys(SCHEDULES) as ScheduleName[];

export function learningRate(
  hp: ScheduleParams,
  epoch: number,
  totalEpochs: number,
  stepInEpoch: number,
  stepsPerEpoch: number,
): number {
  const lr = hp.lr;
  const S = stepsPerEpoch >= 1 ? stepsPerEpoch : 1;
  const W = hp.warmup > 0 ? hp.warmup : 0;
  const k = epoch * S + stepInEpoch;
  if (W > 0 && k < W * S) {
    const f = (k + 1) / (W * S);
    return f < 1 ? lr * f : lr;
  }
  const e = epoch + stepInEpoch / S - W;
  switch (hp.schedule) {
    case 'constant':
      return lr;
    case 'step':
      return lr * Math.pow(hp.gamma, Math.floor(e / hp.stepSize));
    case 'exponential':
      return lr * Math.pow(hp.gamma, e);
    case 'cosine': {
      const span = totalEpochs - W;
      let r = span > 0 ? e / span : 1;
      if (r > 1) r = 1;
      else if (r < 0) r = 0;
      return lr * 0.5 * (1 + Math.cos(Math.PI * r));
    }
    default:
      throw new ValidationError([
        `schedule = ${JSON.stringify(hp.schedule as unknown)} is not one of ${SCHEDULE_NAMES.join(', ')}`,
      ]);
  }
}
