import { FONT_FAMILY } from './palette.js';

/** The page's stylesheet: a light theme on system fonts, nothing loaded from anywhere. */
export const REPORT_STYLES = `
:root { --bg: #f4f6f8; --card: #ffffff; --text: #1f2933; --muted: #6b7785; --line: #e4e7eb;
  --accent: #3b6fb6; --best: #e8702a; --failed: #d64545; --pruned: #9aa5b1; --running: #e0a526; }
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; padding: 24px; font-family: ${FONT_FAMILY}; font-size: 14px; line-height: 1.45; color: var(--text); }
main { max-width: 1280px; margin: 0 auto; }
h1 { font-size: 26px; margin: 2px 0 10px; font-weight: 650; letter-spacing: -0.01em; word-break: break-word; }
h2 { font-size: 15px; margin: 0 0 2px; font-weight: 620; }
h3 { font-size: 13px; margin: 0 0 4px; font-weight: 600; word-break: break-all; }
.report-header { display: flex; gap: 20px; align-items: stretch; justify-content: space-between; flex-wrap: wrap;
  background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin-bottom: 18px; }
.report-header .title { flex: 1 1 560px; min-width: 0; }
.kicker { text-transform: uppercase; font-size: 11px; letter-spacing: 0.08em; color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: 6px 26px; margin: 0 0 12px; }
.facts div { display: flex; flex-direction: column; }
.facts dt { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
.facts dd { margin: 0; font-weight: 550; }
.dir { color: var(--muted); font-weight: 500; margin-left: 4px; }
.pills { display: flex; flex-wrap: wrap; gap: 6px; }
.pill { border-radius: 999px; padding: 2px 10px; font-size: 12px; border: 1px solid var(--line); background: #f8f9fa; }
.pill.zero { opacity: 0.45; }
.pill.state-complete { border-color: #bcd0ec; background: #eef3fb; color: #274b80; }
.pill.state-pruned { border-color: #d5dae0; background: #f3f5f7; color: #4a5563; }
.pill.state-failed { border-color: #f0c2c2; background: #fcefef; color: #a32d2d; }
.pill.state-running, .pill.state-queued { border-color: #f0dcae; background: #fdf6e6; color: #8a5d0b; }
.best-card { flex: 0 1 380px; min-width: 240px; border-left: 4px solid var(--best); background: #fff8f3; border-radius: 8px; padding: 12px 16px; }
.best-card.empty { color: var(--muted); border-left-color: var(--line); background: #f8f9fa; display: flex; align-items: center; }
.best-card .label { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.best-card .value { font-size: 28px; font-weight: 650; font-variant-numeric: tabular-nums; color: #b4501a; }
.best-card .detail { color: var(--muted); font-size: 12px; }
.best-card .params span { display: inline-block; margin-right: 8px; }
.best-card .params i { font-style: normal; color: var(--muted); }
.best-card .params { color: var(--text); margin-top: 4px; }
.best-card .more { color: var(--muted); }
.grid { display: grid; gap: 18px; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); margin-bottom: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; min-width: 0; }
.card.full { margin-bottom: 18px; }
.caption { color: var(--muted); font-size: 12.5px; margin: 0 0 10px; }
.chart { width: 100%; }
.slices { display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
.slice { border: 1px solid var(--line); border-radius: 8px; padding: 10px 10px 4px; min-width: 0; }
.note { color: var(--muted); margin: 6px 0 0; font-size: 12.5px; }
.table-wrap { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
table.data th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding: 6px 10px; white-space: nowrap; }
table.data td { border-bottom: 1px solid #f0f2f4; padding: 6px 10px; vertical-align: top; }
table.data tbody tr:hover { background: #f8fafc; }
table.data .num { text-align: right; white-space: nowrap; }
table.data .strong { font-weight: 650; }
table.data .ci, table.data .trials { white-space: nowrap; color: #3e4c59; }
table.data .param { word-break: break-word; }
table.data .error { color: var(--failed); word-break: break-word; min-width: 140px; }
table.data tr.best td { background: #fff8f3; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 11.5px; white-space: nowrap; }
.badge.tied { background: #fde9dc; color: #9c4315; border: 1px solid #f6c8a8; }
.meter { width: 90px; height: 8px; background: #edf0f3; border-radius: 4px; overflow: hidden; margin-top: 5px; }
.meter span { display: block; height: 100%; background: var(--accent); }
footer { color: var(--muted); font-size: 12px; text-align: center; margin: 8px 0 0; }
`;

/** What a PBT report adds to the stylesheet (only there, so other reports' pages stay as they were): the lineage select and table. */
export const PBT_STYLES = `table.data.lineage tr.own td { background: #fff8f3; }
`;

/** A select above a chart: a PBT report's lineage select, the learning curves' metric select. */
export const PICK_STYLES = `.lineage-pick, .metric-pick { margin: 0 0 6px; font-size: 13px; color: var(--muted); }
.lineage-pick select, .metric-pick select { font: inherit; color: var(--text); padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; background: #fff; max-width: 100%; }
`;
