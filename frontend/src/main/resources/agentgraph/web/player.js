// Plays a recording of the stream (an exported run: the snapshot and event frames the server
// sent): a time slider to jump to any moment, play, pause and speed. Jumping rebuilds the state
// from the first snapshot and every event up to that moment, exactly as the page built it live.
// timeline() and framesUpTo() are pure.

import { time } from './format.js';

const STEP_MS = 100; // how often playing advances
export const SPEEDS = [1, 2, 5, 10, 50];

/** {snapshot, events: [{frame, at}], start, end} from a recording's frames; times from each event's ts. */
export function timeline(frames) {
  const list = Array.isArray(frames) ? frames.filter((f) => f && typeof f === 'object') : [];
  const snapshot = list.find((f) => f.type === 'snapshot') || { type: 'snapshot', seq: 0 };
  const events = [];
  let last = null;
  for (const f of list) {
    if (f.type !== 'event') continue;
    const at = time(f.data && f.data.ts) ?? last ?? 0;
    last = Math.max(at, last ?? at); // a clock that went back does not reorder what happened
    events.push({ frame: f, at: last });
  }
  const start = events.length ? events[0].at : 0;
  const end = events.length ? events[events.length - 1].at : 0;
  return { snapshot, events, start, end };
}

/** The frames that build the state at moment t: the snapshot, then every event up to t. */
export function framesUpTo(line, t) {
  const out = [line.snapshot];
  for (const e of line.events) {
    if (e.at > t) break;
    out.push(e.frame);
  }
  return out;
}

function clock(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m + ':' + String(s % 60).padStart(2, '0');
}

export class Player {
  /**
   * @param root the player bar
   * @param frames the recording
   * @param apply called with (frames, jumped): jumped frames rebuild the state without animation
   */
  constructor(root, frames, apply) {
    this.line = timeline(frames);
    this.apply = apply;
    this.t = this.line.start;
    this.next = 0; // index of the first event not yet applied
    this.speed = 1;
    this.timer = 0;
    this.button = root.querySelector('#play-toggle');
    this.slider = root.querySelector('#seek');
    this.label = root.querySelector('#play-time');
    this.speedSelect = root.querySelector('#play-speed');
    root.hidden = false;
    this.slider.max = String(Math.max(0, this.line.end - this.line.start));
    this.slider.addEventListener('input', () => {
      // The slider moves in steps: its last step means the very end, where the last events are.
      const v = Number(this.slider.value);
      const last = Number(this.slider.max) - Number(this.slider.step || 1);
      this.seek(v >= last ? this.line.end : this.line.start + v);
    });
    this.button.addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    this.speedSelect.replaceChildren(...SPEEDS.map((s) => {
      const o = document.createElement('option');
      o.value = String(s);
      o.textContent = s + '×';
      return o;
    }));
    this.speedSelect.addEventListener('change', () => {
      this.speed = Number(this.speedSelect.value) || 1;
    });
    this.seek(this.line.start);
    this.play(); // a file someone sent is opened to be watched
  }

  /** Jumps to moment t: the state is rebuilt from the start. */
  seek(t) {
    this.t = Math.max(this.line.start, Math.min(t, this.line.end));
    const frames = framesUpTo(this.line, this.t);
    this.next = frames.length - 1;
    this.apply(frames, true);
    this.show();
  }

  play() {
    if (this.t >= this.line.end) this.seek(this.line.start);
    this.timer = setInterval(() => this.step(), STEP_MS);
    this.show();
  }

  pause() {
    clearInterval(this.timer);
    this.timer = 0;
    this.show();
  }

  /** Advances by one step of wall time times the speed, applying the events it passes, animated. */
  step() {
    this.t = Math.min(this.line.end, this.t + STEP_MS * this.speed);
    const frames = [];
    while (this.next < this.line.events.length && this.line.events[this.next].at <= this.t) {
      frames.push(this.line.events[this.next].frame);
      this.next++;
    }
    if (frames.length) this.apply(frames, false);
    if (this.t >= this.line.end) this.pause();
    this.show();
  }

  show() {
    const at = this.t - this.line.start;
    this.slider.value = String(at);
    this.button.textContent = this.timer ? '❚❚ pause' : '▶ play';
    this.button.setAttribute('aria-pressed', String(this.timer !== 0));
    this.label.textContent = clock(at) + ' / ' + clock(this.line.end - this.line.start);
  }

  state() {
    return { t: this.t, start: this.line.start, end: this.line.end, playing: this.timer !== 0, applied: this.next };
  }
}
