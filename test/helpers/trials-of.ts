import { expect } from 'vitest';
import { runCli } from './run-cli.js';

/** A trial as `rungs trials --json` lists it, cut to what end-to-end tests compare. */
export interface TrialRow {
  number: number;
  state: string;
  params: Record<string, unknown>;
  value: number | null;
}

/** A study's trials through the built CLI, in number order. */
export async function trialsOf(name: string, db: string): Promise<TrialRow[]> {
  const res = await runCli(['trials', name, '--db', db, '--json']);
  expect(res.code, res.stderr).toBe(0);
  return (JSON.parse(res.stdout) as TrialRow[]).map(({ number, state, params, value }) => ({ number, state, params, value })).sort((a, b) => a.number - b.number);
}
