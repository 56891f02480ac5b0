/**
 * The allowed number of worker threads, checked wherever a count comes in
 * (study file, --threads, runStudy, createPool). Each thread is a V8 isolate
 * of tens of MB: a count in the millions aborts the process with an OOM
 * before anything can be reported, so the bound is checked up front.
 */
export const MAX_THREADS = 256;

/** Why `v` is not a thread count ("an integer in [1, 256]"), or null when it is one. */
export function threadCountProblem(v: unknown): string | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_THREADS ? null : `must be an integer in [1, ${MAX_THREADS}]`;
}
