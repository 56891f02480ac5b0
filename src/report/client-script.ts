/**
 * The page's own script (plain ES5, inlined after ECharts). It reads the two
 * JSON blocks (`#rungs-data`: the ReportData; `#rungs-charts`: the ChartSpecs),
 * swaps `@name` formatter strings for the functions below, initialises every
 * chart with the canvas renderer, resizes them with the window, and finally
 * sets `window.__rungsCharts = { drawn, ids }`.
 *
 * Formatters: `@trial` (item tooltip naming the trial, its state, value,
 * budget, params and error; the trial is found from a `trial-<n>` series id,
 * a markLine's xAxis, or the last element of the point's value), `@num`
 * (axis labels and bar labels), `@bar` (axis tooltip of the importance bars).
 * All text from the data is HTML-escaped before it reaches a tooltip.
 *
 * A multi-objective report's script also has `@objectives` (OBJECTIVES_FORMATTER): an item tooltip
 * giving the trial, whether it is on the Pareto front, every objective's value and the params. It is
 * added only there, so a single-objective page is what it was, byte for byte.
 *
 * A PBT report's script (one whose trials have forks) adds, the same way (PBT_FORMATTERS, PBT_SELECT):
 * a `copy of trial #n at epoch e` line in `@trial` for a forked trial, `@lineage` (the curves'
 * lineage line: the trial it follows, the step, the segment's trial and params), `@schedule` (the
 * PBT schedule: a param's value over a segment, the segment's trial and fork; the name of a fork
 * line or segment), and the `#lineage-select` wiring: picking a trial merges each chart's
 * `lineages[n]` (ChartSpec) into it and shows that trial's lineage table; clicking a complete
 * trial's learning curve picks it.
 *
 * A report whose learning curves have other metrics (train_loss, val_accuracy…) adds METRIC_SELECT: the curves'
 * `#chart-curves-metric` select redraws the chart with the picked metric's curves.
 */
