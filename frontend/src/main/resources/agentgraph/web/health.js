// Collection health: is anything arriving? Read from the server's /api/stats every few
// seconds: per source its state, events, bad lines and the age of its last event; unknown events
// (schema drift: a runtime sent something the decoders do not know) and drops; and a warning
// when nothing has arrived for a while although sessions are open. summarise() is pure.

import { num, str, time, age } from './format.js';

const POLL_MS = 5000;
/** Open sessions and no event for this long: something in collection is likely broken. */
export const SILENT_WARNING_MS = 10 * 60 * 1000;
// Counters that mean "a line or request we could not use".
const BAD_COUNTERS = ['invalid_json', 'invalid_utf8', 'too_long', 'bad_requests', 'rejected', 'invalid'];

/**
 * The health of collection from one /api/stats answer.
 * @param stats the parsed JSON (anything: unknown shapes give an empty summary)
 * @param seen Map source id → {events, at}: when this page last saw each source's count change
 *        (updated here), for servers that do not report a last-event time
 * @param now epoch ms
 */
export function summarise(stats, seen, now) {
  const out = { sources: [], unknown: 0, drops: 0, file: '' };
  if (!stats || typeof stats !== 'object') return out;
  const components = stats.components && typeof stats.components === 'object' ? stats.components : {};
  for (const [id, c] of Object.entries(components)) {
    if (!c || typeof c !== 'object') continue;
    const counters = c.counters && typeof c.counters === 'object' ? c.counters : {};
    out.drops += num(c.drops) || 0;
    for (const [name, v] of Object.entries(counters)) {
      if (name.startsWith('unknown')) out.unknown += num(v) || 0;
    }
    if (str(c.kind) !== 'source') continue;
    const events = num(counters.events) ?? num(c.events_out) ?? 0;
    let bad = 0;
    for (const name of BAD_COUNTERS) bad += num(counters[name]) || 0;
    let last = time(c.last_event_at) ?? time(counters.last_event_at);
    const reportedAge = num(c.last_event_age_ms) ?? num(counters.last_event_age_ms);
    if (last == null && reportedAge != null) last = now - reportedAge;
    const before = seen.get(id);
    if (!before || before.events !== events) seen.set(id, { events, at: before ? now : null });
    if (last == null) last = seen.get(id).at;
    const file = str(c.file) || str(c.path) || str(counters.file);
    if (file && !out.file) out.file = file;
    out.sources.push({ id, state: str(c.state) || str(c.status) || '', events, bad, lastAt: last, file });
  }
  out.drops += (stats.pipeline && num(stats.pipeline.drops)) || 0;
  return out;
}

/** The warning to show, or '': sessions are open but nothing has arrived for a while. */
export function silenceWarning(openSessions, lastEventAt, now) {
  if (openSessions === 0 || lastEventAt == null) return '';
  const silent = now - lastEventAt;
  if (silent < SILENT_WARNING_MS) return '';
  return 'No event for ' + age(silent) + ' although ' + openSessions + ' session' + (openSessions === 1 ? ' is' : 's are')
    + ' open. Are the hooks still installed, and is the event file the one being written?';
}

export class HealthPanel {
  /** @param onStats called with each /api/stats answer as it came, for the page's other parts */
  constructor(root, model, url, onStats = () => {}) {
    this.root = root;
    this.onStats = onStats;
    this.model = model;
    this.url = url;
    this.seen = new Map();
    this.summary = null;
    this.error = '';
    this.button = root.querySelector('#health-toggle');
    this.body = root.querySelector('#health-body');
    this.warning = document.getElementById('silence-warning');
    this.button.addEventListener('click', () => {
      const open = this.button.getAttribute('aria-expanded') !== 'true';
      this.button.setAttribute('aria-expanded', String(open));
      this.body.hidden = !open;
      this.render();
    });
    this.poll();
    setInterval(() => this.poll(), POLL_MS);
    setInterval(() => this.render(), 1000);
  }

  async poll() {
    try {
      const res = await fetch(this.url, { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const stats = await res.json();
      this.onStats(stats);
      this.summary = summarise(stats, this.seen, Date.now());
      this.error = '';
    } catch (e) {
      this.error = 'stats unavailable (' + String(e && e.message ? e.message : e).slice(0, 80) + ')';
    }
    this.render();
  }

  /** The newest activity known: this page's last event, or the sessions' last activity from the snapshot. */
  lastActivity() {
    let last = this.model.counters.lastEventAt;
    for (const c of this.model.sessions.values()) {
      if (last == null || c.lastActivity > last) last = c.lastActivity;
    }
    return last;
  }

  render() {
    const now = Date.now();
    const warn = silenceWarning(this.model.sessions.size, this.lastActivity(), now);
    this.warning.hidden = warn === '';
    if (this.warning.textContent !== warn) this.warning.textContent = warn;
    const s = this.summary;
    const trouble = warn !== '' || this.error !== '' || (s && (s.drops > 0 || s.sources.some((x) => x.bad > 0)));
    this.root.setAttribute('data-health', trouble ? 'warning' : s ? 'ok' : 'unknown');
    this.button.querySelector('.value').textContent = this.error ? 'unknown' : trouble ? 'check' : s ? 'ok' : '…';
    if (this.body.hidden) return;
    const rows = [];
    if (this.error) rows.push(['stats', this.error]);
    if (s) {
      for (const src of s.sources) {
        rows.push([src.id, (src.state ? src.state + ' · ' : '') + 'events ' + src.events + ' · bad lines ' + src.bad + ' · last '
          + (src.lastAt == null ? 'none seen' : age(now - src.lastAt) + ' ago')]);
      }
      if (s.sources.length === 0) rows.push(['sources', 'none reported']);
      rows.push(['unknown events', String(s.unknown)]);
      rows.push(['drops', String(s.drops)]);
    }
    if (warn) rows.push(['warning', warn]);
    const dl = document.createElement('dl');
    for (const [k, v] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    }
    this.body.replaceChildren(dl);
  }

  /** The event file a source reports, if any (for the first-run hint). */
  file() {
    return this.summary ? this.summary.file : '';
  }
}
