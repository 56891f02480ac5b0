import { describe, expect, it } from 'vitest';
import { withFlagGuesses } from '../../src/cli/flag-guesses.js';
import { runCli } from '../helpers/run-cli.js';

describe('withFlagGuesses', () => {
  const options = ['help', 'h', 'version', 'db', 'threads', 'seed', 'max-trials', 'maxTrials', 'timeout'];

  it('adds the nearest option to each unknown flag yargs names, and nothing when none is near', () => {
    expect(withFlagGuesses('Unknown argument: thread', options)).toBe('Unknown argument: thread (did you mean --threads?)');
    expect(withFlagGuesses('Unknown arguments: thread, max-trial', options)).toBe('Unknown arguments: thread, max-trial (did you mean --threads, --max-trials?)');
    expect(withFlagGuesses('Unknown arguments: zzz, thread', options)).toBe('Unknown arguments: zzz, thread (did you mean --threads?)');
    expect(withFlagGuesses('Unknown argument: zzz', options)).toBe('Unknown argument: zzz');
    // One-letter aliases are no suggestion for a long flag.
    expect(withFlagGuesses('Unknown argument: x', options)).toBe('Unknown argument: x');
    expect(withFlagGuesses('Unknown argument: maxtrials', options)).toBe('Unknown argument: maxtrials (did you mean --max-trials?)');
    expect(withFlagGuesses('--threads needs a value', options)).toBe('--threads needs a value');
  });

  it("the built CLI suggests from the command's own options", async () => {
    for (const [args, expected] of [
      [['run', 'studies/quickstart.json', '--thread', '2'], 'rungs: Unknown argument: thread (did you mean --threads?)'],
      [['trials', 'q', '--sortt', 'value', '--limt', '3'], 'rungs: Unknown arguments: sortt, limt (did you mean --sort, --limit?)'],
      [['curves', 'q', '--metric', 'val_loss'], 'rungs: Unknown argument: metric (did you mean --metrics?)'],
    ] as const) {
      const res = await runCli([...args]);
      expect(res.code).toBe(2);
      expect(res.stderr.split('\n')[0]).toBe(expected);
    }
  }, 30_000);
});
