/** A strategy's name as `rungs plan` and `rungs show` print it. */
import type { StrategySpec } from './strategy-spec.js';

export function describeStrategy(spec: StrategySpec): string {
  if (spec.type === 'asha' && (spec.brackets ?? 1) > 1) return `asha with ${spec.brackets} brackets (asynchronous Hyperband)`;
  return spec.type;
}
