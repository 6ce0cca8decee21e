'use strict';
// Bloom's live page: state from one Server-Sent Events stream, frames pushed as they are rendered.
// Every text a run supplies (marks, names) goes into the page through textContent, never as markup.
(() => {
  const token = new URLSearchParams(location.search).get('token') || '';
  const q = token ? '?token=' + encodeURIComponent(token) : '';
  const $ = id => document.getElementById(id);
  // steps: [step, loss, gradNorm, updateNorm, updateRatio, finite]
  const S = { steps: [], evaluations: [], events: [], anomalies: [], frames: 0, shown: -1, follow: true,
              state: '', latest: null, stepArrived: new Map(), latencies: [], pushDelays: [], framesReceived: 0, hellos: 0 };
  window.bloom = S; // for people poking at the page, and for its tests

  const es = new EventSource('/events' + q);
  fetch('/api/state' + q).then(r => {
    if (r.status === 403) {
      es.close();
      $('state').textContent = 'no access';
      $('no-frame').textContent = 'This run\u2019s page needs its token: open the address bloom printed (\u2026/?token=\u2026).';
    }
  });
  es.addEventListener('hello', e => {
    const d = JSON.parse(e.data);
    S.hellos++;
    S.steps = d.steps; S.evaluations = d.evaluations; S.events = d.events; S.anomalies = d.anomalies;
    S.frames = d.frames; S.state = d.state.state;
    $('run-name').textContent = d.run;
    $('run-name').title = d.description;
    $('controls').hidden = !d.controls;
    rebuildLists(); counters(); draw();
    if (S.frames === 0) { $('no-frame').hidden = false; }
  });
  es.addEventListener('restart', () => { S.steps = []; S.evaluations = []; S.events = []; S.anomalies = []; S.frames = 0; rebuildLists(); counters(); draw(); });
  es.addEventListener('steps', e => {
    const now = performance.now();
    for (const s of JSON.parse(e.data)) { S.steps.push(s); S.stepArrived.set(s[0], now); }
    countersSoon(); scheduleDraw();
  });
  es.addEventListener('frame', e => {
    const d = JSON.parse(e.data);
    S.framesReceived++;
    S.frames = Math.max(S.frames, d.frames);
    S.latest = d;
    const arrived = S.stepArrived.get(d.step);
    if (arrived !== undefined) { S.latencies.push(performance.now() - arrived); S.stepArrived.delete(d.step); }
    if (S.stepArrived.size > 5000) { S.stepArrived.clear(); }
    if (d.written) { S.pushDelays.push(Date.now() - d.written); } // rendered -> shown
    if (S.latencies.length > 10000) { S.latencies.splice(0, 5000); S.pushDelays.splice(0, 5000); }
    if (S.follow) { showSoon(d); }
    countersSoon();
  });
  // At most ten frames and four redraws of the chart a second: the page is for watching, and a
  // browser on the training machine should take as little of it as it can.
  let frameTimer = null, pendingFrame = null;
  function showSoon(d) {
    pendingFrame = d;
    if (frameTimer === null) {
      frameTimer = setTimeout(() => { frameTimer = null; if (S.follow && pendingFrame) { show(pendingFrame.frame, 'data:image/jpeg;base64,' + pendingFrame.jpeg); } }, 100);
    }
  }
  let counterTimer = null;
  function countersSoon() { if (counterTimer === null) { counterTimer = setTimeout(() => { counterTimer = null; counters(); }, 100); } }
  es.addEventListener('evaluation', e => { S.evaluations.push(JSON.parse(e.data)); counters(); scheduleDraw(); });
  es.addEventListener('event', e => { const ev = JSON.parse(e.data); S.events.push(ev); addItem($('events'), ev.step, describeEvent(ev)); scheduleDraw(); });
  es.addEventListener('anomaly', e => { const a = JSON.parse(e.data); S.anomalies.push(a); addItem($('flags'), a.batch, describeAnomaly(a), a.frame); scheduleDraw(); });
  es.addEventListener('state', e => { S.state = JSON.parse(e.data).state; counters(); });
  es.onerror = () => { $('state').textContent = 'reconnecting'; $('state').className = 'state'; };

  function counters() {
    const last = S.steps[S.steps.length - 1];
    $('batch-no').textContent = last ? String(last[0]) : '0';
    $('frame-count').textContent = String(S.frames);
    $('loss').textContent = last ? (last[5] ? last[1].toFixed(2) : 'NaN') : '–';
    const ev = S.evaluations[S.evaluations.length - 1];
    $('bleu').textContent = ev ? ev.bleu.toFixed(1) : '–';
    $('state').textContent = S.state || 'connected';
    $('state').className = 'state ' + S.state;
    const scrub = $('scrub');
    scrub.max = String(Math.max(0, S.frames - 1));
    if (S.follow && S.frames > 0) { scrub.value = String(S.frames - 1); }
  }

  function show(frame, src) {
    if (frame < 0 || frame >= Math.max(S.frames, frame + 1)) { return; }
    S.shown = frame;
    $('frame').src = src || ('/frames/' + frame + '.jpg' + q);
    $('no-frame').hidden = true;
    $('frame-no').textContent = String(frame);
    const s = S.steps[frame];
    $('shown-batch').textContent = s ? String(s[0]) : '–';
    $('shown-detail').textContent = s ? ('· loss ' + (s[5] ? s[1].toFixed(3) : 'not finite') + ' · update ' + s[3].toExponential(2)
      + flagsAt(s[0])) : '';
    $('scrub').value = String(frame);
    scheduleDraw();
  }

  function flagsAt(batch) {
    const f = S.anomalies.filter(a => a.batch === batch).map(a => a.rule);
    const e = S.events.filter(v => v.step === batch).map(v => v.kind);
    return (f.length ? ' · flagged: ' + f.join(', ') : '') + (e.length ? ' · ' + e.join(', ') : '');
  }

  function scrubTo(frame) {
    if (S.frames === 0) { return; }
    frame = Math.max(0, Math.min(S.frames - 1, frame));
    S.follow = frame === S.frames - 1 && S.follow;
    $('follow').checked = S.follow;
    show(frame);
  }

  $('scrub').addEventListener('input', e => { S.follow = false; $('follow').checked = false; show(Number(e.target.value)); });
  $('follow').addEventListener('change', e => { S.follow = e.target.checked; if (S.follow && S.latest) { show(S.latest.frame, 'data:image/jpeg;base64,' + S.latest.jpeg); } });
  document.addEventListener('keydown', e => {
    if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') { return; }
    if (e.key === 'ArrowRight') { S.follow = false; $('follow').checked = false; scrubTo(S.shown + 1); }
    else if (e.key === 'ArrowLeft') { S.follow = false; $('follow').checked = false; scrubTo(S.shown - 1); }
    else if (e.key === 'End') { S.follow = true; $('follow').checked = true; scrubTo(S.frames - 1); }
  });

  function describeEvent(ev) {
    const words = { 'learning-rate': 'learning rate set to ', mark: 'mark: ', inject: 'fault injected: ' };
    return 'batch ' + ev.step + ': ' + (words[ev.kind] !== undefined ? words[ev.kind] + ev.text : ev.kind);
  }
  function describeAnomaly(a) {
    const v = typeof a.value === 'number' ? a.value.toPrecision(3) : a.value;
    return 'batch ' + a.batch + (a.until ? '–' + a.until : '') + ': ' + a.rule + ' (' + v + ')';
  }
  function frameOfBatch(batch) {
    let lo = 0, hi = S.steps.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (S.steps[mid][0] < batch) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  function addItem(list, batch, text, frame) {
    const li = document.createElement('li');
    li.textContent = text;
    li.addEventListener('click', () => { S.follow = false; $('follow').checked = false; scrubTo(frame !== undefined ? frame : frameOfBatch(batch)); });
    list.appendChild(li);
  }
  function rebuildLists() {
    $('flags').replaceChildren(); $('events').replaceChildren();
    S.anomalies.forEach(a => addItem($('flags'), a.batch, describeAnomaly(a), a.frame));
    S.events.forEach(ev => addItem($('events'), ev.step, describeEvent(ev)));
  }

  // Controls: each POST carries the token; what took effect comes back as an event in the stream.
  async function control(kind, text) {
    const status = $('control-status');
    try {
      const r = await fetch('/api/control', { method: 'POST', headers: { 'X-Bloom-Token': token },
        body: new URLSearchParams({ kind, text: text || '' }) });
      const d = await r.json();
      status.textContent = r.ok ? ('sent: ' + kind + (text ? ' ' + text : '') + ' (applies after the current batch)') : ('refused: ' + d.error);
    } catch (err) {
      status.textContent = 'not sent: ' + err.message;
    }
  }
  $('pause').addEventListener('click', () => control('pause'));
  $('resume').addEventListener('click', () => control('resume'));
  $('stop').addEventListener('click', () => control('stop'));
  $('set-lr').addEventListener('click', () => control('learning-rate', $('lr').value));
  $('mark').addEventListener('click', () => { control('mark', $('mark-text').value); $('mark-text').value = ''; });
  $('inject').addEventListener('click', () => control('inject', $('fault').value));

  // The timeline: five strips (loss, gradient norm, update norm, update ratio on log scales where
  // they span decades, validation BLEU), anomalies in red, events in blue, the frame shown in white.
  const SERIES = [
    { name: 'loss', col: 1, log: false, color: '#f0a35e' },
    { name: 'gradient norm', col: 2, log: true, color: '#c98bff' },
    { name: 'update norm', col: 3, log: true, color: '#6fd3a0' },
    { name: 'update ratio', col: 4, log: true, color: '#e8e16a' },
    { name: 'valid BLEU', col: -1, log: false, color: '#5fb3ff' }];
  let drawPending = false, lastDraw = 0;
  function scheduleDraw() {
    if (drawPending) { return; }
    drawPending = true;
    setTimeout(() => requestAnimationFrame(() => { drawPending = false; lastDraw = performance.now(); draw(); }),
      Math.max(0, 250 - (performance.now() - lastDraw)));
  }
  function draw() {
    const c = $('timeline');
    const dpr = window.devicePixelRatio || 1;
    const W = Math.max(100, Math.round(c.clientWidth * dpr)), H = Math.round(c.clientHeight * dpr);
    if (c.width !== W || c.height !== H) { c.width = W; c.height = H; }
    const g = c.getContext('2d');
    g.clearRect(0, 0, W, H);
    const n = S.steps.length;
    const left = 110 * dpr, right = W - 10 * dpr, strip = H / SERIES.length;
    const lastStep = n ? S.steps[n - 1][0] : 1, firstStep = n ? S.steps[0][0] : 0;
    const xOf = step => left + (right - left) * (n <= 1 ? 0 : (step - firstStep) / Math.max(1, lastStep - firstStep));
    g.font = (11 * dpr) + 'px system-ui, sans-serif';
    SERIES.forEach((s, i) => {
      const top = i * strip + 4 * dpr, h = strip - 8 * dpr;
      g.fillStyle = '#8a8f98';
      g.fillText(s.name, 8 * dpr, top + 12 * dpr);
      let pts;
      if (s.col < 0) { pts = S.evaluations.map(e => [e.step, e.bleu]); }
      else {
        // one min-max pair per pixel column: a 24,000-step run draws as fast as a short one
        const cols = Math.max(1, Math.round(right - left)), per = Math.max(1, Math.ceil(n / cols));
        pts = [];
        for (let j = 0; j < n; j += per) {
          let lo = Infinity, hi = -Infinity;
          for (let k = j; k < Math.min(n, j + per); k++) { const v = S.steps[k][s.col]; if (S.steps[k][5] && v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }
          if (lo <= hi) { pts.push([S.steps[j][0], lo]); if (hi !== lo) { pts.push([S.steps[j][0], hi]); } }
        }
      }
      if (!pts.length) { return; }
      const f = v => s.log ? Math.log10(v) : v;
      let lo = Infinity, hi = -Infinity;
      pts.forEach(p => { const v = f(p[1]); lo = Math.min(lo, v); hi = Math.max(hi, v); });
      if (hi - lo < 1e-12) { hi = lo + 1; }
      g.fillText((s.log ? Math.pow(10, hi).toExponential(1) : hi.toFixed(1)), 8 * dpr, top + 26 * dpr);
      g.strokeStyle = s.color; g.lineWidth = dpr; g.beginPath();
      pts.forEach((p, j) => { const x = xOf(p[0]), y = top + h - (f(p[1]) - lo) / (hi - lo) * h; if (j) { g.lineTo(x, y); } else { g.moveTo(x, y); } });
      g.stroke();
    });
    g.globalAlpha = 0.8;
    g.fillStyle = '#ff5a5f';
    S.anomalies.forEach(a => { g.fillRect(xOf(a.batch) - dpr, 0, 2 * dpr, H); });
    g.fillStyle = '#5fb3ff';
    const stacked = new Map(); // labels of events at the same place go one above the other
    S.events.forEach(ev => {
      const x = xOf(ev.step), key = Math.round(x / (40 * dpr)), k = stacked.get(key) || 0;
      stacked.set(key, k + 1);
      g.fillRect(x - dpr, 0, 2 * dpr, H);
      g.fillText(ev.kind === 'mark' ? ev.text.slice(0, 40) : ev.kind, x + 3 * dpr, H - (4 + 13 * k) * dpr);
    });
    g.globalAlpha = 1;
    if (S.shown >= 0 && S.shown < n) { g.fillStyle = '#ffffff'; g.fillRect(xOf(S.steps[S.shown][0]) - dpr / 2, 0, dpr, H); }
    c.onclick = e => {
      if (!n) { return; }
      const r = c.getBoundingClientRect();
      const step = firstStep + ((e.clientX - r.left) * dpr - left) / (right - left) * (lastStep - firstStep);
      S.follow = false; $('follow').checked = false;
      scrubTo(Math.min(S.frames - 1, frameOfBatch(Math.round(step))));
    };
  }
  window.addEventListener('resize', scheduleDraw);
})();
