/**
 * Build the Strategy a StrategySpec describes. Throws a ValidationError
 * listing every problem of the space, the spec and (for grid, random and TPE) the
 * budget. `init.budget` is the epochs every grid/random/TPE trial trains to; the
 * multi-fidelity strategies ignore it and use their own minBudget/maxBudget.
 */
import { Asha } from './asha.js';
import { CmaEs } from './cmaes.js';
import { GpSearch } from './gp.js';
import { GridSearch } from './grid.js';
import { Nsga2 } from './nsga2.js';
import { Pbt } from './pbt.js';
import { Hyperband } from './hyperband.js';
import { RandomSearch } from './random.js';
import type { Space } from './space.js';
import type { Strategy, StrategyInit } from './strategy.js';
import type { StrategySpec } from './strategy-spec.js';
import { SuccessiveHalving } from './successive-halving.js';
import { Tpe } from './tpe.js';
import { assertStrategy } from './validate-strategy.js';

export { validateStrategy } from './validate-strategy.js';

export type CreateStrategyInit = StrategyInit & {
  /** Epochs for grid, random, TPE, CMA-ES, GP and NSGA-II trials. */
  budget: number;
};

export function createStrategy(spec: StrategySpec, space: Space, init: CreateStrategyInit): Strategy {
  const needsBudget = spec.type === 'grid' || spec.type === 'random' || spec.type === 'tpe' || spec.type === 'cmaes' || spec.type === 'gp' || spec.type === 'nsga2';
  assertStrategy(spec, space, needsBudget ? init.budget : undefined);
  const base: StrategyInit = {
    seed: init.seed,
    direction: init.direction,
    ...(init.enqueued ? { enqueued: init.enqueued } : {}),
    ...(init.objectives ? { objectives: init.objectives } : {}),
  };
  switch (spec.type) {
    case 'grid': {
      const { type: _type, ...options } = spec;
      return new GridSearch(space, base, { ...options, budget: init.budget });
    }
    case 'random': {
      const { type: _type, ...options } = spec;
      return new RandomSearch(space, base, { ...options, budget: init.budget });
    }
    case 'successive-halving': {
      const { type: _type, ...options } = spec;
      return new SuccessiveHalving(space, base, options);
    }
    case 'hyperband': {
      const { type: _type, ...options } = spec;
      return new Hyperband(space, base, options);
    }
    case 'asha': {
      const { type: _type, ...options } = spec;
      return new Asha(space, base, options);
    }
    case 'tpe': {
      const { type: _type, ...options } = spec;
      return new Tpe(space, base, { ...options, budget: init.budget });
    }
    case 'cmaes': {
      const { type: _type, ...options } = spec;
      return new CmaEs(space, base, { ...options, budget: init.budget });
    }
    case 'gp': {
      const { type: _type, ...options } = spec;
      return new GpSearch(space, base, { ...options, budget: init.budget });
    }
    case 'nsga2': {
      const { type: _type, ...options } = spec;
      return new Nsga2(space, base, { ...options, budget: init.budget });
    }
    case 'pbt': {
      const { type: _type, ...options } = spec;
      return new Pbt(space, base, options);
    }
  }
}
