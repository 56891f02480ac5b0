import type { EChartsOption } from 'echarts';

/** One chart of the report: where it goes, what it is called, and its ECharts option. */
export interface ChartSpec {
  /** DOM id of the chart's container (unique in the page). */
  id: string;
  title: string;
  /** One sentence under the heading saying how to read the chart. */
  caption: string;
  /** Container height in px. */
  height: number;
  /**
   * The ECharts option, JSON only. A `formatter` string
   * starting with `@` names a function of the page script (`@trial`, `@num`, `@bar`, `@objectives` in a multi-objective report, `@lineage` and `@schedule` in a PBT one; see client-script.ts).
   */
  option: EChartsOption;
  /**
   * A PBT report's charts that follow the page's lineage select: for each trial it offers, the
   * option to merge into the chart (setOption) when it is picked. Absent elsewhere.
   */
  lineages?: Record<number, EChartsOption>;
  /**
   * The learning curves' other metrics (train_loss, val_accuracy…): for each, the option that replaces the chart's
   * when the chart's metric select (`<id>-metric`) picks it; `option` is the study metric's. Absent: no select.
   */
  metrics?: Record<string, EChartsOption>;
}
