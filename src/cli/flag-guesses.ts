/** Suggestions for misspelt flags, which yargs' strict mode only names. */
import { didYouMean } from '../format-value.js';

/**
 * yargs' "Unknown argument: thread" with the option it was likely meant to be ("did you mean --threads?"),
 * as a study file's misspelt key gets its suggestion.
 */
export function withFlagGuesses(message: string, options: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (!unknown) return message;
  // The flags as typed: not one-letter aliases, nor the camelCase twins yargs adds (maxTrials for max-trials).
  const flags = options.filter((o) => o.length > 1 && o !== '$0' && o !== '_' && o === o.toLowerCase());
  const guesses = unknown[1]!
    .split(', ')
    // A name of one or two letters is near too many flags to say which.
    .map((name) => (name.length < 3 ? '' : didYouMean(name, flags).replace(/^did you mean "(.+)"\? $/, '--$1')))
    .filter((g) => g !== '');
  return guesses.length > 0 ? `${message} (did you mean ${[...new Set(guesses)].join(', ')}?)` : message;
}
