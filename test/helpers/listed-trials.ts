import { expect } from 'vitest';
import { runCli } from './run-cli.js';

/** A trial as `rungs trials --json` lists it: what tests of pruned studies compare. */
export interface Listed {
  number: number;
  state: string;
  params: Record<string, unknown>;
  value: number | null;
  budget: number;
  epochsTrained: number;
}

/** Every trial through `rungs trials --json`, with the budget reached and the epochs trained. */
export async function listed(name: string, db: string): Promise<Listed[]> {
  const res = await runCli(['trials', name, '--db', db, '--json']);
  expect(res.code, res.stderr).toBe(0);
  return (JSON.parse(res.stdout) as Listed[])
    .map(({ number, state, params, value, budget, epochsTrained }) => ({ number, state, params, value, budget, epochsTrained }))
    .sort((a, b) => a.number - b.number);
}
