// Latency on one clock. The server stamps every event with pushedAt (its clock) and serves its clock on /api/clock;
// the page converts its own clock to the server's (offset from the fastest of a few round trips, uncertain by half
// that round trip), so "now" here and the server's stamps are comparable even when the browser's clock is hours
// off. Kafka -> page = (server now) - writtenAt, the output record's append time in Kafka: the broker's clock,
// which is the server's on one machine (and NTP-close in the cloud). Never Date.now() minus another machine's stamp.
window.LabLatency = (() => {
  const SAMPLES = 200, TRIES = 5, RESYNC_MS = 30_000;
  let offset = null, rtt = null;
  const kafkaToPage = [], serverToPage = [];

  async function syncOnce() {
    let best = null;
    for (let i = 0; i < TRIES; i++) {
      const t0 = Date.now();
      const r = await fetch('/api/clock', { cache: 'no-store' });
      const serverTime = (await r.json()).serverTime;
      const t1 = Date.now();
      if (!best || t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: serverTime - (t0 + t1) / 2 };
    }
    offset = best.offset; rtt = best.rtt;
  }

  function sync() {
    syncOnce().catch(() => {});
    setInterval(() => syncOnce().catch(() => {}), RESYNC_MS);
  }

  function push(arr, v) {
    arr.push(v);
    if (arr.length > SAMPLES) arr.shift();
  }

  // p has writtenAt (Kafka's append time) and pushedAt (the server's send time).
  function record(p) {
    if (offset === null || p.writtenAt == null || p.pushedAt == null) return;
    const serverNow = Date.now() + offset;
    push(kafkaToPage, serverNow - p.writtenAt);
    push(serverToPage, serverNow - p.pushedAt);
  }

  function stats(arr) {
    if (!arr.length) return null;
    const s = [...arr].sort((a, b) => a - b);
    return { p50: Math.round(s[Math.floor(s.length / 2)]), max: Math.round(s[s.length - 1]), n: s.length };
  }

  // Shows the figures in a tile element, with what they mean in data attributes (read by the browser tests).
  function show(el) {
    const k = stats(kafkaToPage), s = stats(serverToPage);
    if (!k) return;
    el.textContent = k.p50;
    Object.assign(el.dataset, { p50: k.p50, max: k.max, n: k.n, serverToPageP50: s.p50,
      clockOffset: Math.round(offset), rtt: rtt });
    el.title = `Kafka append -> page, p50 ${k.p50} ms, max ${k.max} ms over ${k.n} updates; of which server -> page `
      + `p50 ${s.p50} ms. Page clock converted to the server's (offset ${Math.round(offset)} ms, ±${Math.ceil(rtt / 2)} ms).`;
  }

  // The server's clock as best known here (the page's own until the first handshake answers).
  const serverNow = () => Date.now() + (offset ?? 0);

  return { sync, record, show, serverNow, summary: () => ({ kafkaToPage: stats(kafkaToPage), serverToPage: stats(serverToPage), offset, rtt }) };
})();
