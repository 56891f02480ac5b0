import { describe, expect, it } from 'vitest';
import { validateGridable, validateSpace } from '../../src/search/validate-space.js';

describe('validateSpace', () => {
  it('accepts a valid space', () => {
    expect(
      validateSpace({
        lr: { type: 'float', low: 1e-4, high: 1, log: true, points: 4 },
        momentum: { type: 'float', low: 0, high: 0.99, step: 0.01 },
        batchSize: { type: 'int', low: 8, high: 128, step: 8, values: [8, 32, 128] },
        hidden: { type: 'int', low: 1, high: 256, log: true },
        optimizer: { type: 'categorical', choices: ['sgd', 'adam', 1, true] },
      }),
    ).toEqual([]);
  });

  it('names the path, the rule and the value', () => {
    expect(validateSpace({ lr: { type: 'float', low: 0, high: 1, log: true } })).toEqual([
      'space.lr.low must be > 0 when log is true (got 0)',
    ]);
    expect(validateSpace({ lr: { type: 'float', low: 0.5, high: 0.1 } })).toEqual([
      'space.lr.high must be >= low (got high 0.1, low 0.5)',
    ]);
    expect(validateSpace({ batchSize: { type: 'int', low: 8, high: 64, step: 0.5 } })).toEqual([
      'space.batchSize.step must be a positive integer (got 0.5)',
    ]);
    expect(validateSpace({ opt: { type: 'categorical' } })).toEqual([
      'space.opt.choices must be a non-empty array of strings, numbers, booleans or null',
    ]);
    expect(validateSpace({ opt: { type: 'categorical', choices: [] } })).toEqual([
      'space.opt.choices must be a non-empty array of strings, numbers, booleans or null (got [])',
    ]);
  });

  it('refuses a lattice of more than 2^32 values (random draws pick its index), which log or a larger step avoid', () => {
    expect(validateSpace({ k: { type: 'int', low: 1, high: 1e10 } })).toEqual([
      'space.k has 10000000000 values from low 1 to high 10000000000 by step 1: at most 4294967296 (give a larger step, or log: true)',
    ]);
    expect(validateSpace({ f: { type: 'float', low: 0, high: 1e12, step: 1e-3 } })).toEqual([
      'space.f has 1000000000000001 values from low 0 to high 1000000000000 by step 0.001: at most 4294967296 (give a larger step)',
    ]);
    expect(validateSpace({ k: { type: 'int', low: 1, high: 2 ** 32 } })).toEqual([]);
    expect(validateSpace({ k: { type: 'int', low: 1, high: 1e10, log: true }, j: { type: 'int', low: 0, high: 1e10, step: 10 } })).toEqual([]);
  });

  it('uses the given path', () => {
    expect(validateSpace({ lr: { type: 'float', low: 0, high: 1, log: true } }, 'studies/a.json: space')).toEqual([
      'studies/a.json: space.lr.low must be > 0 when log is true (got 0)',
    ]);
  });

  it('reports every problem at once', () => {
    const issues = validateSpace({
      lr: { type: 'float', low: 0, high: 1, lgo: true },
      n: { type: 'int', low: 1.5, high: 10 },
      opt: { type: 'categorical', choices: ['a', NaN, 'a', {}] },
    });
    expect(issues).toEqual([
      'space.lr has unknown key "lgo" (did you mean "log"? allowed: type, low, high, log, step, values, points, when)',
      'space.n.low must be an integer (got 1.5)',
      'space.opt.choices[1] must be a string, a finite number, a boolean or null (got NaN)',
      'space.opt.choices[3] must be a string, a finite number, a boolean or null (got {})',
      'space.opt.choices has a duplicate value "a"',
    ]);
  });

  it('lists the allowed types and keys', () => {
    expect(validateSpace({ lr: { type: 'double', low: 0, high: 1 } })).toEqual([
      'space.lr.type must be one of "float", "int", "categorical" (got "double")',
    ]);
    // Optuna's, Ray Tune's and Hyperopt's distribution names are translated.
    expect(validateSpace({ lr: { type: 'loguniform', low: 1e-4, high: 1 }, bs: { type: 'choice', choices: [8, 16] }, n: { type: 'randint', low: 1, high: 9 } })).toEqual([
      'space.lr.type must be one of "float", "int", "categorical" (got "loguniform"; a log-uniform range is "type": "float" with "log": true)',
      'space.bs.type must be one of "float", "int", "categorical" (got "choice"; a set of choices is "type": "categorical" with "choices")',
      'space.n.type must be one of "float", "int", "categorical" (got "randint"; an integer range is "type": "int" (high is included))',
    ]);
    expect(validateSpace({ lr: { low: 0, high: 1 } })).toEqual(['space.lr.type is required: one of "float", "int", "categorical"']);
    expect(validateSpace({ opt: { type: 'categorical', choices: ['a'], values: ['b'] } })).toEqual([
      'space.opt has unknown key "values" (allowed: type, choices, when)',
    ]);
    expect(validateSpace({ lr: 0.1 })).toEqual([
      'space.lr must be an object with a "type" (one of "float", "int", "categorical") (got 0.1)',
    ]);
  });

  it('checks the space itself', () => {
    expect(validateSpace([])).toEqual(['space must be an object mapping param names to specs (got [])']);
    expect(validateSpace(undefined)).toEqual(['space must be an object mapping param names to specs (got undefined)']);
    expect(validateSpace({})).toEqual(['space must declare at least one param']);
  });

  it('checks bounds, log, step, values and points', () => {
    expect(validateSpace({ x: { type: 'float', high: 1 } })).toEqual(['space.x.low is required (a finite number)']);
    expect(validateSpace({ x: { type: 'float', low: '0', high: Infinity } })).toEqual([
      'space.x.low must be a finite number (got "0")',
      'space.x.high must be a finite number (got Infinity)',
    ]);
    expect(validateSpace({ x: { type: 'float', low: 1, high: 10, log: 'yes' } })).toEqual([
      'space.x.log must be true or false (got "yes")',
    ]);
    expect(validateSpace({ x: { type: 'float', low: 1, high: 10, log: true, step: 1 } })).toEqual([
      'space.x.step cannot be combined with log: true (got step 1): use points or values for a log grid',
    ]);
    expect(validateSpace({ x: { type: 'float', low: 0, high: 1, step: -0.1 } })).toEqual([
      'space.x.step must be a positive number (got -0.1)',
    ]);
    expect(validateSpace({ n: { type: 'int', low: 0, high: 64, log: true } })).toEqual([
      'space.n.low must be >= 1 when log is true (got 0)',
    ]);
    expect(validateSpace({ n: { type: 'int', low: 1, high: 64, log: true, step: 2 } })).toEqual([
      'space.n.step must be 1 when log is true (got 2)',
    ]);
    expect(validateSpace({ x: { type: 'float', low: 0, high: 1, values: [0.5, 2, 0.5] } })).toEqual([
      'space.x.values[1] must be within [low, high] = [0, 1] (got 2)',
      'space.x.values has a duplicate value 0.5',
    ]);
    expect(validateSpace({ n: { type: 'int', low: 0, high: 10, values: [1.5] } })).toEqual([
      'space.n.values[0] must be an integer (got 1.5)',
    ]);
    expect(validateSpace({ x: { type: 'float', low: 0, high: 1, values: [] } })).toEqual([
      'space.x.values must be a non-empty array of finite numbers (got [])',
    ]);
    expect(validateSpace({ x: { type: 'float', low: 0, high: 1, points: 0 } })).toEqual([
      'space.x.points must be an integer >= 1 (got 0)',
    ]);
    expect(validateSpace({ x: { type: 'float', low: 0, high: 1, points: 2.5 } })).toEqual([
      'space.x.points must be an integer >= 1 (got 2.5)',
    ]);
    expect(validateSpace({ x: { type: 'float', low: 0, high: 1, points: 3, values: [0] } })).toEqual([
      'space.x: give either values or points, not both',
    ]);
  });

  it("accepts low = high, a constant param (Optuna's suggest_int(\"x\", 3, 3)), with log, step, values and points", () => {
    expect(
      validateSpace({
        i: { type: 'int', low: 3, high: 3 },
        il: { type: 'int', low: 4, high: 4, log: true },
        is: { type: 'int', low: 8, high: 8, step: 8, values: [8] },
        f: { type: 'float', low: 0.1, high: 0.1, points: 3 },
        fl: { type: 'float', low: 1e-3, high: 1e-3, log: true },
        fs: { type: 'float', low: 0.5, high: 0.5, step: 0.1 },
      }),
    ).toEqual([]);
    expect(validateSpace({ f: { type: 'float', low: 0, high: 0, log: true } })).toEqual(['space.f.low must be > 0 when log is true (got 0)']);
    expect(validateSpace({ f: { type: 'float', low: 0.1, high: 0.1, values: [0.2] } })).toEqual([
      'space.f.values[0] must be within [low, high] = [0.1, 0.1] (got 0.2)',
    ]);
    expect(validateGridable({ k: { type: 'int', low: 3, high: 3 }, f: { type: 'float', low: 0.1, high: 0.1, points: 5 } })).toEqual([]);
  });
});

