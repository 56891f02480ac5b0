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
   * starting with `@` names a function of the page script (`@trial`, `@num`, `@bar`, and `@objectives` in a multi-objective report; see client-script.ts).
   */
  option: EChartsOption;
}
