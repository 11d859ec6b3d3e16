// The bar under a recording: play/pause, a time slider, the time and the speed. Shared by a
// recording the page plays itself (an exported run, player.js) and one the server plays
// (--replay, server-player.js); it only shows a position and reports what the user asks.

export const SPEEDS = [1, 2, 5, 10, 50];

/** m:ss of a number of milliseconds. */
export function clock(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m + ':' + String(s % 60).padStart(2, '0');
}

export class PlayerBar {
  /**
   * @param root the #player element
   * @param on {seek(ms), toggle(), speed(x)}; seek gets milliseconds from the start of the recording
   * @param live true to seek while the slider is dragged, false to seek where it is let go (each
   *   seek costs the server a rebuild, so a drag there is one seek)
   */
  constructor(root, on, live) {
    this.button = root.querySelector('#play-toggle');
    this.slider = root.querySelector('#seek');
    this.label = root.querySelector('#play-time');
    this.speedSelect = root.querySelector('#play-speed');
    this.dragging = false;
    this.length = 0;
    root.hidden = false;
    const seek = () => {
      // The slider moves in steps: its last step means the very end, where the last events are.
      const v = Number(this.slider.value);
      const last = Number(this.slider.max) - Number(this.slider.step || 1);
      on.seek(v >= last ? this.length : v);
    };
    this.slider.addEventListener('input', () => {
      if (live) {
        seek();
      } else {
        this.dragging = true;
        this.label.textContent = clock(Number(this.slider.value)) + ' / ' + clock(this.length);
      }
    });
    if (!live) {
      this.slider.addEventListener('change', () => {
        this.dragging = false;
        seek();
      });
    }
    this.button.addEventListener('click', () => on.toggle());
    this.speedSelect.addEventListener('change', () => on.speed(Number(this.speedSelect.value) || 1));
    this.speeds(1);
  }

  /** Offers the usual speeds and {@code current} among them (a --speed of 1000, say). */
  speeds(current) {
    const all = [...new Set([...SPEEDS, current])].sort((a, b) => a - b);
    if (this.speedSelect.options.length !== all.length) {
      this.speedSelect.replaceChildren(...all.map((s) => {
        const o = document.createElement('option');
        o.value = String(s);
        o.textContent = s + '×';
        return o;
      }));
    }
    this.speedSelect.value = String(current);
  }

  /** Shows moment {@code at} of {@code length} ms. */
  show(at, length, playing) {
    this.length = length;
    this.slider.max = String(Math.max(0, length));
    if (!this.dragging) this.slider.value = String(at);
    this.button.textContent = playing ? '❚❚ pause' : '▶ play';
    this.button.setAttribute('aria-pressed', String(playing));
    if (!this.dragging) this.label.textContent = clock(at) + ' / ' + clock(length);
  }
}