describe('validateGridable', () => {
  it('needs values or points for a float', () => {
    expect(validateGridable({ lr: { type: 'float', low: 0.001, high: 0.1, log: true }, n: { type: 'int', low: 1, high: 3 } })).toEqual([
      'space.lr is a float without values or points: grid search needs explicit "values" or a number of "points" (e.g. "points": 5)',
    ]);
    expect(validateGridable({ lr: { type: 'float', low: 0.001, high: 0.1, points: 3 } })).toEqual([]);
  });

  it('enumerates int ranges and refuses more than 100000 cells', () => {
    expect(validateGridable({ a: { type: 'int', low: 1, high: 1000 }, b: { type: 'int', low: 1, high: 100 } })).toEqual([]);
    expect(
      validateGridable({ a: { type: 'int', low: 1, high: 1000 }, b: { type: 'int', low: 0, high: 200, step: 2 }, c: { type: 'categorical', choices: [1, 2] } }),
    ).toEqual([
      'space has 202000 grid cells (a: 1000 × b: 101 × c: 2); grid search allows at most 100000: give fewer values or points, or a larger int step',
    ]);
    expect(validateGridable({ n: { type: 'int', low: 0, high: 1e12, step: 1000 } })).toEqual([
      'space has 1000000001 grid cells (n: 1000000001); grid search allows at most 100000: give fewer values or points, or a larger int step',
    ]);
  });
});

