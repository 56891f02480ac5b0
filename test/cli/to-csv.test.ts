import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/cli/to-csv.js';

describe('toCsv', () => {
  it('quotes what needs it and leaves missing cells empty', () => {
    expect(toCsv([{ a: 'x,y', b: null }, { a: 'say "hi"', b: 2 }])).toBe('a,b\n"x,y",\n"say ""hi""",2\n');
  });

  it('puts a param or metric column first seen in a later record with its group, in sorted place', () => {
    const csv = toCsv([
      { number: 0, param_lr: 0.1, param_optimizer: 'sgd', metric_val_loss: 1, seed: 5 },
      { number: 1, param_lr: 0.2, param_momentum: 0.9, param_optimizer: 'momentum', metric_val_loss: 2, seed: 6 },
      { number: 2, param_beta1: 0.8, param_lr: 0.3, param_optimizer: 'adam', metric_val_loss: 3, seed: 7, param_zeta: 1 },
    ]);
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe('number,param_beta1,param_lr,param_momentum,param_optimizer,param_zeta,metric_val_loss,seed');
    expect(rows).toEqual(['0,,0.1,,sgd,,1,5', '1,,0.2,0.9,momentum,,2,6', '2,0.8,0.3,,adam,1,3,7']);
  });

  it('starts with the header columns given, so that no records still make a header line', () => {
    expect(toCsv([], ['trial', 'metric'])).toBe('trial,metric\n');
    expect(toCsv([{ metric: 'acc', extra: 1, trial: 0 }], ['trial', 'metric'])).toBe('trial,metric,extra\n0,acc,1\n');
    expect(toCsv([])).toBe('\n');
  });
});
