// The counters along the bottom: agents alive now; agents spawned, done and failed and tool
// calls, counted by the server since it started (snapshot part `totals`) or, from a server that
// does not send totals, since this page's first snapshot; and how long ago the last event came.

import { age } from './format.js';

export class Counters {
  constructor(el, model) {
    this.el = el;
    this.model = model;
    this.values = {};
    for (const span of el.querySelectorAll('[data-counter]')) {
      this.values[span.getAttribute('data-counter')] = span.querySelector('.value');
    }
    setInterval(() => this.render(), 500);
  }

  render() {
    const c = this.model.counters;
    this.set('alive', String(this.model.agents.size));
    this.set('spawned', String(c.spawned));
    this.set('tools', String(c.toolCalls));
    this.set('done', String(c.done));
    this.set('failed', String(c.failed));
    this.set('last', c.lastEventAt == null ? 'none yet' : age(Date.now() - c.lastEventAt) + ' ago');
    const since = c.fromServer
      ? 'Counted by the server since it started' + (c.since != null ? ' (' + new Date(c.since).toLocaleString() + ')' : '')
      : 'Counted since this page opened (this server sends no totals)';
    if (this.el.title !== since) this.el.title = since;
    this.el.setAttribute('data-source', c.fromServer ? 'server' : 'page');
  }

  set(name, text) {
    const el = this.values[name];
    if (el && el.textContent !== text) el.textContent = text;
  }
}
