// Calling the user back: opt-in browser notifications when a session (or a sub-agent) waits for
// permission or an agent fails, and the tab title, which says how many wait and how many failed
// since the tab was last looked at.

const KEY = 'agentgraph.notify';
const TITLE = 'AgentGraph';
const KEPT = 20; // notifications remembered for state()

export class Notifier {
  constructor(button, model) {
    this.button = button;
    this.model = model;
    this.enabled = false;
    this.unseenFailures = 0;
    this.sent = [];
    this.shown = 0;
    let saved = null;
    try {
      saved = localStorage.getItem(KEY);
    } catch (e) {
      saved = null; // storage may be disabled
    }
    this.set(saved === '1' && permission() === 'granted');
    button.addEventListener('click', () => this.toggle());
    const seen = () => {
      if (document.hidden) return;
      this.unseenFailures = 0;
      this.title();
    };
    document.addEventListener('visibilitychange', seen);
    window.addEventListener('focus', seen);
  }

  async toggle() {
    if (this.enabled) return this.set(false);
    if (permission() === 'unsupported') return this.set(false);
    const answer = permission() === 'granted' ? 'granted' : await Notification.requestPermission();
    this.set(answer === 'granted');
  }

  set(on) {
    this.enabled = on;
    this.button.setAttribute('aria-pressed', String(on));
    this.button.title = permission() === 'denied'
      ? 'Notifications are blocked for this page in the browser settings'
      : 'Notify me when a session waits for permission or an agent fails';
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch (e) {
      // the choice holds for this page only
    }
  }

  /** Looks at one frame's model effects for waits and failures. */
  handle(effects) {
    for (const ef of effects) {
      if (ef.kind !== 'alert') continue;
      if (ef.reason === 'failed') this.unseenFailures++;
      this.notify(ef);
    }
    this.title();
  }

  notify(ef) {
    if (!this.enabled || permission() !== 'granted') return;
    const n = ef.node;
    const centre = this.model.sessions.get(n.session);
    const where = (centre && centre.project) || n.session;
    const who = n.kind === 'centre' ? where : (n.type || n.id) + ' in ' + where;
    const title = ef.reason === 'waiting' ? who + ' waits for you' : who + ' failed';
    const body = (ef.message || '').slice(0, 200);
    try {
      const note = new Notification(title, { body, tag: ef.reason + ':' + n.key });
      note.onshow = () => this.shown++;
      note.onclick = () => window.focus();
    } catch (e) {
      return; // some browsers only allow notifications from a service worker
    }
    this.sent.push({ title, body, reason: ef.reason });
    if (this.sent.length > KEPT) this.sent.shift();
  }

  title() {
    let waiting = 0;
    for (const c of this.model.sessions.values()) if (c.waiting) waiting++;
    for (const a of this.model.agents.values()) if (a.waiting) waiting++;
    const parts = [];
    if (waiting) parts.push('⏸ ' + waiting + ' waiting');
    if (this.unseenFailures) parts.push('✕ ' + this.unseenFailures + ' failed');
    const text = parts.length ? parts.join(' · ') + ' — ' + TITLE : TITLE;
    if (document.title !== text) document.title = text;
  }

  state() {
    return { enabled: this.enabled, permission: permission(), sent: this.sent.map((s) => ({ ...s })), shown: this.shown };
  }
}

function permission() {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
