import { describe, expect, it } from 'vitest';
import { TRAIN_PARAM_NAMES, validateTask } from '../../src/tasks/validate-task.js';
import { DEFAULT_TRAIN_PARAMS } from '../../src/tasks/task-spec.js';

describe('validateTask', () => {
  it('accepts good tasks', () => {
    expect(validateTask({ dataset: 'iris', model: 'softmax' }, 'task')).toEqual([]);
    expect(
      validateTask(
        {
          dataset: { synthetic: 'blobs', samples: 100, classes: 4, noise: 0.5, seed: 3 },
          model: { type: 'mlp', hidden: [32, 16], activation: 'tanh', output: 'softmax' },
          optimizer: { optimizer: 'adamw', lr: 0.001, amsgrad: true, schedule: 'cosine', warmup: 2 },
          epochs: 30,
          folds: 5,
        },
        'task',
      ),
    ).toEqual([]);
    expect(validateTask({ dataset: { csv: 'd.csv', target: 'y' }, model: { type: 'linear' }, validation: 0.3 }, 'task')).toEqual([]);
  });

  it('names the path, the rule and the value', () => {
    expect(validateTask({ dataset: 'iris', model: { type: 'mlp', hidden: [8, 0] } }, 'task')).toEqual([
      'task.model.hidden[1] must be a positive integer (got 0)',
    ]);
    expect(validateTask({ dataset: 'mnist', model: 'linear' }, 'task')[0]).toMatch(
      /^task\.dataset must be a bundled dataset \(breast-cancer, digits, iris\).*\(got "mnist"\)$/,
    );
    expect(validateTask({ dataset: 'iris', model: 'tree' }, 'task')).toEqual([
      'task.model must be one of linear, logistic, softmax, mlp (got "tree")',
    ]);
  });

  it('checks validation, folds, epochs and unknown fields', () => {
    const issues = validateTask({ dataset: 'iris', model: 'softmax', validation: 1, folds: 1.5, epochs: 0, test: 0, extra: 1 }, 'task');
    expect(issues).toContain('task.test must be a fraction in (0, 1) of the rows, held out before the validation split or folds (got 0)');
    expect(validateTask({ dataset: 'iris', model: 'softmax', folds: 3, test: 0.2, testSeed: 7 }, 'task')).toEqual([]);
    expect(validateTask({ dataset: 'iris', model: 'softmax', testSeed: 7 }, 'task')).toEqual([
      'task.testSeed picks the rows task.test holds out, and there is no task.test: give both or neither',
    ]);
    expect(validateTask({ dataset: 'iris', model: 'softmax', test: 0.2, testSeed: -1 }, 'task')).toEqual(['task.testSeed must be an integer in [0, 4294967295] (got -1)']);
    expect(issues).toContain('task.validation must be a fraction in (0, 1) (got 1)');
    expect(issues).toContain('task.folds must be an integer ≥ 2 (got 1.5)');
    expect(issues).toContain('task.epochs must be an integer ≥ 1 (got 0)');
    expect(issues).toContain('task.extra is not a task field (allowed: dataset, model, optimizer, epochs, validation, folds, test, testSeed)');
    // A near miss is named, as for study fields.
    expect(validateTask({ dataset: 'iris', model: 'softmax', epoch: 5 }, 'task')).toEqual([
      'task.epoch is not a task field (did you mean "epochs"? allowed: dataset, model, optimizer, epochs, validation, folds, test, testSeed)',
    ]);
    expect(validateTask({ dataset: 'iris', model: { type: 'mlp', hidden: [8], activaton: 'tanh' } }, 'task')).toEqual([
      'task.model.activaton is not a field here (did you mean "activation"? allowed: type, hidden, activation, output)',
    ]);
    expect(issues.some((i) => i.includes('cannot both be given'))).toBe(true);
    // A hyperparameter written in the task or the model: where it goes instead.
    expect(validateTask({ dataset: 'iris', model: { type: 'mlp', hidden: [8], hiddenUnits: 16 }, lr: 0.1 }, 'task')).toEqual([
      'task.lr is not a task field (allowed: dataset, model, optimizer, epochs, validation, folds, test, testSeed): lr is a hyperparameter, fixed in task.optimizer (task.optimizer.lr) or searched in space (space.lr)',
      "task.model.hiddenUnits is not a field here (allowed: type, hidden, activation, output): hiddenUnits is a hyperparameter, fixed in task.optimizer (task.optimizer.hiddenUnits) or searched in space (space.hiddenUnits); an MLP's own layer widths are task.model.hidden, e.g. [64, 32]",
    ]);
    expect(validateTask({ dataset: 'iris', model: { type: 'softmax', batchSize: 8 } }, 'task')).toEqual([
      'task.model.batchSize is not a field here (allowed: type): batchSize is a hyperparameter, fixed in task.optimizer (task.optimizer.batchSize) or searched in space (space.batchSize)',
    ]);
  });

  it('checks optimizer field names, types and ranges', () => {
    const issues = validateTask(
      { dataset: 'iris', model: 'softmax', optimizer: { optimizer: 'lbfgs', lr: 0, beta2: 1, amsgrad: 'yes', batchSize: -1, learningRate: 0.1 } },
      'task',
    );
    expect(issues).toEqual([
      'task.optimizer.optimizer must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw (got "lbfgs")',
      'task.optimizer.lr must be a finite number > 0 (got 0)',
      'task.optimizer.beta2 must be a number in [0, 1) (got 1)',
      'task.optimizer.amsgrad must be true or false (got "yes")',
      'task.optimizer.batchSize must be an integer ≥ 0 (got -1)',
      `task.optimizer.learningRate is not a training hyperparameter (known: ${TRAIN_PARAM_NAMES.join(', ')})`,
    ]);
    // Python's spelling of a name, one edit away (case aside), is named.
    expect(validateTask({ dataset: 'iris', model: 'softmax', optimizer: { batch_size: 16 } }, 'task')).toEqual([
      `task.optimizer.batch_size is not a training hyperparameter (did you mean "batchSize"? known: ${TRAIN_PARAM_NAMES.join(', ')})`,
    ]);
  });

  it('checks dataset objects', () => {
    expect(validateTask({ dataset: { csv: '' }, model: 'linear' }, 'task')).toEqual(['task.dataset.csv must be a non-empty file path (got "")']);
    const s = validateTask({ dataset: { synthetic: 'moons', features: 3, classes: 3, noise: -1 }, model: 'logistic' }, 'task');
    expect(s).toEqual([
      'task.dataset.features must be 2 for moons data (got 3)',
      'task.dataset.classes must be 2 for moons data (got 3)',
      'task.dataset.noise must be a finite number ≥ 0 (got -1)',
    ]);
    expect(validateTask({ dataset: { synthetic: 'waves' }, model: 'linear' }, 'task')[0]).toMatch(/synthetic must be one of regression, classification, blobs, moons, spirals/);
    expect(validateTask({ dataset: { url: 'x' }, model: 'linear' }, 'task')[0]).toMatch(/must have a "csv" or a "synthetic" field/);
  });

  it('requires dataset and model, and an object', () => {
    expect(validateTask({}, 'task')).toHaveLength(2);
    expect(validateTask('iris', 'task')).toEqual(['task must be an object with a dataset and a model (got "iris")']);
    expect(validateTask({ dataset: 'iris', model: 'mlp' }, 'task')[0]).toMatch(/"hidden"/);
  });

  it('TRAIN_PARAM_NAMES are exactly the TrainParams keys', () => {
    expect([...TRAIN_PARAM_NAMES].sort()).toEqual(Object.keys(DEFAULT_TRAIN_PARAMS).sort());
  });
});
