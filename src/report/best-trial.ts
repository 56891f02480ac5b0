import type { Direction } from '../search/strategy.js';
import type { ReportTrial } from './report-data.js';
import { valuedTrials } from './valued-trials.js';

/** The complete trial with the best value (lowest number on ties), if any. */
export function bestTrial(trials: readonly ReportTrial[], direction: Direction): (ReportTrial & { value: number }) | undefined {
  let best: (ReportTrial & { value: number }) | undefined;
  for (const t of valuedTrials(trials)) {
    if (t.state !== 'complete') continue;
    if (best === undefined || (direction === 'minimize' ? t.value < best.value : t.value > best.value)) best = t;
  }
  return best;
}
