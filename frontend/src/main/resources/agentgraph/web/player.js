// Plays a recording of the stream (an exported run: the snapshot and event frames the server
// sent): a time slider to jump to any moment, play, pause and speed. Jumping rebuilds the state
// from the first snapshot and every event up to that moment, exactly as the page built it live.
// timeline() and framesUpTo() are pure.

import { time } from './format.js';
import { PlayerBar } from './player-bar.js';

const STEP_MS = 100; // how often playing advances

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
    this.bar = new PlayerBar(root, {
      seek: (ms) => this.seek(this.line.start + ms),
      toggle: () => (this.timer ? this.pause() : this.play()),
      speed: (x) => {
        this.speed = x;
      },
    }, true);
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
    this.bar.show(this.t - this.line.start, this.line.end - this.line.start, this.timer !== 0);
  }

  state() {
    return { t: this.t, start: this.line.start, end: this.line.end, playing: this.timer !== 0, applied: this.next };
  }
}
