// The find bar: a search box that highlights matching nodes and dims the rest, and a focus
// menu (one session, or one host when sessions come from several) that dims everything else
// and brings the focused session into view. Matching itself is in search.js.

import { normalise } from './search.js';
import { clip } from './format.js';

export class FindBar {
  constructor(root, model, view) {
    this.model = model;
    this.view = view;
    this.input = root.querySelector('#find-input');
    this.select = root.querySelector('#focus-select');
    this.count = root.querySelector('#find-count');
    this.options = '';
    this.input.addEventListener('input', () => this.apply());
    this.input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        this.input.value = '';
        this.apply();
        this.input.blur();
      }
    });
    this.select.addEventListener('change', () => {
      this.apply();
      const f = this.focus();
      if (f && f.session != null) this.view.panTo(f.session + '\nmain');
    });
  }

  focusInput() {
    this.input.focus();
  }

  focus() {
    const v = this.select.value;
    if (v.startsWith('s:')) return { session: v.slice(2) };
    if (v.startsWith('h:')) return { host: v.slice(2) };
    return null;
  }

  apply() {
    this.view.setQuery(normalise(this.input.value), this.focus());
    this.showCount();
  }

  showCount() {
    const n = this.view.matchCount;
    const text = n == null ? '' : n + (n === 1 ? ' match' : ' matches');
    if (this.count.textContent !== text) this.count.textContent = text;
  }

  /** After a frame: the focus menu follows the sessions and hosts; highlights follow new nodes. */
  refresh(effects) {
    const sessions = [...this.model.sessions.values()].sort((a, b) => a.order - b.order);
    const hosts = [...new Set(sessions.map((c) => c.host).filter((h) => h))].sort();
    const options = [['', 'all sessions']];
    if (hosts.length > 1) for (const h of hosts) options.push(['h:' + h, 'host ' + clip(h, 40)]);
    for (const c of sessions) options.push(['s:' + c.session, clip(c.project || c.session, 30) + ' · ' + clip(c.session, 8)]);
    const sig = options.map((o) => o.join('=')).join('\n');
    if (sig !== this.options) {
      this.options = sig;
      const current = this.select.value;
      this.select.replaceChildren(...options.map(([value, label]) => {
        const o = document.createElement('option');
        o.value = value;
        o.textContent = label;
        return o;
      }));
      this.select.value = options.some(([v]) => v === current) ? current : '';
      this.apply();
    } else if (effects.length > 0 && (this.input.value || this.select.value)) {
      this.showCount();
    }
  }
}
