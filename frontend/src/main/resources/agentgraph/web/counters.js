// The counters along the bottom: agents alive now, and since the page opened, agents spawned,
// tool calls and agents done, plus how long ago the last event arrived.

import { age } from './format.js';

export class Counters {
  constructor(el, model) {
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
    this.set('last', c.lastEventAt == null ? 'none yet' : age(Date.now() - c.lastEventAt) + ' ago');
  }

  set(name, text) {
    const el = this.values[name];
    if (el && el.textContent !== text) el.textContent = text;
  }
}
