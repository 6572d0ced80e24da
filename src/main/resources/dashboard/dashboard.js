// The live dashboard: one Server-Sent Events stream, state kept here, redrawn at most once per frame.
(() => {
  const $ = (id) => document.getElementById(id);
  const MAX_ALERTS = 50, MAX_DEVICE_SERIES = 8;
  const COLORS = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#4e342e'];
  let state, source, instance = null, dirty = false, live = false;

  function reset() {
    state = { windows: { site: new Map(), device: new Map() }, alerts: [], dlq: new Map(), devices: new Set() };
    $('alerts').replaceChildren();
  }

  function connect() {
    const device = $('device').value;
    if (source) source.close();
    source = new EventSource('/events' + (device ? '?device=' + encodeURIComponent(device) : ''));
    source.addEventListener('hello', (e) => {
      const id = JSON.parse(e.data).instance;
      if (id !== instance) { instance = id; reset(); }   // a restarted server resends its history
      live = false;
      banner(null);
    });
    source.addEventListener('live', () => { live = true; });   // history replayed; what follows is new
    source.addEventListener('aggregate', (e) => onAggregate(JSON.parse(e.data)));
    source.addEventListener('alert', (e) => onAlert(JSON.parse(e.data)));
    source.addEventListener('deadLetter', (e) => onDeadLetter(JSON.parse(e.data)));
    source.addEventListener('metrics', (e) => onMetrics(JSON.parse(e.data)));
    source.onerror = () => banner('Connection to the dashboard server lost: reconnecting…');
  }

  function onAggregate(p) {
    const s = p.stats, key = s.key + '@' + s.windowStart;
    state.windows[p.scope].set(key, s);
    if (p.scope === 'device') state.devices.add(s.key);
    if (live) LabLatency.record(p);
    schedule();
  }

  function onAlert(a) {
    state.alerts.unshift(a);
    state.alerts.length = Math.min(state.alerts.length, MAX_ALERTS);
    schedule();
  }

  function onDeadLetter(d) {
    const r = state.dlq.get(d.reason) || { count: 0, detail: '' };
    r.count++; r.detail = d.detail;
    state.dlq.set(d.reason, r);
    schedule();
  }

  function onMetrics(m) {
    banner(m.reachable ? null : m.message);
    $('kpi-in').textContent = m.inPerSec.toFixed(0);
    $('kpi-out').textContent = m.outPerSec.toFixed(0);
    $('kpi-lag').textContent = m.lag;
    $('kpi-dlq').textContent = m.deadLettersPerSec.toFixed(1);
    $('kpi-brokers').textContent = m.brokersUp;
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
    const since = Date.now() - Number($('range').value) * 60_000;
    $('waiting').classList.toggle('hidden', state.windows.site.size + state.windows.device.size > 0);
    LabLatency.show($('kpi-latency'));
    renderDeviceOptions();
    renderLatest('latest-sites', state.windows.site);
    renderLatest('latest-devices', state.windows.device);
    chart('chart-sites', state.windows.site, since, Infinity);
    chart('chart-devices', state.windows.device, since, MAX_DEVICE_SERIES);
    renderAlerts();
    renderDeadLetters();
  }

  function renderDeviceOptions() {
    const select = $('device'), known = new Set([...select.options].map((o) => o.value));
    [...state.devices].sort().filter((d) => !known.has(d)).forEach((d) => select.add(new Option(d, d)));
  }

  // The newest window of each key, with its exact figures in data attributes (read by the browser test).
  function latestByKey(windows) {
    const latest = new Map();
    for (const s of windows.values()) {
      const cur = latest.get(s.key);
      if (!cur || s.windowStart > cur.windowStart) latest.set(s.key, s);
    }
    return [...latest.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  function renderLatest(id, windows) {
    const rows = latestByKey(windows).map((s) => {
      const tr = document.createElement('tr');
      Object.assign(tr.dataset, { key: s.key, windowStart: s.windowStart, count: s.count, avg: s.temperatureAvg,
        min: s.temperatureMin, max: s.temperatureMax });
      [s.key, new Date(s.windowStart).toLocaleTimeString(), s.count, s.temperatureAvg.toFixed(2),
        s.temperatureMin.toFixed(1), s.temperatureMax.toFixed(1)].forEach((v) => {
        const td = document.createElement('td'); td.textContent = v; tr.appendChild(td);
      });
      return tr;
    });
    document.querySelector('#' + id + ' tbody').replaceChildren(...rows);
  }

  const charts = {};
  function chart(id, windows, since, maxSeries) {
    const byKey = new Map();
    for (const s of windows.values()) {
      if (s.windowStart < since) continue;
      if (!byKey.has(s.key)) byKey.set(s.key, new Map());
      byKey.get(s.key).set(s.windowStart / 1000, s.temperatureAvg);
    }
    const keys = [...byKey.keys()].sort((a, b) => byKey.get(b).size - byKey.get(a).size).slice(0, maxSeries).sort();
    const xs = [...new Set(keys.flatMap((k) => [...byKey.get(k).keys()]))].sort((a, b) => a - b);
    const data = [xs, ...keys.map((k) => xs.map((x) => byKey.get(k).get(x) ?? null))];
    const signature = keys.join('|');
    const el = $(id);
    if (!charts[id] || charts[id].signature !== signature) {
      if (charts[id]) charts[id].plot.destroy();
      const opts = { width: el.clientWidth || 600, height: 260, spanGaps: true,
        series: [{}, ...keys.map((k, i) => ({ label: k, stroke: COLORS[i % COLORS.length], width: 2, points: { size: 5 } }))],
        axes: [{}, { label: '°C' }] };
      charts[id] = { plot: new uPlot(opts, data, el), signature };
    } else {
      charts[id].plot.setData(data);
    }
  }

  function renderAlerts() {
    const items = state.alerts.map((a) => {
      const li = document.createElement('li');
      Object.assign(li.dataset, { type: a.type, severity: a.severity, device: a.deviceId, site: a.site });
      li.textContent = `${new Date(a.eventTime).toLocaleTimeString()} · ${a.severity} · ${a.type} · ${a.deviceId} (${a.site}) · ${a.message}`;
      return li;
    });
    $('alerts').replaceChildren(...items);
  }

  function renderDeadLetters() {
    const rows = [...state.dlq.entries()].sort((a, b) => b[1].count - a[1].count).map(([reason, r]) => {
      const tr = document.createElement('tr');
      Object.assign(tr.dataset, { reason, count: r.count });
      [reason, r.count, r.detail].forEach((v) => { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      return tr;
    });
    document.querySelector('#dlq tbody').replaceChildren(...rows);
  }

  $('device').addEventListener('change', () => { instance = null; connect(); });
  $('range').addEventListener('change', schedule);
  reset();
  LabLatency.sync();
  connect();
})();