export function clientScript(multiObjective: boolean, pbt = false, metricSelect = false): string {
  return String.raw`(function () {
  'use strict';
  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent || 'null') : null;
  }
  var data = readJson('rungs-data') || { study: {}, trials: [] };
  var specs = readJson('rungs-charts') || [];
  var metric = (data.study && data.study.metric) || 'value';
  var byNumber = {};
  (data.trials || []).forEach(function (t) { byNumber[t.number] = t; });

  var ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; }); }
  function trimZeros(s) { return s.indexOf('.') >= 0 ? s.replace(/\.?0+$/, '') : s; }
  function num(v) {
    if (v && typeof v === 'object' && 'value' in v) v = v.value;
    if (v === null || v === undefined || v === '') return '\u2014';
    if (typeof v !== 'number') return esc(v);
    if (isNaN(v)) return 'NaN';
    if (!isFinite(v)) return v > 0 ? '\u221e' : '\u2212\u221e';
    if (v === 0) return '0';
    var a = Math.abs(v);
    if (a < 1e-3 || a >= 1e6) {
      var parts = v.toExponential(3).split('e');
      return trimZeros(parts[0]) + 'e' + parts[1].replace('+', '');
    }
    if (Math.round(v) === v) return String(v);
    return trimZeros(v.toPrecision(4));
  }
  function param(v) {
    if (typeof v === 'number') return num(v);
    if (typeof v === 'string') return v;
    return JSON.stringify(v);
  }
  var STATE_COLORS = { complete: '#3b6fb6', pruned: '#6b7785', failed: '#d64545', running: '#b7801a', queued: '#b7801a' };
  function trialOf(p) {
    var m = /^trial-(\d+)$/.exec(p.seriesId || '');
    if (m) return Number(m[1]);
    if (p.componentType === 'markLine' && p.data) return p.data.xAxis;
    if (Array.isArray(p.value)) return p.value[p.value.length - 1];
    return undefined;
  }
  function trialTip(p) {
    if (Array.isArray(p)) p = p[0];
    if (!p) return '';
    var n = trialOf(p);
    var t = byNumber[n];
    if (!t) return esc(p.seriesName || '');
    var lines = [];
    if (p.seriesId === 'best') lines.push('<i>best so far after trial #' + esc(p.value[0]) + '</i>');
    lines.push('<b>Trial #' + esc(n) + '</b> <span style="color:' + (STATE_COLORS[t.state] || '#333') + '">' + esc(t.state) + '</span>');
    if (/^trial-/.test(p.seriesId || '') && Array.isArray(p.value)) {
      lines.push('step ' + num(p.value[0]) + ': <b>' + num(p.value[1]) + '</b>');
    }
    lines.push(esc(metric) + ' = <b>' + num(t.value) + '</b> at budget ' + num(t.budget));
    Object.keys(t.params || {}).forEach(function (k) {
      lines.push('<span style="color:#6b7785">' + esc(k) + '</span> ' + esc(param(t.params[k])));
    });
    if (t.error) lines.push('<span style="color:#d64545">' + esc(t.error) + '</span>');
    return lines.join('<br>');
  }
  function barTip(ps) {
    var p = Array.isArray(ps) ? ps[0] : ps;
    return p ? esc(p.name) + ': <b>' + num(p.value) + '</b>' : '';
  }
  var FUNCTIONS = { trial: trialTip, num: num, bar: barTip };
${multiObjective ? OBJECTIVES_FORMATTER : ''}${pbt ? PBT_FORMATTERS : ''}  function resolve(node) {
    if (Array.isArray(node)) return node.map(resolve);
    if (!node || typeof node !== 'object') return node;
    var out = {};
    Object.keys(node).forEach(function (k) {
      var v = node[k];
      if ((k === 'formatter' || k === 'valueFormatter') && typeof v === 'string' && v.charAt(0) === '@') {
        var f = FUNCTIONS[v.slice(1)];
        if (!f) throw new Error('unknown formatter ' + v);
        out[k] = f;
      } else {
        out[k] = resolve(v);
      }
    });
    return out;
  }

  var charts = [];
  var ids = [];
  if (typeof echarts === 'undefined') {
    console.error('rungs report: ECharts did not load');
  } else {
    specs.forEach(function (spec) {
      var el = document.getElementById(spec.id);
      if (!el) { console.error('rungs report: no container #' + spec.id); return; }
      try {
        var chart = echarts.init(el, null, { renderer: 'canvas' });
        chart.setOption(resolve(spec.option));
        charts.push(chart);
        ids.push(spec.id);
      } catch (e) {
        console.error('rungs report: chart ' + spec.id + ' failed: ' + (e && e.message));
        el.textContent = 'This chart could not be drawn.';
      }
    });
  }
${pbt ? PBT_SELECT : ''}${metricSelect ? METRIC_SELECT : ''}  var timer;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 100);
  });
  window.__rungsCharts = { drawn: charts.length, ids: ids };
})();`;
}

/** `@objectives`, inserted after FUNCTIONS in a multi-objective page (it uses the script's helpers). */
const OBJECTIVES_FORMATTER = String.raw`  var objectives = (data.study && data.study.objectives) || [];
  var onFront = {};
  (data.paretoFront || []).forEach(function (n) { onFront[n] = true; });
  FUNCTIONS.objectives = function (p) {
    if (Array.isArray(p)) p = p[0];
    var n = p ? trialOf(p) : undefined;
    var t = byNumber[n];
    if (!t) return p ? esc(p.seriesName || '') : '';
    var lines = ['<b>Trial #' + esc(n) + '</b>' + (onFront[n] ? ' <i>on the Pareto front</i>' : '')];
    objectives.forEach(function (o) {
      var v = t.metrics ? t.metrics[o.metric] : undefined;
      lines.push(esc(o.metric) + ' ' + (o.direction === 'maximize' ? '↑' : '↓') + ' = <b>' + num(v) + '</b>');
    });
    Object.keys(t.params || {}).forEach(function (k) {
      lines.push('<span style="color:#6b7785">' + esc(k) + '</span> ' + esc(param(t.params[k])));
    });
    return lines.join('<br>');
  };
`;

