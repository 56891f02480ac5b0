import { describe, expect, it } from 'vitest';
import { resumeHint } from '../../src/cli/resume-hint.js';

describe('resumeHint', () => {
  it('says nothing after a finished run, and how to continue after any stop', () => {
    expect(resumeHint('done', { file: 's.json', db: 'r.db' })).toBeUndefined();
    expect(resumeHint('timeout', { file: 's.json', db: 'r.db' })).toBe('to continue: rungs run s.json --db r.db --resume');
    expect(resumeHint('signal', { file: 's.json', db: 'r.db', seed: 0 })).toBe('to continue: rungs run s.json --db r.db --resume --seed 0');
    expect(resumeHint('budget', { file: 's.json', db: 'r.db', name: 'b-1' })).toBe('to continue with a larger --max-epochs: rungs run s.json --db r.db --resume --name b-1');
    expect(resumeHint('cap', { file: 's.json', db: 'r.db' })).toBe('to continue with a larger --max-trials: rungs run s.json --db r.db --resume');
  });

  it('quotes paths a shell would split or expand', () => {
    expect(resumeHint('timeout', { file: 'my studies/s.json', db: "it's.db" })).toBe(`to continue: rungs run 'my studies/s.json' --db 'it'\\''s.db' --resume`);
    expect(resumeHint('timeout', { file: '$HOME/s.json', db: 'a*.db' })).toBe(`to continue: rungs run '$HOME/s.json' --db 'a*.db' --resume`);
  });
});
