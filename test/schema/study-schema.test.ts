import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateStudy } from '../../src/study/validate-study.js';
import { ROOT } from '../helpers/run-cli.js';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/study.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const check = ajv.compile(schema);
const files = [
  ...fs.readdirSync(path.join(ROOT, 'studies')).map((f) => path.join('studies', f)),
  ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).map((f) => path.join('examples', f)),
];

describe('schema/study.schema.json', () => {
  it.each(files)('%s references the schema and is valid against it and against rungs', (file) => {
    const study = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    expect(study.$schema).toBe('../schema/study.schema.json');
    expect(check(study), JSON.stringify(check.errors)).toBe(true);
    expect(validateStudy(study)).toEqual([]);
  });

  it('rejects what rungs rejects: a typo in a field, an unknown strategy, a missing task', () => {
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    for (const bad of [
      { ...base, stratgy: base.strategy },
      { ...base, strategy: { type: 'bayes' } },
      { ...base, task: undefined },
      { ...base, space: { lr: { type: 'float', low: 0.1, high: 1, lgo: true } } },
      { ...base, space: { lr: { type: 'float', low: 0, high: 1, log: true } } },
      { ...base, space: { batchSize: { type: 'int', low: 0, high: 256, log: true } } },
    ]) {
      expect(check(JSON.parse(JSON.stringify(bad)))).toBe(false);
      expect(validateStudy(JSON.parse(JSON.stringify(bad))).length).toBeGreaterThan(0);
    }
  });

  it("takes ASHA's TPE options with sampler tpe only, as rungs does", () => {
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/async-hyperband-breast-cancer.json'), 'utf8'));
    const tpeOptions = { startupTrials: 5, eiCandidates: 12, multivariate: true };
    const ok = { ...base, strategy: { ...base.strategy, sampler: 'tpe', ...tpeOptions } };
    expect(check(ok), JSON.stringify(check.errors)).toBe(true);
    expect(validateStudy(ok)).toEqual([]);
    for (const strategy of [{ ...base.strategy, ...tpeOptions }, { ...base.strategy, sampler: 'random', startupTrials: 5 }]) {
      const bad = { ...base, strategy };
      expect(check(bad)).toBe(false);
      expect(validateStudy(bad).length).toBeGreaterThan(0);
    }
  });

  it('takes a halving strategy without minBudget (default 1), as rungs does, and refuses a minBudget of 0', () => {
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/async-hyperband-breast-cancer.json'), 'utf8'));
    const { minBudget: _min, ...strategy } = base.strategy;
    for (const s of [strategy, { ...strategy, type: 'hyperband', trials: undefined, brackets: undefined }]) {
      const ok = JSON.parse(JSON.stringify({ ...base, strategy: s }));
      expect(check(ok), JSON.stringify(check.errors)).toBe(true);
      expect(validateStudy(ok)).toEqual([]);
    }
    const bad = { ...base, strategy: { ...base.strategy, minBudget: 0 } };
    expect(check(bad)).toBe(false);
    expect(validateStudy(bad).length).toBeGreaterThan(0);
  });

  it('takes the Sobol sampler on random search and successive halving only, as rungs does', () => {
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    const { candidates: _c, reductionFactor: _r, minBudget: _min, maxBudget: _max, ...rest } = base.strategy;
    const budget = { ...base, task: { ...base.task, epochs: 5 } };
    for (const ok of [{ ...base, strategy: { ...base.strategy, sampler: 'sobol' } }, { ...budget, strategy: { ...rest, type: 'random', trials: 8, sampler: 'sobol' } }]) {
      expect(check(ok), JSON.stringify(check.errors)).toBe(true);
      expect(validateStudy(ok)).toEqual([]);
    }
    for (const strategy of [{ type: 'random', trials: 8, sampler: 'grid' }, { type: 'tpe', trials: 8, sampler: 'sobol' }]) {
      const bad = { ...budget, strategy };
      expect(check(bad)).toBe(false);
      expect(validateStudy(bad).length).toBeGreaterThan(0);
    }
  });

  it("takes nsga2's options, and refuses a pruner or a probability above 1 on it, as rungs does", () => {
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    const ok = { ...base, task: { ...base.task, epochs: 5 }, strategy: { type: 'nsga2', trials: 40, popsize: 10, crossoverProb: 0.8, swappingProb: 0.5, mutationProb: 0.25 } };
    expect(check(ok), JSON.stringify(check.errors)).toBe(true);
    expect(validateStudy(ok)).toEqual([]);
    for (const strategy of [{ ...ok.strategy, mutationProb: 2 }, { ...ok.strategy, pruner: { type: 'median' } }, { ...ok.strategy, popsize: 1 }]) {
      const bad = { ...ok, strategy };
      expect(check(bad)).toBe(false);
      expect(validateStudy(bad).length).toBeGreaterThan(0);
    }
  });

  it('names the same top-level fields as the validator', () => {
    const bad = validateStudy({ nope: 1 }).find((m) => m.startsWith('nope is not a study field'))!;
    const allowed = /allowed: (.*)\)/.exec(bad)![1]!.split(', ').sort();
    expect(Object.keys(schema.properties).sort()).toEqual(allowed);
  });
});
