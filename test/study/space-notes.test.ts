import { describe, expect, it } from 'vitest';
import type { Space } from '../../src/search/space.js';
import { spaceNotes } from '../../src/study/space-notes.js';
import type { TaskSpec } from '../../src/tasks/task-spec.js';

const task: TaskSpec = { dataset: 'iris', model: 'softmax', epochs: 3 };
const optimizer = { type: 'categorical', choices: ['sgd', 'momentum', 'adam'] } as const;

describe('spaceNotes', () => {
  it('names a searched param that some searched optimizers never read, and the condition that fixes it', () => {
    const space: Space = { optimizer: { ...optimizer, choices: [...optimizer.choices] }, momentum: { type: 'float', low: 0.5, high: 0.99 }, lr: { type: 'float', low: 0.01, high: 1 } };
    expect(spaceNotes({ space, task })).toEqual(['space.momentum has no effect when optimizer is sgd, adam: add "when": { "optimizer": ["momentum"] }']);
  });

  it('is silent once the condition is there, or when the param is read by every optimizer its trials can have', () => {
    const space: Space = {
      optimizer: { ...optimizer, choices: [...optimizer.choices] },
      momentum: { type: 'float', low: 0.5, high: 0.99, when: { optimizer: 'momentum' } },
      beta1: { type: 'float', low: 0.5, high: 0.99, when: { optimizer: ['adam'] } },
      weightDecay: { type: 'float', low: 1e-5, high: 1e-2, log: true },
    };
    expect(spaceNotes({ space, task })).toEqual([]);
  });

  it('says when no trial can use the param: a fixed optimizer (Adam by default) that does not read it', () => {
    const space: Space = { momentum: { type: 'float', low: 0.5, high: 0.99 }, beta2: { type: 'float', low: 0.9, high: 0.999 } };
    expect(spaceNotes({ space, task })).toEqual(['space.momentum has no effect: every trial\'s optimizer is adam; momentum is read by momentum, nesterov']);
    expect(spaceNotes({ space, task: { ...task, optimizer: { optimizer: 'nesterov' } } })).toEqual([
      'space.beta2 has no effect: every trial\'s optimizer is nesterov; beta2 is read by adam, adamw',
    ]);
  });

  it('has nothing to say about an objective', () => {
    expect(spaceNotes({ space: { momentum: { type: 'float', low: 0, high: 1 } }, task: undefined })).toEqual([]);
  });
});