/** A PBT page's formatters, inserted after FUNCTIONS (they use the script's helpers). */
const PBT_FORMATTERS = String.raw`  var lineageSelect = document.getElementById('lineage-select');
  var lineageOf = lineageSelect ? lineageSelect.value : '';
  function forkNote(t) {
    return t && t.forkOf ? '<i>copy of trial #' + esc(t.forkOf.from) + ' at epoch ' + esc(t.forkOf.budget) + '</i>' : '';
  }
  function paramLines(t) {
    return Object.keys((t && t.params) || {}).map(function (k) {
      return '<span style="color:#6b7785">' + esc(k) + '</span> ' + esc(param(t.params[k]));
    });
  }
  FUNCTIONS.trial = function (p) {
    var html = trialTip(p);
    var q = Array.isArray(p) ? p[0] : p;
    var note = q ? forkNote(byNumber[trialOf(q)]) : '';
    if (!note) return html;
    var at = html.indexOf('<br>', html.indexOf('<b>Trial #'));
    return at < 0 ? html + '<br>' + note : html.slice(0, at) + '<br>' + note + html.slice(at);
  };
  FUNCTIONS.lineage = function (p) {
    if (Array.isArray(p)) p = p[0];
    if (!p || !Array.isArray(p.value)) return '';
    var t = byNumber[p.value[2]];
    var lines = ['<b>Lineage of trial #' + esc(lineageOf) + '</b>', 'step ' + num(p.value[0]) + ': <b>' + num(p.value[1]) + '</b>'];
    lines.push('trained by trial #' + esc(p.value[2]));
    var note = forkNote(t);
    if (note) lines.push(note);
    return lines.concat(paramLines(t)).join('<br>');
  };
  FUNCTIONS.schedule = function (p) {
    if (Array.isArray(p)) p = p[0];
    if (!p) return '';
    if (p.componentType !== 'series' || !Array.isArray(p.value)) return esc(p.name || '');
    var v = p.value;
    var lines = ['<b>' + esc(p.seriesName) + '</b> = <b>' + (v[1] === null ? '\u2014' : esc(param(v[1]))) + '</b>', 'epochs ' + esc(v[0]) + '\u2013' + esc(v[3]) + ': trial #' + esc(v[2])];
    var note = forkNote(byNumber[v[2]]);
    if (note) lines.push(note);
    return lines.join('<br>');
  };
`;

/**
 * The metric select of a chart with other metrics' curves (ChartSpec.metrics), wired after the charts are drawn:
 * picking a metric replaces the chart's option with that metric's ("" is the study's metric, the spec's option;
 * back there, a PBT page's picked lineage is drawn again).
 */
const METRIC_SELECT = String.raw`  var shownMetric = {};
  specs.forEach(function (spec) {
    var select = spec.metrics && document.getElementById(spec.id + '-metric');
    var at = ids.indexOf(spec.id);
    if (!select || at < 0) return;
    select.addEventListener('change', function () {
      var name = select.value;
      var option = name === '' ? spec.option : spec.metrics[name];
      if (!option) return;
      charts[at].setOption(resolve(option), true);
      shownMetric[spec.id] = name;
      if (name === '' && typeof showLineage === 'function' && typeof lineageOf === 'string' && lineageOf !== '') showLineage(lineageOf);
    });
  });
`;

/** A PBT page's lineage select, wired after the charts are drawn. */
const PBT_SELECT = String.raw`  function showLineage(n) {
    lineageOf = String(n);
    specs.forEach(function (spec) {
      var option = spec.lineages && spec.lineages[lineageOf];
      var at = ids.indexOf(spec.id);
      // A chart drawing another metric's curves (METRIC_SELECT) gets the lineage back when its select returns to the study's metric.
      var other = typeof shownMetric === 'object' && shownMetric[spec.id];
      if (option && at >= 0 && !other) charts[at].setOption(resolve(option));
    });
    var tables = document.querySelectorAll('[data-lineage]');
    for (var i = 0; i < tables.length; i++) tables[i].hidden = tables[i].getAttribute('data-lineage') !== lineageOf;
  }
  if (lineageSelect) {
    lineageSelect.addEventListener('change', function () { showLineage(lineageSelect.value); });
    var curvesAt = ids.indexOf('chart-curves');
    if (curvesAt >= 0) {
      charts[curvesAt].on('click', function (p) {
        var m = /^trial-(\d+)$/.exec(p.seriesId || '');
        if (!m) return;
        for (var i = 0; i < lineageSelect.options.length; i++) {
          if (lineageSelect.options[i].value === m[1]) {
            lineageSelect.value = m[1];
            showLineage(m[1]);
            return;
          }
        }
      });
    }
  }
`;
