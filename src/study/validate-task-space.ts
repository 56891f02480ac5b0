/**
 * Checks a built-in task's search space against what training accepts, before
 * any trial runs: every value the space can produce must pass the
 * hyperparameter's rule (lr > 0, beta2 in [0, 1), batchSize an integer, an
 * optimizer rungs has…). Otherwise the study is stored and its trials fail
 * one by one. The rules are intervals, so a range's two ends decide for all
 * of it; choices and grid values are checked one by one. Names that are not
 * training hyperparameters, and malformed declarations, are validateSpace's
 * and validateStudy's to report. It lives with the study: it joins a search
 * space to the task's rules, and tasks know nothing of search spaces.
 */
import { formatValue, isRecord } from '../format-value.js';
import { validateParam } from '../search/validate-space.js';
import { isTrainParamName } from '../tasks/train-param-names.js';
import { trainParamRule } from '../tasks/validate-train-params.js';

export function validateTaskSpace(space: unknown, path: string): string[] {
  if (!isRecord(space)) return [];
  const out: string[] = [];
  for (const [name, spec] of Object.entries(space)) {
    // A declaration with problems of its own is reported by validateSpace, once.
    if (!isTrainParamName(name) || !isRecord(spec) || validateParam(spec, `${path}.${name}`).length > 0) continue;
    const rule = trainParamRule(name);
    const at = `${path}.${name}`;
    const check = (where: string, v: unknown) => {
      const problem = rule(v);
      if (problem) out.push(`${where}: ${name} ${problem} (got ${formatValue(v)})`);
    };
    if (spec.type === 'categorical') {
      if (Array.isArray(spec.choices)) spec.choices.forEach((v: unknown, i: number) => check(`${at}.choices[${i}]`, v));
      continue;
    }
    if (spec.type !== 'float' && spec.type !== 'int') continue;
    if (rule.takes === 'choice') {
      out.push(`${at} must be a categorical param (${name} ${rule(undefined)}), not ${spec.type === 'int' ? 'an' : 'a'} ${spec.type} range`);
      continue;
    }
    if (rule.takes === 'integer' && spec.type === 'float') {
      out.push(`${at} must be an int or categorical param: ${name} takes integers, and a float range gives fractions`);
      continue;
    }
    for (const end of ['low', 'high'] as const) if (typeof spec[end] === 'number') check(`${at}.${end}`, spec[end]);
    if (Array.isArray(spec.values)) spec.values.forEach((v: unknown, i: number) => check(`${at}.values[${i}]`, v));
  }
  return out;
}
