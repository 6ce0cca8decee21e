'use strict';
// Bloom's gallery screen: loops the films, cross-fading at each loop point, or shows a live run's
// newest frame and falls back to the loop when the run ends. Unattended for days: it reports where
// it is (so a power cut resumes there), recovers from a server restart and a stalled film by
// itself, and keeps no history (memory stays flat).
(() => {
  const params = new URLSearchParams(location.search);
  const rate = Math.max(0.25, Math.min(16, Number(params.get('rate')) || 1)); // >1 only to soak-test compressed playback
  const $ = id => document.getElementById(id);
  const players = [$('a'), $('b')];
  const G = { films: [], crossfade: 2, film: 0, active: 0, mode: 'starting', liveFrames: 0, loops: 0, hellos: 0,
              errors: 0, fading: false };
  window.gallery = G;
  let es = null, lastLive = 0;

  function note(text) { $('note').textContent = text; }
  function fadeSeconds(p) { return Math.min(G.crossfade, (p.duration || 4) / 4) / rate; }

  async function load() {
    try {
      const r = await fetch('/api/gallery', { cache: 'no-store' });
      const d = await r.json();
      G.films = d.films; G.crossfade = d.crossfade;
      return d;
    } catch (e) {
      return null;
    }
  }

  async function start() {
    const d = await load();
    if (!d) { setTimeout(start, 2000); return; } // the server is not up yet: try again
    if (d.live) { follow(); }
    if (!d.live || G.mode !== 'live') { loop(d.resume.film, d.resume.time); }
  }

  // --- the loop ---------------------------------------------------------------------------
  function loop(film, time) {
    if (!G.films.length) { note(''); G.mode = 'waiting'; return; }
    G.mode = 'loop';
    $('live').classList.remove('shown');
    play(players[G.active], film % G.films.length, time || 0, true);
  }

  function play(p, film, time, show) {
    G.film = film;
    p.playbackRate = rate;
    p.src = G.films[film].url;
    p.currentTime = time;
    p.style.transitionDuration = fadeSeconds(p) + 's';
    p.play().catch(() => {});
    if (show) { p.classList.add('shown'); }
  }

  players.forEach((p, i) => {
    p.addEventListener('loadedmetadata', () => { p.playbackRate = rate; p.style.transitionDuration = fadeSeconds(p) + 's'; });
    p.addEventListener('timeupdate', () => {
      if (G.mode !== 'loop' || i !== G.active || G.fading || !p.duration) { return; }
      if (p.duration - p.currentTime <= fadeSeconds(p) * rate) { crossfade(); }
    });
    p.addEventListener('ended', () => { if (G.mode === 'loop' && i === G.active && !G.fading) { crossfade(); } });
    p.addEventListener('error', () => recover());
    p.addEventListener('stalled', () => setTimeout(() => { if (p.readyState < 3 && i === G.active) { recover(); } }, 5000));
  });

  function crossfade() {
    G.fading = true;
    const from = players[G.active], to = players[1 - G.active];
    const next = (G.film + 1) % G.films.length;
    play(to, next, 0, false);
    requestAnimationFrame(() => { to.classList.add('shown'); from.classList.remove('shown'); });
    setTimeout(() => {
      from.pause(); from.removeAttribute('src'); from.load(); // let go of the old film's buffers
      G.active = 1 - G.active; G.fading = false; G.loops++;
    }, fadeSeconds(to) * 1000 + 100);
  }

  let recovering = false;
  async function recover() {
    if (recovering) { return; }
    recovering = true; G.errors++;
    const p = players[G.active], film = G.film, time = p.currentTime || 0;
    setTimeout(async () => {
      recovering = false;
      const d = await load();
      if (!d) { recover(); return; } // still down: try again
      if (G.mode === 'loop') { G.fading = false; play(players[G.active], Math.min(film, G.films.length - 1), time, true); }
    }, 2000);
  }

  // where the loop stands, for a start after a power cut
  setInterval(() => {
    if (G.mode !== 'loop') { return; }
    const p = players[G.active];
    fetch('/api/gallery/position', { method: 'POST', body: new URLSearchParams({ film: String(G.film), time: String(p.currentTime || 0) }) })
      .catch(() => {});
  }, 5000);

  // --- a live run -------------------------------------------------------------------------
  const RUNNING = ['training', 'paused', 'rendering', 'stopping'];
  function follow() {
    es = new EventSource('/events');
    es.addEventListener('hello', e => {
      G.hellos++;
      const d = JSON.parse(e.data);
      if (RUNNING.includes(d.state.state)) { goLive(); } else if (G.mode === 'live') { backToLoop(); }
    });
    es.addEventListener('state', e => {
      const s = JSON.parse(e.data).state;
      if (RUNNING.includes(s)) { goLive(); } else if (G.mode === 'live') { backToLoop(); }
    });
    es.addEventListener('frame', e => {
      if (G.mode !== 'live') { return; }
      const d = JSON.parse(e.data);
      lastLive = Date.now();
      G.liveFrames++;
      $('live').src = 'data:image/jpeg;base64,' + d.jpeg;
    });
  }
  function goLive() {
    if (G.mode === 'live') { return; }
    G.mode = 'live'; lastLive = Date.now();
    players.forEach(p => { p.classList.remove('shown'); p.pause(); });
    $('live').classList.add('shown');
  }
  async function backToLoop() {
    G.mode = 'ending';
    await load(); // the run's own film is part of the loop once it is finished
    loop(G.films.length - 1, 0);
  }
  // a live run that went silent (its process killed) gives the screen back to the loop
  setInterval(() => { if (G.mode === 'live' && Date.now() - lastLive > 30000) { backToLoop(); } }, 5000);

  document.addEventListener('click', () => { if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen().catch(() => {}); } });
  start();
})();
