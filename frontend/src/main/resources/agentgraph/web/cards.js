// The card shown on hover (and kept on click) for a node: what it is, what it does, what it
// cost. It is placed beside the node, never over it, and always inside the window. Every value
// goes in through textContent.

import { age, clip, cost, tokens } from './format.js';
import { taskCounts } from './model.js';
import { placeCard } from './card-place.js';
import { ACTION_TEXT } from './control.js';

const PROMPT_MAX = 600;
const TASKS_LISTED = 6;

export class Card {
  constructor(el, model, control) {
    this.el = el;
    this.model = model;
    this.control = control || null;
    // The actions' part of the card, rebuilt only when what it shows changes, so that a click
    // is never lost to the refresh every second.
    this.actions = document.createElement('div');
    this.actions.className = 'card-actions';
    this.actionsLook = '';
    this.confirming = null; // the action asked to confirm, for this.node
    this.actionError = '';
    this.node = null;
    this.pinned = false;
    this.anchor = null;
    setInterval(() => this.refresh(), 1000);
  }

  /**
   * Shows the card for a node whose drawing covers {@code rect} (window coordinates); a pinned
   * card only moves on another pin.
   */
  show(node, rect, pin) {
    if (this.pinned && !pin) return;
    this.pinned = pin;
    if (this.node !== node) {
      this.confirming = null;
      this.actionError = '';
    }
    this.node = node;
    this.anchor = rect;
    this.el.classList.toggle('pinned', pin);
    this.refresh();
    this.el.hidden = false;
    this.place();
  }

  place() {
    if (!this.anchor) return;
    const { left, top } = placeCard(this.anchor, { w: this.el.offsetWidth, h: this.el.offsetHeight },
      { w: window.innerWidth, h: window.innerHeight });
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
    const rows = n.kind === 'centre' ? this.centreRows(n) : n.kind === 'cluster' ? this.clusterRows(n) : this.agentRows(n);
    const title = document.createElement('h2');
    title.textContent = n.kind === 'centre' ? (n.project || 'session ' + n.session)
      : n.kind === 'cluster' ? n.type + ' ×' + n.members.length : (n.type || 'agent');
    const sub = document.createElement('p');
    sub.className = 'card-id';
    sub.textContent = n.kind === 'centre' ? 'orchestrator · ' + n.session
      : n.kind === 'cluster' ? 'cluster of siblings · click to expand'
        : (n.agentKind === 'teammate' ? 'teammate · ' : '') + n.id;
    const dl = document.createElement('dl');
    for (const [k, v] of rows) {
      if (v === '' || v == null) continue;
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    }
    const parts = [title, sub, dl];
    if (n.kind === 'centre' && n.tasks.length > 0) parts.push(this.taskList(n.tasks));
    if (this.renderActions(n)) parts.push(this.actions);
    const h = this.el.offsetHeight;
    this.el.replaceChildren(...parts);
    this.el.setAttribute('data-node-id', n.id);
    this.el.setAttribute('data-session', n.session);
    if (!this.el.hidden && this.el.offsetHeight !== h) this.place();
  }

  /** The Stop / Hold / Release buttons and their confirm, on a pinned card; false when there are none. */
  renderActions(n) {
    const centre = this.model.sessions.get(n.session);
    const offered = this.control && this.pinned ? this.control.actionsFor(n, centre) : [];
    if (this.confirming && !offered.includes(this.confirming)) this.confirming = null;
    const look = [n.key, offered.join(','), this.confirming, this.actionError].join('|');
    if (look === this.actionsLook) return offered.length > 0 || this.actionError !== '';
    this.actionsLook = look;
    const parts = [];
    if (this.confirming) {
      const text = ACTION_TEXT[this.confirming];
      const ask = document.createElement('p');
      ask.className = 'card-ask';
      ask.textContent = text.ask;
      const yes = button(text.confirm, 'confirm', () => this.run(this.confirming, n));
      const no = button('Cancel', 'cancel', () => {
        this.confirming = null;
        this.refresh();
      });
      parts.push(ask, yes, no);
    } else {
      for (const action of offered) {
        parts.push(button(ACTION_TEXT[action].button, action, () => {
          this.confirming = action;
          this.actionError = '';
          this.refresh();
        }));
      }
    }
    if (this.actionError) {
      const err = document.createElement('p');
      err.className = 'card-error';
      err.textContent = this.actionError;
      parts.push(err);
    }
    this.actions.replaceChildren(...parts);
    return parts.length > 0;
  }

