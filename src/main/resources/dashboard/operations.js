// The operations view: one Server-Sent Events stream (the same as the domain view's), 'operations' events every
// 2 s drawn as tiles, two time charts and tables; aggregates only feed the latency tile.
(() => {
  const $ = (id) => document.getElementById(id);
  const HISTORY_MS = 15 * 60_000, MAX_SERIES = 8;
  const COLORS = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#4e342e'];
  let source, live = false, latest = null, dirty = false;
  const history = [];   // {t, lag: {group: n}, rate: {stage: r}}

  function connect() {
    source = new EventSource('/events');
    source.addEventListener('hello', () => { live = false; banner(null); });
    source.addEventListener('live', () => { live = true; });
    source.addEventListener('aggregate', (e) => { if (live) LabLatency.record(JSON.parse(e.data)); schedule(); });
    source.addEventListener('operations', (e) => onOperations(JSON.parse(e.data)));
    source.onerror = () => banner('Connection to the dashboard server lost: reconnecting…');
  }

  function onOperations(o) {
    latest = o;
    banner(o.reachable ? null : o.message);
    if (o.reachable) {
      const lag = {}, rate = {};
      o.groups.forEach((g) => { lag[g.group] = (lag[g.group] || 0) + g.lag; });
      o.stages.forEach((s) => { rate[s.stage] = s.outPerSec; });
      history.push({ t: o.time / 1000, lag, rate });
      while (history.length && history[0].t < (o.time - HISTORY_MS) / 1000) history.shift();
    }
    schedule();
  }

  function banner(text) {
    $('banner').textContent = text || '';
    $('banner').classList.toggle('hidden', !text);
  }

  function schedule() {
    if (!dirty) { dirty = true; requestAnimationFrame(render); }
  }

  function render() {
    dirty = false;
    LabLatency.show($('kpi-latency'));
    if (!latest) return;
    const o = latest;
    $('updated').textContent = 'updated ' + new Date(o.time).toLocaleTimeString();
    renderAlerts(o.alerts);
    renderCertificates(o.certificates);
    if (o.streamsE2eMs) $('ops-e2e').textContent = Math.round(o.streamsE2eMs[0]) + ' / ' + Math.round(o.streamsE2eMs[1]);
    if (!o.reachable) return;
    const brokers = $('ops-brokers');
    brokers.textContent = o.brokers.length;
    brokers.dataset.count = o.brokers.length;
    $('ops-controller').textContent = 'active controller: node ' + o.controller;
    const p = $('ops-partitions');
    p.textContent = o.partitions.underReplicated + ' / ' + o.partitions.offline;
    Object.assign(p.dataset, { underReplicated: o.partitions.underReplicated, offline: o.partitions.offline, total: o.partitions.total });
    $('ops-partitions-total').textContent = 'of ' + o.partitions.total + ' partitions in ' + o.partitions.topics + ' topics';
    $('ops-lag').textContent = o.pipelineLag;
    $('ops-lag').dataset.lag = o.pipelineLag;
    rows('stages', o.stages, (s) => ({ stage: s.stage, lag: s.lag, rate: s.outPerSec.toFixed(1) }),
      (s) => [s.stage, s.inputs.join(', ') || '(generator)', s.lag, s.outputs.join(', '), s.outPerSec.toFixed(1)]);
    rows('groups', [...o.groups].sort((a, b) => b.lag - a.lag || a.group.localeCompare(b.group)),
      (g) => ({ group: g.group, topic: g.topic, lag: g.lag }), (g) => [g.group, g.topic, g.lag]);
    const dirs = new Map(o.logDirs.map((d) => [d.broker, d]));
    rows('brokers', o.brokers, (b) => ({ broker: b.id, used: dirs.has(b.id) ? usedRatio(dirs.get(b.id)).toFixed(3) : '' }),
      (b) => [b.id, b.address, b.id === o.controller ? 'active controller' : 'broker',
        dirs.has(b.id) ? dirs.get(b.id).dir : '–', dirs.has(b.id) ? (100 * usedRatio(dirs.get(b.id))).toFixed(1) + ' %' : '–']);
    const items = o.partitions.examples.map((x) => { const li = document.createElement('li'); li.textContent = x; return li; });
    if (!items.length) { const li = document.createElement('li'); li.textContent = 'none: every partition has a leader and a full ISR'; items.push(li); }
    $('partitions').replaceChildren(...items);
    chart('chart-lag', history.map((h) => h.lag), 'records');
    chart('chart-throughput', history.map((h) => h.rate), 'records/s');
  }

  function usedRatio(d) { return d.totalBytes > 0 ? 1 - d.usableBytes / d.totalBytes : 0; }

  function rows(id, list, data, cells) {
    const trs = list.map((x) => {
      const tr = document.createElement('tr');
      Object.assign(tr.dataset, data(x));
      cells(x).forEach((v) => { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      return tr;
    });
    document.querySelector('#' + id + ' tbody').replaceChildren(...trs);
  }

  function renderAlerts(a) {
    const firing = a.active.filter((x) => x.state === 'firing');
    $('ops-alerts').textContent = a.source ? firing.length : '–';
    $('ops-alerts').dataset.firing = firing.length;
    $('ops-alerts-source').textContent = a.source ? 'Prometheus at ' + a.source : 'no Prometheus';
    $('alerts-note').textContent = a.error ? '(' + a.error + ')' : (a.active.length ? '' : '(none: all quiet)');
    $('alerts').replaceChildren(...a.active.map((x) => {
      const li = document.createElement('li');
      Object.assign(li.dataset, { alert: x.name, state: x.state, severity: (x.labels.severity || '').toUpperCase() });
      li.textContent = `${x.state} · ${x.name} · ${x.summary}` + (x.activeAt ? ` · since ${new Date(x.activeAt).toLocaleTimeString()}` : '');
      return li;
    }));
  }

  function renderCertificates(certs) {
    rows('certificates', certs, (c) => ({ endpoint: c.endpoint }), (c) => [c.endpoint, c.subject || c.error,
      c.error ? '–' : ((c.notAfterMillis - LabLatency.serverNow()) / 86_400_000).toFixed(1) + ' days']);
  }

  const charts = {};
  function chart(id, points, unit) {
    const keys = [...new Set(points.flatMap((p) => Object.keys(p)))].sort().slice(0, MAX_SERIES);
    const data = [history.map((h) => h.t), ...keys.map((k) => points.map((p) => p[k] ?? null))];
    const signature = keys.join('|');
    const el = $(id);
    if (!charts[id] || charts[id].signature !== signature) {
      if (charts[id]) charts[id].plot.destroy();
      const opts = { width: el.clientWidth || 600, height: 240, spanGaps: true,
        series: [{}, ...keys.map((k, i) => ({ label: k, stroke: COLORS[i % COLORS.length], width: 2 }))],
        axes: [{}, { label: unit }] };
      charts[id] = { plot: new uPlot(opts, data, el), signature };
    } else {
      charts[id].plot.setData(data);
    }
  }

  LabLatency.sync();
  connect();
})();
