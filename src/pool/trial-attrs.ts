/**
 * A trial's attributes: values that are not metrics (Optuna's user attrs, the strings of a Ray Tune result
 * dict), such as the path a model was saved to or the config a trial resolved. They are stored as JSON, so
 * a value must be one; the whole of a job's is kept small, since every read of a trial carries it.
 */
import { formatValue } from '../format-value.js';

/** What a job's attributes may take in all, as JSON text. */
export const MAX_ATTRS_BYTES = 64 * 1024;

/** Why `value` cannot be attribute `name`, or null: it must have a JSON text (not a function, undefined, a BigInt or a cycle). */
export function attrProblem(name: string, value: unknown): string | null {
  if (typeof name !== 'string' || name === '') return `an attribute's name must be a non-empty string (got ${formatValue(name)})`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value) as string | undefined;
  } catch (e) {
    return `attribute "${name}" must be a JSON value (${e instanceof Error ? e.message : String(e)})`;
  }
  return json === undefined ? `attribute "${name}" must be a JSON value: text, a number, a boolean, null, an array or an object (got ${typeof value})` : null;
}

/** Why a job's attributes, all together, cannot be kept (too large), or null. */
export function attrsSizeProblem(attrs: Readonly<Record<string, unknown>>): string | null {
  const bytes = Buffer.byteLength(JSON.stringify(attrs));
  return bytes > MAX_ATTRS_BYTES
    ? `attributes take ${Math.ceil(bytes / 1024)} kB of JSON, at most ${MAX_ATTRS_BYTES / 1024} kB are kept per job: store large data in a file and its path as the attribute`
    : null;
}

/** The entries of an object an objective returned that are attributes: not numbers (those are metrics), and JSON values. */
export function returnedAttrs(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v !== 'number' && attrProblem(k, v) === null) attrs[k] = v;
  return attrs;
}
