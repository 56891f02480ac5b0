/**
 * A timestamp (ms since epoch) as `YYYY-MM-DD HH:MM:SS UTC`, the same on
 * every machine.
 *
 * @example formatTime(0) // '1970-01-01 00:00:00 UTC'
 */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}
