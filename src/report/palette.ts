/** Colours of the report (light theme). */
export const COLORS = {
  complete: '#3b6fb6',
  pruned: '#9aa5b1',
  running: '#e0a526',
  failed: '#d64545',
  best: '#e8702a',
  text: '#1f2933',
  muted: '#6b7785',
  grid: '#e4e7eb',
} as const;

/** A sequential (viridis-like) ramp, light → dark; higher budgets get darker colours. */
const RAMP = ['#b5de2b', '#6ece58', '#35b779', '#1f9e89', '#26828e', '#31688e', '#3e4989', '#482878', '#440154'];

/**
 * `count` colours spread evenly over the ramp (index 0 lightest).
 *
 * @example rampColors(1) // ['#31688e']
 */
export function rampColors(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return ['#31688e'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(RAMP[Math.round((i * (RAMP.length - 1)) / (count - 1))] ?? '#31688e');
  return out;
}

/** Diverging colours for "better → worse" (blue is better). */
export const BETTER_TO_WORSE = ['#1d4f91', '#4f8fc0', '#a6cde2', '#f6d28b', '#e8702a', '#b8322a'];

/** System font stack: no web fonts, nothing to download. */
export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
