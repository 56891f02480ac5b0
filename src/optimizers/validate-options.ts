/**
 * Range checks for the hyperparameters an update rule reads. Each constructor
 * calls validateOptions with the values it will use; every problem is listed
 * in one ValidationError (field, value, rule), e.g.
 * `adam optimizer: beta2 = 1 is not in [0, 1)`.
 */
import type { OptimizerName } from '../tasks/task-spec.js';
import { ValidationError } from '../errors.js';

export interface OptionValues {
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  rho?: number;
  weightDecay?: number;
  amsgrad?: boolean;
}

/** [0, 1): a decay rate. */
const UNIT: ReadonlyArray<keyof OptionValues> = ['momentum', 'beta1', 'beta2', 'rho'];
/** [0, ∞), finite. */
const NON_NEGATIVE: ReadonlyArray<keyof OptionValues> = ['epsilon', 'weightDecay'];

export function validateOptions(name: OptimizerName, size: number, values: OptionValues): void {
  const issues: string[] = [];
  if (!Number.isInteger(size) || size < 0) issues.push(`size = ${String(size)} must be an integer ≥ 0`);
  for (const key of UNIT) {
    const v = values[key];
    if (v === undefined) continue;
    if (typeof v !== 'number') issues.push(`${key} = ${JSON.stringify(v)} must be a number`);
    else if (!(v >= 0 && v < 1)) issues.push(`${key} = ${v} is not in [0, 1)`);
  }
  for (const key of NON_NEGATIVE) {
    const v = values[key];
    if (v === undefined) continue;
    if (typeof v !== 'number') issues.push(`${key} = ${JSON.stringify(v)} must be a number`);
    else if (!(v >= 0 && Number.isFinite(v))) issues.push(`${key} = ${v} must be a finite number ≥ 0`);
  }
  if (values.amsgrad !== undefined && typeof values.amsgrad !== 'boolean') {
    issues.push(`amsgrad = ${JSON.stringify(values.amsgrad)} must be true or false`);
  }
  if (issues.length > 0) throw new ValidationError(issues, `${name} optimizer`);
}
