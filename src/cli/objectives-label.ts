/** A multi-objective study's objectives in a line: `val_loss ↓, model_size ↓`. */
import { directionArrow } from '../report/objective-label.js';
import type { Objective } from '../search/strategy.js';

export function objectivesLabel(objectives: readonly Objective[]): string {
  return objectives.map((o) => `${o.metric} ${directionArrow(o.direction)}`).join(', ');
}
