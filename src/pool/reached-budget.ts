/**
 * How far a job got when it ended before its budget (failed, or pruned by the
 * objective): its last reported step, kept within [fromBudget, budget]. A job
 * that reported nothing reached only where it started. Shared by objectives
 * run on a pool and trials told through ask/tell, so both count alike.
 */
export function reachedBudget(lastStep: number | undefined, fromBudget: number, budget: number): number {
  return Math.min(Math.max(lastStep ?? fromBudget, fromBudget), budget);
}
