// The WebSocket to /stream: reconnects with exponential backoff (1 s doubling to 30 s) and
// reports its state as "connecting", "connected", "reconnecting" or "disconnected".

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
// The server pings every 30 s; a link that is silent much longer is dead without having closed.
const SILENCE_LIMIT_MS = 75000;
// After this many failed attempts in a row (about 30 s), retrying goes on but is not expected to help soon.
const ATTEMPTS_BEFORE_DISCONNECTED = 5;

/** The stream URL of the page's own origin, with the page's token if it has one. */
export function streamUrl(loc = window.location) {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(loc.search).get('token');
  return scheme + '//' + loc.host + '/stream' + (token ? '?token=' + encodeURIComponent(token) : '');
}

/** A same-origin HTTP path with the page's token if it has one (the page cookie usually suffices). */
export function apiUrl(path, loc = window.location) {
  const token = new URLSearchParams(loc.search).get('token');
  return path + (token ? '?token=' + encodeURIComponent(token) : '');
}

/** The delay before retry number {@code attempt} (0-based), with a little jitter so tabs spread out. */
export function backoff(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt, 10));
  return Math.min(MAX_DELAY_MS, Math.round(base * (1 + 0.1 * random())));
}

export class Connection {
  /**
   * @param url the stream URL
   * @param onFrame called with each parsed frame (snapshot, event, ping); a batch
   *     {"type":"events","data":[event frames]} is unpacked into one call per event frame
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
      if (frame && frame.type === 'events' && Array.isArray(frame.data)) {
        frame.data.forEach((event) => this.onFrame(event));
      } else {
        this.onFrame(frame);
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.scheduleRetry();
    };
  }

  scheduleRetry() {
    clearInterval(this.watchdog);
    this.watchdog = null;
    const delay = backoff(this.attempt);
    this.attempt++;
    const hopeless = !navigator.onLine || this.attempt > ATTEMPTS_BEFORE_DISCONNECTED;
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

  /** Drops the current socket and dials again at once, for a fresh snapshot. */
  resync() {
    this.drop();
    this.retryNow();
  }

  watch() {
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (!this.ws || Date.now() - this.lastFrameAt <= SILENCE_LIMIT_MS) return;
      // A dead link may take minutes to report its close: drop it and dial again now.
      this.drop();
      this.scheduleRetry();
    }, 5000);
  }

  drop() {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    ws.onclose = null;
    ws.onmessage = null;
    ws.close();
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.onState(state);
  }
}
