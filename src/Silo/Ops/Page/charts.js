// The operations page's charts: the last hour of samples the silo keeps (GET /ops/api/charts), drawn with uPlot
// 1.6.32 (MIT, uPlot-LICENSE.txt), which is served with the page: no CDN, so the page works offline.
// Series names (trunk ids, SIP statuses) come from the server and reach the DOM through uPlot's textContent only.
'use strict';

const OpsCharts = (() => {
  // Each chart reads one property of the server's answer; every property is a list of { name, values }.
  const SPECS = [
    { key: 'callsPerSecond', target: '#chart-cps', axis: 'calls/s' },
    { key: 'activeCalls', target: '#chart-active', axis: 'calls' },
    { key: 'asrPercent', target: '#chart-asr', axis: '%', range: [0, 100] },
    { key: 'acdSeconds', target: '#chart-acd', axis: 's' },
    { key: 'failuresBySipStatus', target: '#chart-failures', axis: 'calls' },
    // Latency has a value only in periods with operations: join the measured points across the empty periods.
    { key: 'settlementMs', target: '#chart-settlement', axis: 'ms', spanGaps: true },
    { key: 'databaseMs', target: '#chart-database', axis: 'ms', spanGaps: true },
  ];
  const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#4b5563', '#ea580c', '#0d9488', '#9333ea'];
  const HEIGHT = 180;

  // Exposed as window.opsCharts so an operator's console (and the browser test) can see what is drawn.
  const state = { data: null, plots: {} };

  function width(element) {
    return Math.max(240, Math.floor(element.clientWidth || element.parentElement.clientWidth || 400));
  }

  function options(spec, lines, element) {
    return {
      width: width(element),
      height: HEIGHT,
      scales: spec.range ? { x: { time: true }, y: { range: spec.range } } : { x: { time: true } },
      axes: [{}, { label: spec.axis, size: 60 }],
      series: [{}, ...lines.map((line, i) => ({
        label: line.name,
        stroke: COLOURS[i % COLOURS.length],
        width: 1.5,
        spanGaps: !!spec.spanGaps,
      }))],
    };
  }

  function draw(spec, data) {
    const element = document.querySelector(spec.target);
    const lines = data[spec.key] || [];
    const columns = [data.times, ...lines.map((line) => line.values)];
    const names = lines.map((line) => line.name).join('\n');
    const current = state.plots[spec.key];
    // uPlot fixes its series at creation: redraw in place while the lines are the same, rebuild when they change.
    if (current && current.names === names) {
      current.plot.setData(columns);
      return;
    }

    if (current) current.plot.destroy();
    element.replaceChildren();
    state.plots[spec.key] = { names, plot: new uPlot(options(spec, lines, element), columns, element) };
  }

  function render(data) {
    state.data = data;
    for (const spec of SPECS) draw(spec, data);
  }

  function resize() {
    for (const spec of SPECS) {
      const current = state.plots[spec.key];
      if (current) current.plot.setSize({ width: width(document.querySelector(spec.target)), height: HEIGHT });
    }
  }

  window.addEventListener('resize', resize);
  window.opsCharts = state;
  return { render };
})();
