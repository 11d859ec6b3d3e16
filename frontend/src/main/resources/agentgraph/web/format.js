// Small, total formatting helpers: every input may be missing or of the wrong type.

/** A string value, or '' for anything that is not a string or a finite number. */
export function str(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

/** A finite number, or null. Numeric strings count: producers are not all strict. */
export function num(v) {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Milliseconds since the epoch from an ISO time or a number, or null. */
export function time(v) {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** Keeps long strings from stretching labels and cards; the card shows the rest on demand. */
export function clip(s, max) {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** "4s", "3m 12s", "2h 05m". */
export function age(ms) {
  if (ms == null || !Number.isFinite(ms)) return '–';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  if (m < 60) return m + 'm ' + String(s % 60).padStart(2, '0') + 's';
  const h = Math.floor(m / 60);
  return h + 'h ' + String(m % 60).padStart(2, '0') + 'm';
}

export function compact(n) {
  if (n >= 1e6) return (n / 1e6).toFixed(n >= 1e7 ? 0 : 1) + 'M';
  if (n >= 1e3) return (n / 1e3).toFixed(n >= 1e4 ? 0 : 1) + 'k';
  return String(Math.round(n));
}

/**
 * Tokens are either a number or an object of counts (input, output, cache reads…). Returns a
 * one-line text such as "12.3k (input 1.2k · output 3.4k · cache_read 7.7k)", or ''.
 */
export function tokens(v) {
  const n = num(v);
  if (n != null) return compact(n);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return '';
  let total = 0;
  const parts = [];
  for (const [k, x] of Object.entries(v)) {
    const c = num(x);
    if (c == null || c === 0) continue;
    total += c;
    parts.push(k + ' ' + compact(c));
  }
  if (parts.length === 0) return '';
  return compact(total) + ' (' + parts.join(' · ') + ')';
}

export function cost(v) {
  const n = num(v);
  if (n == null) return '';
  return '$' + (n < 0.01 ? n.toFixed(4) : n.toFixed(2));
}

/** The last part of a path, for project labels: "/home/dev/shop" → "shop". */
export function basename(path) {
  // A loop, not /[\\/]+$/: that pattern is quadratic on a long run of slashes (untrusted cwd).
  const s = str(path);
  let end = s.length;
  while (end > 0 && (s[end - 1] === '/' || s[end - 1] === '\\')) end--;
  const p = s.slice(0, end);
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

/** The agent runtimes the page marks on their sessions' centres; any other gets its first two letters. */
const RUNTIME_MARKS = { 'claude-code': 'CC', codex: 'CX', gemini: 'GM' };

/** The short mark of a session's runtime on its centre: CC, CX, GM…, or '' when unknown. */
export function runtimeMark(runtime) {
  const r = str(runtime).slice(0, 64).toLowerCase();
  if (!r) return '';
  return RUNTIME_MARKS[r] || r.replace(/[^a-z0-9]/g, '').slice(0, 2).toUpperCase();
}
