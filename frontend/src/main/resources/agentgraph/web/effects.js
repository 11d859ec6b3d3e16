// Short-lived effects — pulses, floating tool names, done flashes — painted on a canvas laid
// over the graph. At 100 tool calls a second they change every frame; on a canvas that costs a
// few dozen shapes, with no DOM elements to create, style, lay out and remove. Each frame only
// the boxes painted the frame before are cleared, so the browser recomposites small areas, not
// the whole window. Text is drawn with fillText: it is never parsed as HTML.

const MAX_PULSES = 48;
const MAX_FLOATS = 32;
const PULSE_MS = 400;
const FLOAT_MS = 800;
const FLASH_MS = 600;
const FLOAT_RISE = 26;
const FONT = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

export class Effects {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.items = [];
    this.pulsing = new Set(); // node keys with a pulse running: a node is not pulsed twice at once
    this.floats = 0;
    this.transform = { x: 0, y: 0, k: 1 };
    this.running = false;
    this.painted = []; // device-pixel boxes painted last frame: [x, y, w, h]
    this.clearAll = true;
    // What was shown, for tests and diagnostics.
    this.stats = { pulses: 0, floats: 0, flashes: 0, lastFloat: '', floatsReplaced: 0 };
    this.resize();
    window.addEventListener('resize', () => this.resize());
  }

  resize() {
    this.ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(window.innerWidth * this.ratio);
    this.canvas.height = Math.round(window.innerHeight * this.ratio);
    this.clearAll = true;
    this.kick();
  }

  /** Follows the graph's pan and zoom. */
  setTransform(t) {
    this.transform = { x: t.x, y: t.y, k: t.k };
    this.clearAll = true;
    this.kick();
  }

  /** The node grows from base to peak radius and back (400 ms). */
  pulse(key, x, y, base, peak, colour) {
    if (this.pulsing.has(key) || this.pulsing.size >= MAX_PULSES) return;
    this.pulsing.add(key);
    this.stats.pulses++;
    this.add({ kind: 'pulse', key, x, y, base, peak, colour, ms: PULSE_MS });
  }

  /**
   * A label floats up from (x, y) and fades out (800 ms). A newer label of the same node ({@code key})
   * takes the place of one still rising from it: two tool names one over the other read as neither.
   */
  float(x, y, text, failed, key) {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const it = this.items[i];
      if (it.kind === 'float' && it.key === key) {
        this.items.splice(i, 1);
        this.end(it);
        this.stats.floatsReplaced++;
      }
    }
    if (this.floats >= MAX_FLOATS) return;
    this.floats++;
    this.stats.floats++;
    this.stats.lastFloat = text;
    this.ctx.font = FONT;
    const width = this.ctx.measureText(text).width;
    this.add({ kind: 'float', key, x, y, text, failed, width, ms: FLOAT_MS });
  }

  /** A ring of the outcome's colour spreads from a finishing node and fades. */
  flash(x, y, r, colour) {
    this.stats.flashes++;
    this.add({ kind: 'flash', x, y, r, colour, ms: FLASH_MS });
  }

  add(item) {
    item.start = performance.now();
    this.items.push(item);
    this.kick();
  }

  kick() {
    if (this.running) return;
    this.running = true;
    requestAnimationFrame((now) => this.draw(now));
  }

  draw(now) {
    const { ctx, ratio } = this;
    const { x, y, k } = this.transform;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (this.clearAll) {
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      this.clearAll = false;
    } else {
      for (const [bx, by, bw, bh] of this.painted) ctx.clearRect(bx, by, bw, bh);
    }
    ctx.setTransform(ratio * k, 0, 0, ratio * k, ratio * x, ratio * y);
    const painted = [];
    // A box in graph units around (cx, cy) becomes a device-pixel box, with a margin for antialiasing.
    const box = (cx, cy, halfW, halfH) => {
      const s = ratio * k;
      painted.push([
        Math.floor(ratio * x + s * (cx - halfW)) - 2, Math.floor(ratio * y + s * (cy - halfH)) - 2,
        Math.ceil(s * 2 * halfW) + 4, Math.ceil(s * 2 * halfH) + 4,
      ]);
    };
    const live = [];
    for (const item of this.items) {
      const t = Math.max(0, (now - item.start) / item.ms);
      if (t >= 1) {
        this.end(item);
        continue;
      }
      live.push(item);
      if (item.kind === 'pulse') {
        this.drawPulse(item, t);
        box(item.x, item.y, item.peak + 2, item.peak + 2);
      } else if (item.kind === 'float') {
        const top = this.drawFloat(item, t);
        box(item.x, top - 4, item.width / 2 + 2, 10);
      } else {
        this.drawFlash(item, t);
        box(item.x, item.y, item.r * 3.5 + 3, item.r * 3.5 + 3);
      }
    }
    this.painted = painted;
    this.items = live;
    if (live.length > 0) {
      requestAnimationFrame((n) => this.draw(n));
    } else {
      this.running = false;
    }
  }

  end(item) {
    if (item.kind === 'pulse') this.pulsing.delete(item.key);
    else if (item.kind === 'float') this.floats--;
  }

  drawPulse(p, t) {
    const { ctx } = this;
    ctx.globalAlpha = 1;
    ctx.beginPath();
    ctx.arc(p.x, p.y, p.base + (p.peak - p.base) * Math.sin(Math.PI * t), 0, 2 * Math.PI);
    ctx.fillStyle = p.colour;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = 'rgba(248, 250, 252, 0.8)';
    ctx.stroke();
  }

  drawFloat(f, t) {
    const { ctx } = this;
    const eased = 1 - (1 - t) ** 3;
    ctx.globalAlpha = 1 - t;
    ctx.font = FONT;
    ctx.textAlign = 'center';
    ctx.fillStyle = f.failed ? '#f87171' : '#f1f5f9';
    const y = f.y - FLOAT_RISE * eased;
    ctx.fillText(f.text, f.x, y);
    ctx.globalAlpha = 1;
    return y;
  }

  drawFlash(f, t) {
    const { ctx } = this;
    const eased = 1 - (1 - t) ** 3;
    ctx.globalAlpha = 1 - t;
    ctx.beginPath();
    ctx.arc(f.x, f.y, f.r * (1 + 2.5 * eased), 0, 2 * Math.PI);
    ctx.lineWidth = 3;
    ctx.strokeStyle = f.colour;
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
}