describe('conditions (when)', () => {
  const opt = { type: 'categorical', choices: ['sgd', 'momentum', 'adam'] };

  it('accepts a value or a list of values of a categorical param, chained', () => {
    expect(
      validateSpace({
        optimizer: opt,
        momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: 'momentum' } },
        amsgrad: { type: 'categorical', choices: [true, false], when: { optimizer: ['adam'] } },
        beta2: { type: 'float', low: 0.9, high: 0.9999, when: { optimizer: 'adam', amsgrad: true } },
      }),
    ).toEqual([]);
  });

  it("takes null as a choice, and as a value a condition names (Optuna's suggest_categorical takes None)", () => {
    expect(
      validateSpace({
        maxDepth: { type: 'categorical', choices: [null, 3, 8] },
        split: { type: 'int', low: 2, high: 10, when: { maxDepth: null } },
        leaf: { type: 'int', low: 1, high: 5, when: { maxDepth: [3, null] } },
      }),
    ).toEqual([]);
    expect(validateSpace({ d: { type: 'categorical', choices: [null, 1, null] } })).toEqual(['space.d.choices has a duplicate value null']);
    expect(validateSpace({ d: { type: 'categorical', choices: [1] }, e: { type: 'int', low: 1, high: 2, when: { d: null } } })[0]).toMatch(/space\.e\.when\.d/);
  });

  it('checks the shape of when, each entry on its own', () => {
    expect(
      validateSpace({
        optimizer: opt,
        a: { type: 'int', low: 1, high: 3, when: [] },
        b: { type: 'int', low: 1, high: 3, when: {} },
        c: { type: 'int', low: 1, high: 3, when: { optimizer: [] } },
        d: { type: 'int', low: 1, high: 3, when: { optimizer: ['sgd', 'sgd', Infinity], x: { y: 1 } } },
      }),
    ).toEqual([
      'space.a.when must be an object naming categorical params and their values, e.g. { "optimizer": ["momentum", "nesterov"] } (got [])',
      'space.b.when must be an object naming categorical params and their values, e.g. { "optimizer": ["momentum", "nesterov"] } (got {})',
      'space.c.when.optimizer must be a value or a non-empty array of values the param takes (got [])',
      'space.d.when.optimizer has a duplicate value "sgd"',
      'space.d.when.optimizer[2] must be a string, a finite number, a boolean or null (got Infinity)',
      'space.d.when.x must be a string, a finite number, a boolean or null, or an array of them (got {"y":1})',
    ]);
  });

  it('names a categorical param of the space, by its choices, and never itself', () => {
    expect(
      validateSpace({
        optimizer: opt,
        lr: { type: 'float', low: 0.001, high: 1, log: true },
        m: { type: 'float', low: 0, high: 1, when: { optimizr: 'momentum', lr: 0.1, optimizer: ['adam', 'adamw'], m: 'x' } },
      }),
    ).toEqual([
      'space.m.when.optimizr: no such param in the space (did you mean "optimizer"? params: lr, m, optimizer)',
      'space.m.when.lr: lr is a float param; a condition names a categorical param (to condition on a few values of lr, declare it { "type": "categorical", "choices": [...] })',
      'space.m.when.optimizer: "adamw" is not a choice of optimizer (choices: "sgd", "momentum", "adam")',
      'space.m.when.m: a param cannot depend on itself',
    ]);
  });

  it('refuses a cycle, naming it once', () => {
    expect(
      validateSpace({
        a: { type: 'categorical', choices: [1, 2], when: { c: 'x' } },
        b: { type: 'categorical', choices: ['y'], when: { a: 1 } },
        c: { type: 'categorical', choices: ['x'], when: { b: 'y' } },
      }),
    ).toEqual([
      'space: the conditions of a, b, c form a cycle (a when c, c when b, b when a): a param can only depend on params that do not depend on it',
    ]);
  });

  it('refuses a param whose condition can never hold with those of the params it names', () => {
    expect(
      validateSpace({
        optimizer: opt,
        sched: { type: 'categorical', choices: ['step', 'cosine'], when: { optimizer: 'sgd' } },
        gamma: { type: 'float', low: 0, high: 1, when: { sched: 'step', optimizer: 'adam' } },
        stepSize: { type: 'int', low: 1, high: 9, when: { sched: 'step', optimizer: ['sgd', 'adam'] } },
      }),
    ).toEqual(['space.gamma.when can never hold (sched is only in trials where optimizer is "sgd"): no trial would have gamma']);
  });

  it('refuses a param named like a property every object has, which could not tell absent from present', () => {
    const issues = validateSpace({ toString: { type: 'float', low: 0, high: 1 }, x: { type: 'float', low: 0, high: 1 } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^space\.toString: a param cannot be named like a property every JavaScript object has \(__defineGetter__, .*constructor.*valueOf\): rename it$/);
    expect(validateSpace(JSON.parse('{"__proto__": { "type": "int", "low": 1, "high": 2 }}'))[0]).toMatch(/^space\.__proto__: a param cannot be named/);
  });

  it('counts a conditional grid by the cells it has', () => {
    const space = {
      optimizer: opt,
      momentum: { type: 'int', low: 1, high: 400, when: { optimizer: 'momentum' } },
      n: { type: 'int', low: 1, high: 300 },
    };
    // 300 × (1 + 400 + 1) = 120600
    expect(validateGridable(space)).toEqual([
      'space has 120600 grid cells (values per param, where its condition holds: momentum: 400, n: 300, optimizer: 3); grid search allows at most 100000: give fewer values or points, or a larger int step',
    ]);
    expect(validateGridable({ ...space, n: { type: 'int', low: 1, high: 200 } })).toEqual([]);
  });
});
