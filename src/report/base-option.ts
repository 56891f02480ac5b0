import type { EChartsOption } from 'echarts';
import { COLORS, FONT_FAMILY } from './palette.js';

/** Settings every chart shares: no animation (a static report), system fonts, light tooltip. */
export function baseOption(): EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY, color: COLORS.text },
    tooltip: {
      confine: true,
      backgroundColor: 'rgba(255,255,255,0.97)',
      borderColor: COLORS.grid,
      textStyle: { fontFamily: FONT_FAMILY, color: COLORS.text, fontSize: 12 },
    },
  };
}