  async run(action, n) {
    this.confirming = null;
    this.actionError = await this.control.act(action, n);
    this.refresh();
  }

  agentRows(a) {
    const now = Date.now();
    const done = a.doneAt != null;
    const parent = a.parent === 'main' ? 'orchestrator' : a.parent;
    return [
      ['status', done ? '' : a.stopping ? 'stopping: its tool calls are denied' : a.waiting ? 'waiting for the user'
        : a.idle ? 'idle' : ''],
      ['message', a.waiting ? a.waitingMessage : ''],
      ['team', a.team],
      ['task', a.task],
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
      ['failed turns', a.turnFailures ? a.turnFailures + (a.lastError ? ' (' + clip(a.lastError, 200) + ')' : '') : ''],
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
    const t = taskCounts(c.tasks);
    const status = c.doneAt != null ? 'ended' : c.waiting ? 'waiting for the user' : c.compacting ? 'compacting' : 'active';
    const held = c.held && c.doneAt == null ? 'held: no new sub-agent may start' : '';
    return [
      ['status', status],
      ['control', held],
      ['message', c.waiting ? c.waitingMessage : ''],
      ['agent type', c.orchestratorType],
      ['directory', c.cwd],
      ['model', c.model],
      ['runtime', c.runtime],
      ['host', c.host],
      ['agents alive', String(alive)],
      ['tasks', t.total ? t.done + ' of ' + t.total + ' done' + (t.active ? ', ' + t.active + ' in progress' : '') : ''],
      ['cost', c.cost != null ? cost(c.cost) + (c.costPartial ? ' (partial)' : '') : ''],
      ['age', age(now - c.startedAt)],
      ['tools used', toolsText(c.tools)],
      ['last tool', lastTool(c)],
      ['skills', [...c.skills].join(', ')],
      ['failed turns', c.turnFailures ? c.turnFailures + (c.lastError ? ' (' + clip(c.lastError, 200) + ')' : '') : ''],
    ];
  }

  clusterRows(g) {
    const models = new Map();
    const tools = new Map();
    for (const m of g.members) {
      const model = m.model || 'unknown';
      models.set(model, (models.get(model) || 0) + 1);
      for (const [tool, n] of m.tools) tools.set(tool, (tools.get(tool) || 0) + n);
    }
    const parent = g.parent === 'main' ? 'orchestrator' : g.parent;
    return [
      ['agents', String(g.members.length)],
      ['models', toolsText(models)],
      ['parent', parent],
      ['tools used', toolsText(tools)],
      ['session', this.projectOf(g.session)],
    ];
  }

  /** The session's shared task list: the first few, with their status and owner. */
  taskList(tasks) {
    const ul = document.createElement('ul');
    ul.className = 'tasks';
    for (const t of tasks.slice(0, TASKS_LISTED)) {
      const li = document.createElement('li');
      li.setAttribute('data-status', t.status);
      li.textContent = clip(t.subject || t.id || 'task', 80) + ' — ' + t.status + (t.owner ? ' · ' + clip(t.owner, 30) : '');
      ul.append(li);
    }
    if (tasks.length > TASKS_LISTED) {
      const li = document.createElement('li');
      li.textContent = '… and ' + (tasks.length - TASKS_LISTED) + ' more';
      ul.append(li);
    }
    return ul;
  }

  projectOf(sid) {
    const c = this.model.sessions.get(sid);
    return c && c.project ? c.project + ' · ' + sid : sid;
  }
}

function button(text, action, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('data-action', action);
  b.addEventListener('click', onClick);
  return b;
}

function lastTool(n) {
  if (!n.lastTool) return '';
  return n.lastTool + (n.lastSummary ? ': ' + clip(n.lastSummary, 200) : '');
}

function toolsText(tools) {
  return [...tools].sort((a, b) => b[1] - a[1]).map(([t, n]) => t + ' ×' + n).join(' · ');
}
