import type { ReportData } from './report-data.js';
import { PBT_PARAMS_NOTE } from '../stats/pbt-params-note.js';

/**
 * What a chart of trials as configurations (parallel coordinates, importance, slice plots) adds to
 * its caption for a PBT study: a trial there is its last segment's params, not the schedule that
 * trained it. '' for other studies.
 */
export function pbtParamsCaption(data: Pick<ReportData, 'pbt'>): string {
  return data.pbt ? ` Note: ${PBT_PARAMS_NOTE}.` : '';
}
