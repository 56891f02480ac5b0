import type { EChartsOption } from 'echarts';
import { baseOption } from './base-option.js';
import { COLORS } from './palette.js';

/** A chart with nothing to plot: the message, centred, drawn on the canvas like any chart. */
export function emptyOption(message: string): EChartsOption {
  return {
    ...baseOption(),
    title: {
      text: message,
      left: 'center',
      top: 'middle',
      textStyle: { color: COLORS.muted, fontSize: 14, fontWeight: 'normal' },
    },
  };
}
