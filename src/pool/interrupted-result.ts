/**
 * The result of a job that ended without one of its own: stopped from outside
 * (abortJobs, a worker terminated; message 'interrupted', which the run loop
 * drops, the trial going back to the queue) or its worker crashed (another
 * message: recorded as the trial's failure).
 */
import type { JobResult } from './protocol.js';

export const INTERRUPTED = 'interrupted';

/** A job taken back before it started because its run stopped (JobRunner.withdraw): it never ran. */
export const NOT_STARTED = 'not started: the run stopped first';

export function interruptedResult(started: number, message = INTERRUPTED): JobResult {
  return { state: 'failed', reason: 'error', message, metrics: {}, curve: [], budget: 0, epochsTrained: 0, durationMs: Date.now() - started };
}
