// The WebSocket to /stream: reconnects with exponential backoff (1 s doubling to 30 s) and
// reports its state as "connecting", "connected", "reconnecting" or "disconnected".

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
// The server pings every 30 s; a link that is silent much longer is dead without having closed.
const SILENCE_LIMIT_MS = 75000;
// After this many failed attempts in a row, retrying is still done but no longer expected to help soon.
const ATTEMPTS_BEFORE_DISCONNECTED = 5;
// Close codes meaning the server refused us (policy, bad token): retrying will not fix it.
const REFUSED = new Set([1008, 4401, 4403]);

/** The stream URL of the page's own origin, with the page's token if it has one. */
export function streamUrl(loc = window.location) {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(loc.search).get('token');
  return scheme + '//' + loc.host + '/stream' + (token ? '?token=' + encodeURIComponent(token) : '');
}

/** The delay before retry number {@code attempt} (0-based), with a little jitter so tabs spread out. */
export function backoff(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt, 10));
  return Math.min(MAX_DELAY_MS, Math.round(base * (1 + 0.1 * random())));
}

export class Connection {
  /**
   * @param url the stream URL
   * @param onFrame called with each parsed frame (snapshot, event, ping)
   * @param onState called with the new state name when it changes
   */
  constructor(url, onFrame, onState) {
    this.url = url;
    this.onFrame = onFrame;
    this.onState = onState;
    this.state = '';
    this.attempt = 0;
    this.ws = null;
    this.retryTimer = null;
    this.watchdog = null;
    this.lastFrameAt = 0;
    this.refused = false;
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => this.setState('disconnected'));
  }

  start() {
    this.setState('connecting');
    this.open();
  }

  open() {
    this.retryTimer = null;
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.refused = false;
      this.lastFrameAt = Date.now();
      this.setState('connected');
      this.watch();
    };
    ws.onmessage = (m) => {
      this.lastFrameAt = Date.now();
      let frame;
      try {
        frame = JSON.parse(m.data);
      } catch (e) {
        return; // a frame we cannot read is skipped, not fatal
      }
      this.onFrame(frame);
    };
    ws.onclose = (c) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.refused = REFUSED.has(c.code);
      this.scheduleRetry();
    };
  }

  scheduleRetry() {
    clearInterval(this.watchdog);
    this.watchdog = null;
    const delay = backoff(this.attempt);
    this.attempt++;
    const hopeless = this.refused || !navigator.onLine || this.attempt > ATTEMPTS_BEFORE_DISCONNECTED;
    this.setState(hopeless ? 'disconnected' : 'reconnecting');
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  retryNow() {
    if (this.ws) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.setState('reconnecting');
    this.open();
  }

  watch() {
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      const ws = this.ws;
      if (!ws || Date.now() - this.lastFrameAt <= SILENCE_LIMIT_MS) return;
      // A dead link may take minutes to report its close: drop it and dial again now.
      this.ws = null;
      ws.onclose = null;
      ws.onmessage = null;
      ws.close();
      this.scheduleRetry();
    }, 5000);
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.onState(state);
  }
}
