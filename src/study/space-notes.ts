/**
 * Notes on a built-in task's search space that are not errors but waste
 * trials: a searched param that the optimizer of some trials never reads
 * (momentum for Adam, the betas for SGD, …). Those trials carry a value that
 * changes nothing, which dilutes TPE's model and multiplies a grid. The fix is
 * a condition (`when`, param-conditions.ts), and the note gives it:
 *
 *   space.momentum has no effect when optimizer is sgd, adam: add "when": { "optimizer": ["momentum", "nesterov"] }
 *   space.beta1 has no effect: every trial's optimizer is sgd (beta1 is read by adam, adamw)
 *
 * It lives with the study: it joins a search space to what the optimizer core reads.
 */
import { RULE_SPECIFIC_PARAMS } from '../optimizers/create-optimizer.js';
import { whenValues } from '../search/param-conditions.js';
import { DEFAULT_TRAIN_PARAMS, type OptimizerName, type TrainParams } from '../tasks/task-spec.js';
import type { NormalizedStudy } from './study-spec.js';

export function spaceNotes(study: Pick<NormalizedStudy, 'space' | 'task'>): string[] {
  if (study.task === undefined) return [];
  const space = study.space;
  const searched = space['optimizer'];
  const fixed = (study.task.optimizer?.optimizer ?? DEFAULT_TRAIN_PARAMS.optimizer) as OptimizerName;
  const notes: string[] = [];
  for (const name of Object.keys(space).sort()) {
    const readers = RULE_SPECIFIC_PARAMS[name as keyof TrainParams];
    if (readers === undefined) continue;
    const condition = space[name]!.when?.['optimizer'];
    // The optimizers a trial carrying this param can have.
    const possible =
      searched?.type === 'categorical'
        ? (condition === undefined ? searched.choices : whenValues(condition)).map(String)
        : [fixed];
    const idle = possible.filter((o) => !(readers as readonly string[]).includes(o));
    if (idle.length === 0) continue;
    const using = possible.filter((o) => (readers as readonly string[]).includes(o));
    if (using.length === 0) {
      const which = searched?.type === 'categorical' ? `no optimizer it is searched with reads it (${possible.join(', ')})` : `every trial's optimizer is ${fixed}`;
      notes.push(`space.${name} has no effect: ${which}; ${name} is read by ${readers.join(', ')}`);
    } else {
      notes.push(`space.${name} has no effect when optimizer is ${idle.join(', ')}: add "when": { "optimizer": [${using.map((o) => JSON.stringify(o)).join(', ')}] }`);
    }
  }
  return notes;
}
