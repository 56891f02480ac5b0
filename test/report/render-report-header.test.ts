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
});
