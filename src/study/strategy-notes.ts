/**
 * Notes on a study's strategy that are not errors but waste its trials, printed
 * with the space's notes by `plan` and `run`:
 *
 *   strategy.trials (8) is at most a CMA-ES generation (popsize 8): … (or an NSGA-II one)
 *   strategy.sampler "tpe" draws all 9 candidates at random: …
 *   strategy.resampleProbability is 0 and every perturbationFactor is 1: … (PBT)
 *
 * and what successive halving's aggressiveElimination made of its plan (or that it changes nothing).
 */
import { cmaPopsize } from '../search/cma-params.js';
import { hyperbandBrackets } from '../search/hyperband.js';
import { extraCuts, rungBudgets, rungCounts } from '../search/rung-budgets.js';
import { strategyWithDefaults } from '../search/strategy-defaults.js';
import type { NormalizedStudy } from './study-spec.js';

export function strategyNotes(study: Pick<NormalizedStudy, 'space' | 'strategy'>): string[] {
  const s = study.strategy;
  if (s.type === 'successive-halving') return [...halvingTpeNotes(s), ...aggressiveNotes(s)];
  if (s.type === 'hyperband') return halvingTpeNotes(s);
  if (s.type === 'cmaes') return generationNotes(s.trials, cmaPopsize(s.popsize, study.space), 'a CMA-ES', 'drawn from the starting distribution');
  if (s.type === 'nsga2') return generationNotes(s.trials, strategyWithDefaults(s).popsize, 'an NSGA-II', "random search's draw, none bred from the ones before");
  if (s.type === 'pbt') return pbtNotes(strategyWithDefaults(s), study.space);
  return [];
}

/** What aggressiveElimination did to the plan: rung 1's count, from the cut repeated, and the top rung's with and without it. */
function aggressiveNotes(spec: Extract<NormalizedStudy['strategy'], { type: 'successive-halving' }>): string[] {
  const full = strategyWithDefaults(spec);
  if (!full.aggressiveElimination) return [];
  // The study resolved both "exhaust" before any note is asked for.
  const candidates = spec.candidates as number;
  const rungs = rungBudgets(spec.minBudget, spec.maxBudget, full.reductionFactor).length;
  const extra = extraCuts(candidates, full.reductionFactor, rungs);
  if (extra === 0) {
    return [`strategy.aggressiveElimination changes nothing here: the ladder's ${rungs} rungs already halve ${candidates} candidates to fewer than η`];
  }
  const plain = rungCounts(candidates, full.reductionFactor, rungs);
  const cut = rungCounts(candidates, full.reductionFactor, rungs, true);
  return [
    `strategy.aggressiveElimination: the ladder has ${extra} cut${extra === 1 ? '' : 's'} too few for ${candidates} candidates, so rung 0's cut is made ${extra + 1} times (as scikit-learn replays its first iteration): ${cut[1]} go on to rung 1 instead of ${plain[1]}, and ${cut.at(-1)} reach maxBudget ${spec.maxBudget} instead of ${plain.at(-1)}`,
  ];
}

/** PBT whose explore step changes nothing: every replacement is an exact copy of its donor. */
function pbtNotes(full: ReturnType<typeof strategyWithDefaults<Extract<NormalizedStudy['strategy'], { type: 'pbt' }>>>, space: NormalizedStudy['space']): string[] {
  // A categorical still moves to a neighbouring choice: only numeric params can be left unchanged.
  const numeric = full.mutate.every((name) => space[name]?.type !== 'categorical');
  if (!numeric || full.resampleProbability > 0 || full.perturbationFactors.some((f) => f !== 1)) return [];
  return [
    `strategy.resampleProbability is 0 and every perturbationFactor is 1: a replacement copies its donor's params unchanged, so the population only narrows onto its best members (exploit without explore); set a factor other than 1 or a resampleProbability above 0`,
  ];
}

/** A generation-based strategy (CMA-ES, NSGA-II) whose trials all fall in its first generation, where nothing is learnt. */
function generationNotes(trials: number, lambda: number, what: string, every: string): string[] {
  if (trials > lambda) return [];
  return [
    `strategy.trials (${trials}) is at most ${what} generation (popsize ${lambda}): a generation learns only from those before it, so every trial is ${every}; give it several generations (trials ${10 * lambda} is ten) or use "random"`,
  ];
}

/** The TPE sampler of successive halving or Hyperband with too few candidates for the model ever to draw one. */
function halvingTpeNotes(spec: Extract<NormalizedStudy['strategy'], { type: 'successive-halving' | 'hyperband' }>): string[] {
  const full = strategyWithDefaults(spec);
  if (full.sampler !== 'tpe') return [];
  const candidates =
    spec.type === 'successive-halving' ? spec.candidates : hyperbandBrackets(spec.minBudget, full.maxBudget, full.reductionFactor, spec.iterations ?? 1).reduce((sum, b) => sum + b.counts[0]!, 0);
  const from = full.startupTrials + full.maxConcurrent - 1;
  if (candidates > from) return [];
  return [
    `strategy.sampler "tpe" draws all ${candidates} candidates at random: TPE takes over at candidate ${from} (startupTrials ${full.startupTrials} + maxConcurrent ${full.maxConcurrent} − 1); lower those or use "random"`,
  ];
}
