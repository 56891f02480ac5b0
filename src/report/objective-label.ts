import type { Direction, Objective } from '../search/strategy.js';

/** The arrow of a direction: ↓ for minimize, ↑ for maximize. */
export function directionArrow(direction: Direction): '↓' | '↑' {
  return direction === 'minimize' ? '↓' : '↑';
}

/**
 * An objective as an axis name or a table heading: its metric, arrow and direction.
 *
 * @example objectiveLabel({ metric: 'val_loss', direction: 'minimize' }) // 'val_loss ↓ minimize'
 */
export function objectiveLabel(o: Objective): string {
  return `${o.metric} ${directionArrow(o.direction)} ${o.direction}`;
}
