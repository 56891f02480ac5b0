import { describe, expect, it } from 'vitest';
import { learningRate, SCHEDULE_NAMES, type ScheduleParams } from '../../src/optimizers/lr-schedule.js';
import { ValidationError } from '../../src/errors.js';

const base: ScheduleParams = { lr: 0.1, schedule: 'constant', warmup: 0, gamma: 0.5, stepSize: 3 };

function hp(over: Partial<ScheduleParams>): ScheduleParams {
  return { ...base, ...over };
}

describe('learningRate', () => {
  it('knows the four schedules', () => {
    expect([...SCHEDULE_NAMES]).toEqual(['constant', 'step', 'exponential', 'cosine']);
  });

  it('constant: lr at every step', () => {
    for (const [epoch, s] of [
      [0, 0],
      [7, 3],
      [100, 9],
    ] as const) {
      expect(learningRate(hp({}), epoch, 10, s, 10)).toBe(0.1);
    }
  });

  it('step: lr·gamma^floor(epoch/stepSize)', () => {
    const h = hp({ schedule: 'step', gamma: 0.5, stepSize: 3 });
    expect(learningRate(h, 0, 10, 0, 10)).toBe(0.1);
    expect(learningRate(h, 2, 10, 9, 10)).toBe(0.1); // e = 2.9
    expect(learningRate(h, 3, 10, 0, 10)).toBe(0.05);
    expect(learningRate(h, 5, 10, 5, 10)).toBe(0.05);
    expect(learningRate(h, 6, 10, 0, 10)).toBe(0.025);
    expect(learningRate(h, 9, 10, 0, 10)).toBe(0.0125);
  });

  it('exponential: lr·gamma^e with fractional epochs', () => {
    const h = hp({ schedule: 'exponential', gamma: 0.5 });
    expect(learningRate(h, 0, 10, 0, 10)).toBe(0.1);
    expect(learningRate(h, 2, 10, 0, 10)).toBe(0.025);
    // epoch 1, step 5 of 10 ⇒ e = 1.5
    expect(learningRate(h, 1, 10, 5, 10)).toBeCloseTo(0.1 * 0.5 ** 1.5, 16);
  });

  it('cosine: lr·½(1 + cos(π·e/total)), 0 at and after the end', () => {
    const h = hp({ schedule: 'cosine' });
    expect(learningRate(h, 0, 10, 0, 4)).toBe(0.1);
    expect(learningRate(h, 5, 10, 0, 4)).toBeCloseTo(0.05, 16);
    // epoch 2, step 2 of 4 ⇒ e = 2.5 ⇒ ½(1 + cos(π/4))
    expect(learningRate(h, 2, 10, 2, 4)).toBeCloseTo(0.1 * 0.5 * (1 + Math.SQRT1_2), 16);
    // last step of the budget: e = 9.75 ⇒ small but > 0
    const last = learningRate(h, 9, 10, 3, 4);
    expect(last).toBeGreaterThan(0);
    expect(last).toBeCloseTo(0.1 * 0.5 * (1 + Math.cos((Math.PI * 9.75) / 10)), 16);
    expect(learningRate(h, 10, 10, 0, 4)).toBe(0);
    expect(learningRate(h, 12, 10, 0, 4)).toBe(0);
  });

  it('linear warm-up counted in steps: the first step is lr/(warmup·stepsPerEpoch) > 0', () => {
    const h = hp({ warmup: 2 }); // 2 epochs of 4 steps ⇒ 8 warm-up steps
    expect(learningRate(h, 0, 10, 0, 4)).toBeCloseTo(0.1 * (1 / 8), 16);
    expect(learningRate(h, 0, 10, 3, 4)).toBeCloseTo(0.1 * (4 / 8), 16);
    expect(learningRate(h, 1, 10, 2, 4)).toBeCloseTo(0.1 * (7 / 8), 16);
    expect(learningRate(h, 1, 10, 3, 4)).toBe(0.1); // the last warm-up step reaches lr
    expect(learningRate(h, 2, 10, 0, 4)).toBe(0.1);
  });

  it('warm-up comes before every schedule, whose clock starts when warm-up ends', () => {
    const w = { warmup: 2 };
    // step: e = epoch − 2
    const st = hp({ ...w, schedule: 'step', gamma: 0.5, stepSize: 3 });
    expect(learningRate(st, 0, 20, 0, 4)).toBeCloseTo(0.0125, 16);
    expect(learningRate(st, 2, 20, 0, 4)).toBe(0.1);
    expect(learningRate(st, 4, 20, 3, 4)).toBe(0.1); // e = 2.75
    expect(learningRate(st, 5, 20, 0, 4)).toBe(0.05); // e = 3
    // exponential: lr·gamma^(epoch − 2)
    const ex = hp({ ...w, schedule: 'exponential', gamma: 0.5 });
    expect(learningRate(ex, 2, 20, 0, 4)).toBe(0.1);
    expect(learningRate(ex, 4, 20, 0, 4)).toBe(0.025);
    // cosine over the 8 epochs after a 2-epoch warm-up in a 10-epoch budget
    const co = hp({ ...w, schedule: 'cosine' });
    expect(learningRate(co, 1, 10, 1, 4)).toBeCloseTo(0.1 * (6 / 8), 16);
    expect(learningRate(co, 2, 10, 0, 4)).toBe(0.1);
    expect(learningRate(co, 6, 10, 0, 4)).toBeCloseTo(0.05, 16);
    expect(learningRate(co, 10, 10, 0, 4)).toBe(0);
  });

  it('fractional warm-up: 0.5 epoch of 4 steps is 2 steps', () => {
    const h = hp({ warmup: 0.5, schedule: 'exponential', gamma: 0.5 });
    expect(learningRate(h, 0, 10, 0, 4)).toBeCloseTo(0.05, 16);
    expect(learningRate(h, 0, 10, 1, 4)).toBe(0.1);
    expect(learningRate(h, 0, 10, 2, 4)).toBe(0.1); // e = 0.5 − 0.5 = 0
    expect(learningRate(h, 1, 10, 2, 4)).toBe(0.05); // e = 1.5 − 0.5 = 1
  });

  it('cosine whose budget is all warm-up gives 0 after it', () => {
    const h = hp({ warmup: 3, schedule: 'cosine' });
    expect(learningRate(h, 2, 3, 0, 1)).toBe(0.1);
    expect(learningRate(h, 3, 3, 0, 1)).toBe(0);
  });

  it('stepsPerEpoch < 1 counts as 1', () => {
    const h = hp({ warmup: 4 });
    expect(learningRate(h, 0, 10, 0, 0)).toBeCloseTo(0.025, 16);
    expect(learningRate(h, 1, 10, 0, 0)).toBeCloseTo(0.05, 16);
  });

  it('an unknown schedule throws ValidationError naming the value and the allowed ones', () => {
    const h = hp({ schedule: 'linear' as never });
    expect(() => learningRate(h, 0, 10, 0, 1)).toThrow(ValidationError);
    expect(() => learningRate(h, 0, 10, 0, 1)).toThrow(
      'schedule = "linear" is not one of constant, step, exponential, cosine',
    );
  });

  it('an unknown schedule still throws after a warm-up step (checked where it is read)', () => {
    const h = hp({ schedule: 'linear' as never, warmup: 1 });
    expect(() => learningRate(h, 1, 10, 0, 1)).toThrow(ValidationError);
  });
});
