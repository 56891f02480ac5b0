/** The rung table of a plan: per bracket and rung, trials and the budget each reaches, and epoch totals. */
import type { PlanBracket } from '../search/strategy.js';
import { isGenerations, planTotals } from '../search/plan-totals.js';
import { renderTable } from './render-table.js';
import type { Exhausted } from '../study/exhaust-count.js';
import { configurationsNote } from './render-generations.js';

/**
 * `warmStart` undefined: a strategy that never promotes (its totals are the same either way). `repeats`: the
 * study's; a PBT plan's members are then configurations, as `rungs show` counts them.
 */
export function renderPlan(plan: PlanBracket[], warmStart = true, repeats = 1): string {
  if (isGenerations(plan)) return renderGenerationPlan(plan, repeats);
  const rows: string[][] = [];
  for (const b of plan) for (const r of b.rungs) rows.push([String(b.bracket), String(r.rung), String(r.trials), String(r.budget)]);
  const table = renderTable(
    [{ header: 'bracket', align: 'right' }, { header: 'rung', align: 'right' }, { header: 'trials', align: 'right' }, { header: 'budget', align: 'right' }],
    rows,
  );
  const warm = planTotals(plan, true).epochs;
  const cold = planTotals(plan, false).epochs;
  const totals =
    warm === cold
      ? `total: ${warm} epochs`
      : `total: ${warm} epochs with warm starts, ${cold} retraining from scratch${warmStart ? '' : ' (warmStart is off)'}`;
  return `${table}\n${totals}`;
}

/** One PBT generation of a plan, as `plan` prints it: `members` and `replaced` count configurations, `trials` the members' trials. */
export interface GenerationRow {
  generation: number;
  members: number;
  /** members × repeats. */
  trials: number;
  from: number;
  budget: number;
  /** Members (configurations) replaced once it ends: with repeats, each is that many trials. */
  replaced: number;
}

/**
 * A PBT plan's generations. The plan counts trials (with repeats, every configuration's; what the run's progress
 * counts), `rungs show` configurations: a member is a configuration, replaced with all its repeats.
 */
export function generationRows(plan: readonly PlanBracket[], repeats = 1): GenerationRow[] {
  const rungs = plan.flatMap((b) => b.rungs);
  return rungs.map((r, i) => ({
    generation: r.rung,
    members: r.trials / repeats,
    trials: r.trials,
    from: i === 0 ? 0 : rungs[i - 1]!.budget,
    budget: r.budget,
    replaced: (r.replaced ?? 0) / repeats,
  }));
}

/**
 * A PBT plan: its rungs are generations, each training every member to its boundary and then replacing the bottom
 * ones by copies of top ones. Nothing retrains from scratch (a replacement starts from its donor's checkpoint), so
 * there is no such total to set beside the one it costs.
 */
function renderGenerationPlan(plan: PlanBracket[], repeats: number): string {
  const rows = generationRows(plan, repeats);
  const table = renderTable(
    [{ header: 'generation', align: 'right' }, { header: 'members', align: 'right' }, { header: 'epochs', align: 'right' }, { header: 'then replaced', align: 'right' }],
    rows.map((r) => [String(r.generation), String(r.members), `${r.from}–${r.budget}`, r.replaced ? String(r.replaced) : 'none']),
  );
  const { epochs, trials } = planTotals(plan);
  const members = rows[0]?.members ?? 0;
  const maxBudget = rows.at(-1)?.budget ?? 0;
  return [
    table,
    ...(repeats > 1 ? [configurationsNote(members, repeats)] : []),
    `total: ${epochs} epochs (${members} members${repeats > 1 ? ` × ${repeats} repeats` : ''} × ${maxBudget}); ${trials} trials if no member fails`,
    'PBT always continues from checkpoints (a replacement from a copy of its donor\'s): nothing retrains from scratch',
  ].join('\n');
}

/** The line under a plan when the study's epoch budget (maxEpochs) cuts it short; null when it does not. */
export function epochBudgetLine(maxEpochs: number | undefined, planEpochs: number): string | null {
  if (maxEpochs === undefined || maxEpochs >= planEpochs) return null;
  return `epoch budget (maxEpochs): ${maxEpochs} of the plan's ${planEpochs} epochs — the run stops handing out jobs there`;
}

/**
 * The line saying what `"exhaust"` came to (successive halving's candidates or minBudget, Hyperband's iterations), or null when the study gave numbers.
 *
 * @example exhaustLine({ option: 'candidates', count: 125, epochs: 357, next: 366, maxEpochs: 360 })
 * // 'candidates "exhaust": 125, the most whose plan fits in maxEpochs 360 (357 epochs; 126 would train 366)'
 * @example exhaustLine({ option: 'minBudget', minBudget: 3, candidates: 36, maxBudget: 81, top: 1, needs: 27 })
 * // 'minBudget "exhaust": 3, the largest from which 36 candidates halve to 1 by maxBudget 81'
 */
export function exhaustLine(exhausted: Exhausted | undefined): string | null {
  if (exhausted === undefined) return null;
  if (exhausted.option === 'minBudget') {
    const { minBudget, candidates, maxBudget, top, needs } = exhausted;
    // A ladder too short to halve them to fewer than η: say what maxBudget would be long enough.
    if (needs > maxBudget && exhausted.aggressive) {
      return `minBudget "exhaust": ${minBudget}, the smallest; ${candidates} candidates would need maxBudget ${needs} to halve to fewer than η, and aggressiveElimination's repeated first cut halves them to ${top} by maxBudget ${maxBudget}`;
    }
    if (needs > maxBudget) return `minBudget "exhaust": ${minBudget}, the smallest, and ${candidates} candidates still halve only to ${top} by maxBudget ${maxBudget} (to fewer than η they need maxBudget ${needs})`;
    return `minBudget "exhaust": ${minBudget}, the largest from which ${candidates} candidates halve to ${top} by maxBudget ${maxBudget}`;
  }
  const { option, count, epochs, next, maxEpochs, gridCells } = exhausted;
  if (next === undefined) return `${option} "exhaust": ${count}, every cell of the grid (${epochs} epochs of maxEpochs ${maxEpochs})`;
  const grid = gridCells !== undefined ? ` of the grid's ${gridCells} cells` : '';
  return `${option} "exhaust": ${count}${grid}, the most whose plan fits in maxEpochs ${maxEpochs} (${epochs} epochs; ${count + 1} would train ${next})`;
}

/**
 * The line under a plan when the study's trial cap (maxTrials) stops it before its last trial; null when it does not.
 * It counts every trial, so it also stops a PBT study's replacements (a Ray user may take it for num_samples).
 */
export function trialCapLine(maxTrials: number | undefined, planTrials: number): string | null {
  if (maxTrials === undefined || maxTrials >= planTrials) return null;
  return `trial cap (maxTrials): ${maxTrials} of the plan's ${planTrials} trials — no trial starts past it, and those that would have gone on from there never do`;
}

/** The line saying which trials start from the study's enqueued points, or '' when it has none (with repeats, each point is a configuration). */
export function enqueueLine(points: number | undefined, repeats = 1): string {
  if (points === undefined || points === 0) return '';
  const trials = points * repeats;
  const which = trials === 1 ? 'trial 0 starts from the point' : `trials 0–${trials - 1} start from the ${points === 1 ? 'point' : `${points} points`}`;
  const each = repeats > 1 ? `, each point a configuration run ${repeats} times` : '';
  return `enqueue: ${which} given (params left out are drawn${each})`;
}
