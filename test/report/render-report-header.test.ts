import { describe, expect, it } from 'vitest';
import { renderReportHeader } from '../../src/report/render-report-header.js';
import { sampleReportData } from './sample-report-data.js';

describe('renderReportHeader', () => {
  it("gives the best trial's held-out test score (task.test) beside its budget, and nothing when there is none", () => {
    const data = sampleReportData();
    const plain = renderReportHeader(data);
    expect(plain).not.toContain('test_loss');
    const best = data.trials.filter((t) => t.state === 'complete' && t.value !== null).sort((a, b) => a.value! - b.value!)[0]!;
    for (const t of data.trials) t.metrics = { ...t.metrics, test_loss: 0.123456 + t.number };
    const html = renderReportHeader(data);
    expect(html).toContain(`trial #${best.number} · budget`);
    expect(html).toMatch(new RegExp(`trial #${best.number} · budget [^<]+ · test_loss ${String(0.123456 + best.number).slice(0, 5)}`));
  });

  it('with repeats, the card is the best configuration (the mean of its seeds, as show and best rank it), its test scores their mean', () => {
    const data = sampleReportData();
    const [a, b] = data.trials.filter((t) => t.state === 'complete' && t.value !== null).slice(0, 2);
    a!.metrics = { ...a!.metrics, test_loss: 0.2, test_accuracy: 0.9 };
    b!.metrics = { ...b!.metrics, test_loss: 0.4, test_accuracy: 0.8 };
    data.study = { ...data.study, repeats: 2 };
    data.ranking = [{ rank: 1, params: a!.params, trials: [a!.number, b!.number], n: 2, budget: 27, mean: 0.0425, std: 0.01, ci95: [0.03, 0.05], tiedWithBest: true }];
    const html = renderReportHeader(data);
    expect(html).toContain('best val_loss, mean over 2 seeds</div><div class="value">0.0425</div>');
    expect(html).toContain(`configuration of trials #${a!.number} #${b!.number} · budget 27 · test_loss mean 0.3 · test_accuracy mean 0.85`);
    // Without repeats the same data gives the single best trial.
    expect(renderReportHeader({ ...data, study: { ...data.study, repeats: 1 } })).toMatch(/trial #\d+ · budget/);
  });
});
