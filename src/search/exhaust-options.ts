/** The option a study may give as "exhaust" (a count that fills its maxEpochs, study/exhaust-count.ts), by strategy type. */
import type { StrategyType } from './strategy-spec.js';

export const EXHAUST_OPTIONS: Partial<Record<StrategyType, 'candidates' | 'iterations'>> = { 'successive-halving': 'candidates', hyperband: 'iterations' };
