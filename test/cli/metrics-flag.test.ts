import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { parseMetricsFlag, trialMetricNames } from '../../src/cli/metrics-flag.js';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';

const available = trialMetricNames([{ metrics: { val_loss: 1, val_accuracy: 0.5 } }, { metrics: { val_loss: 2, train_loss: 3 } }]);
const opts = { study: 'q', own: ['val_loss'], available };

describe('parseMetricsFlag', () => {
  it('takes names space- or comma-separated, in order, once each, without the study\'s own', () => {
    expect(parseMetricsFlag(undefined, 'table', opts)).toEqual([]);
    expect(parseMetricsFlag(['train_loss,val_accuracy', 'val_loss', 'train_loss'], 'table', opts)).toEqual(['train_loss', 'val_accuracy']);
  });

  it('names what the trials have when a name is not among them, and refuses JSON and CSV, which have every metric', () => {
    expect(() => parseMetricsFlag(['val_acuracy'], 'table', opts)).toThrow(
      new UsageError('--metrics: no trial of "q" has a metric "val_acuracy" (did you mean "val_accuracy"? its trials have: train_loss, val_accuracy, val_loss)'),
    );
    expect(() => parseMetricsFlag(['x'], 'table', { ...opts, available: new Set() })).toThrow('its trials have no metrics yet');
    expect(() => parseMetricsFlag(['val_accuracy'], 'csv', opts)).toThrow('--metrics adds table columns, and --format csv already carries every metric: leave --metrics out');
    expect(() => parseMetricsFlag([','], 'table', opts)).toThrow('--metrics needs metric names');
  });
});

describe('trials and best --metrics, through the built CLI', () => {
  it('adds a column per metric, for trials, the best trials and the best configurations of a study with repeats', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'm.db');
    expect((await runCli(['run', 'studies/quickstart.json', '--db', db, '--quiet'])).code).toBe(0);
    const best = await runCli(['best', 'quickstart', '--db', db, '--metrics', 'val_accuracy,train_loss', '--top', '2']);
    expect(best.code, best.stderr).toBe(0);
    const [header, , first] = best.stdout.split('\n');
    expect(header).toMatch(/^rank\s+#\s+state\s+val_loss\s+val_accuracy\s+train_loss\s+budget\s/);
    const json = JSON.parse((await runCli(['best', 'quickstart', '--db', db, '--json', '--top', '1'])).stdout)[0];
    // The row's cells are the best trial's own metrics, as --json has them.
    const cells = first!.trim().split(/\s+/);
    expect(Number(cells[4])).toBeCloseTo(json.metrics.val_accuracy, 3);
    expect(Number(cells[5])).toBeCloseTo(json.metrics.train_loss, 3);
    const trials = await runCli(['trials', 'quickstart', '--db', db, '--metrics', 'val_accuracy', '--limit', '3']);
    expect(trials.stdout.split('\n')[0]).toMatch(/^#\s+state\s+val_loss\s+val_accuracy\s+budget\s/);

    const wrong = await runCli(['best', 'quickstart', '--db', db, '--metrics', 'val_accuracyy']);
    expect(wrong.code).toBe(EXIT.usage);
    expect(wrong.stderr.trim()).toBe('rungs: --metrics: no trial of "quickstart" has a metric "val_accuracyy" (did you mean "val_accuracy"? its trials have: model_size, train_loss, val_accuracy, val_log_loss, val_loss)');
    const asJson = await runCli(['trials', 'quickstart', '--db', db, '--metrics', 'val_accuracy', '--json']);
    expect(asJson.code).toBe(EXIT.usage);
    expect(asJson.stdout).toBe('');

    // With repeats, best ranks configurations: the column holds each one's mean, as its value column does.
    const study = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    delete study.$schema;
    Object.assign(study, { name: 'rep', repeats: 2, strategy: { type: 'random', trials: 3 }, task: { ...study.task, epochs: 3 } });
    fs.writeFileSync(path.join(dir, 'rep.json'), JSON.stringify(study));
    expect((await runCli(['run', path.join(dir, 'rep.json'), '--db', db, '--quiet'])).code).toBe(0);
    const rep = await runCli(['best', 'rep', '--db', db, '--metrics', 'val_accuracy', '--top', '1']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stdout.split('\n')[0]).toMatch(/^rank\s+val_loss mean\s+±95% \S+\s+n\s+tied\s+budget\s+val_accuracy mean\s/);
    const top = JSON.parse((await runCli(['best', 'rep', '--db', db, '--json', '--top', '1'])).stdout)[0];
    expect(Number(rep.stdout.split('\n')[2]!.trim().split(/\s+/)[6])).toBeCloseTo(top.metrics.val_accuracy, 3);
  }, 120_000);
});
