// The controls of a recording the server plays (agentgraph --replay FILE): the same bar as an
// exported run, but the server keeps the time and does the jumps (its reducers rebuild the state
// at the chosen moment and send the page a fresh snapshot on its connection). The bar shows what
// GET /api/replay says, asked twice a second; what the user does is POSTed there.

import { PlayerBar } from './player-bar.js';

const POLL_MS = 500;

/** True when /api/stats shows a running replay: only then is there an /api/replay to ask. */
export function replaying(stats) {
  const replay = stats && stats.components && stats.components.replay;
  return !!replay && replay.state === 'running';
}

export class ServerPlayer {
  /**
   * @param root the #player element
   * @param url of /api/replay (with the page's token, if any)
   */
  constructor(root, url) {
    this.url = url;
    this.last = null;
    this.bar = new PlayerBar(root, {
      seek: (ms) => this.seek(ms),
      toggle: () => this.send(this.last && this.last.playing ? { action: 'pause' } : { action: 'play' }),
      speed: (x) => this.send({ action: 'speed', speed: x }),
    }, false);
    this.poll();
  }

  seek(ms) {
    return this.send({ action: 'seek', ms: Math.max(0, Math.round(ms)) });
  }

  async poll() {
    try {
      const res = await fetch(this.url, { cache: 'no-store', credentials: 'same-origin' });
      if (res.ok) this.showState(await res.json());
    } catch (e) {
      // The server is restarting or gone; the connection badge says so. Ask again later.
    }
    setTimeout(() => this.poll(), POLL_MS);
  }

  async send(command) {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        cache: 'no-store',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(command),
      });
      if (res.ok) this.showState(await res.json());
    } catch (e) {
      // Not reached: the next poll shows where the replay is.
    }
  }

  showState(s) {
    if (!s || typeof s !== 'object') return;
    this.last = s;
    const length = Number(s.length_ms) || 0;
    this.bar.show(Math.min(Number(s.position_ms) || 0, length), length, s.playing === true);
    const speed = Number(s.speed);
    if (speed > 0 && !this.bar.dragging) this.bar.speeds(speed);
  }

  state() {
    const s = this.last || {};
    return {
      t: Number(s.position_ms) || 0,
      start: 0,
      end: Number(s.length_ms) || 0,
      playing: s.playing === true,
      speed: Number(s.speed) || 1,
      server: true,
    };
  }
}
