// The card shown on hover (and kept on click) for a node: what it is, what it does, what it
// cost. Every value goes in through textContent.

import { age, clip, cost, tokens } from './format.js';

const PROMPT_MAX = 600;

export class Card {
  constructor(el, model) {
    this.el = el;
    this.model = model;
    this.node = null;
    this.pinned = false;
    setInterval(() => this.refresh(), 1000);
  }

  /** Shows the card for a node near a viewport point; a pinned card only moves on another pin. */
  show(node, x, y, pin) {
    if (this.pinned && !pin) return;
    this.pinned = pin;
    this.node = node;
    this.el.classList.toggle('pinned', pin);
    this.refresh();
    this.el.hidden = false;
    const w = this.el.offsetWidth;
    const h = this.el.offsetHeight;
    const left = x + 16 + w > window.innerWidth ? Math.max(8, x - 16 - w) : x + 16;
    const top = Math.min(Math.max(8, y + 16), Math.max(8, window.innerHeight - h - 48));
    this.el.style.left = left + 'px';
    this.el.style.top = top + 'px';
  }

  /** Hides the card unless pinned (or always, with force). */
  hide(force) {
    if (this.pinned && !force) return;
    this.pinned = false;
    this.node = null;
    this.el.hidden = true;
    this.el.classList.remove('pinned');
  }

  refresh() {
    const n = this.node;
    if (!n) return;
    const rows = n.kind === 'centre' ? this.centreRows(n) : this.agentRows(n);
    const title = document.createElement('h2');
    title.textContent = n.kind === 'centre' ? (n.project || 'session ' + n.session) : (n.type || 'agent');
    const sub = document.createElement('p');
    sub.className = 'card-id';
    sub.textContent = n.kind === 'centre' ? 'orchestrator · ' + n.session : n.id;
    const dl = document.createElement('dl');
    for (const [k, v] of rows) {
      if (v === '' || v == null) continue;
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    }
    this.el.replaceChildren(title, sub, dl);
    this.el.setAttribute('data-node-id', n.id);
    this.el.setAttribute('data-session', n.session);
  }

  agentRows(a) {
    const now = Date.now();
    const done = a.doneAt != null;
    const parent = a.parent === 'main' ? 'orchestrator' : a.parent;
    return [
      ['type', a.type],
      ['description', a.description],
      ['prompt', clip(a.prompt, PROMPT_MAX)],
      ['model', a.model],
      ['parent', parent + (a.parentInferred ? ' (inferred)' : '')],
      ['age', age((done ? a.doneAt : now) - a.startedAt)],
      ['last activity', age(now - a.lastActivity) + ' ago'],
      ['tools used', toolsText(a.tools)],
      ['last tool', lastTool(a)],
      ['skills', [...a.skills].join(', ')],
      ['failed calls', a.failures ? String(a.failures) : ''],
      ['tokens', tokens(a.tokens)],
      ['cost', cost(a.cost) + (a.cost != null && a.costPartial ? ' (partial)' : '')],
      ['outcome', done ? a.outcome : ''],
      ['duration', done && a.durationMs != null ? age(a.durationMs) : ''],
      ['session', this.projectOf(a.session)],
    ];
  }

  centreRows(c) {
    const now = Date.now();
    let alive = 0;
    for (const a of this.model.agents.values()) if (a.session === c.session) alive++;
    return [
      ['status', c.doneAt != null ? 'ended' : c.waiting ? 'waiting for the user' : 'active'],
      ['message', c.waiting ? c.waitingMessage : ''],
      ['directory', c.cwd],
      ['model', c.model],
      ['agents alive', String(alive)],
      ['age', age(now - c.startedAt)],
      ['tools used', toolsText(c.tools)],
      ['last tool', lastTool(c)],
      ['skills', [...c.skills].join(', ')],
    ];
  }

  projectOf(sid) {
    const c = this.model.sessions.get(sid);
    return c && c.project ? c.project + ' · ' + sid : sid;
  }
}

function lastTool(n) {
  if (!n.lastTool) return '';
  return n.lastTool + (n.lastSummary ? ': ' + clip(n.lastSummary, 200) : '');
}

function toolsText(tools) {
  return [...tools].sort((a, b) => b[1] - a[1]).map(([t, n]) => t + ' ×' + n).join(' · ');
}
