// The first-run state: before any session, agent or event has been seen, the page says what to
// do instead of drawing an orchestrator as if something were connected. It leaves at the first
// event (or a snapshot with anything in it) and does not come back while the page is open.

const DEFAULT_FILE = '~/.claude/memory/agent-events.jsonl';

export class FirstRun {
  constructor(el, model, health) {
    this.el = el;
    this.model = model;
    this.health = health;
    this.done = false;
  }

  render() {
    if (this.done) return;
    if (!this.model.empty) {
      this.done = true;
      this.el.hidden = true;
      return;
    }
    // The server names the file when its source reports it; otherwise the default is the best guess.
    const reported = this.health.file();
    const slot = this.el.querySelector('[data-slot="file"]');
    const file = reported || DEFAULT_FILE;
    if (slot.textContent !== file) slot.textContent = file;
    this.el.querySelector('[data-slot="file-note"]').hidden = reported !== '';
    this.el.hidden = this.model.snapshots === 0;
  }
}
