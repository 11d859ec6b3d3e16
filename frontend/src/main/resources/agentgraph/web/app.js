// Wires the page: frames from the WebSocket are queued and applied once per animation frame,
// so 100 events/s cost one DOM pass per frame, not one per event.

import { Connection, streamUrl } from './connection.js';
import { GraphModel } from './model.js';
import { GraphView } from './graph.js';
import { Card } from './cards.js';
import { Counters } from './counters.js';
import { showConnection } from './badge.js';

const BUCKETS_KEY = 'agentgraph.buckets';

const model = new GraphModel();
let queue = [];
let scheduled = false;
let rafId = 0;
let timerId = 0;

// A hidden tab gets no animation frames: a timer takes over so the queue stays short.
function schedule() {
  if (scheduled) return;
  scheduled = true;
  rafId = requestAnimationFrame(flush);
  timerId = setTimeout(flush, 250);
}

function flush() {
  cancelAnimationFrame(rafId);
  clearTimeout(timerId);
  scheduled = false;
  let frames = queue;
  queue = [];
  // Everything before the last snapshot is superseded by it.
  const last = frames.findLastIndex((f) => f.type === 'snapshot');
  if (last > 0) frames = frames.slice(last);
  for (const f of frames) model.applyFrame(f);
  view.render(model.drainEffects());
  counters.render();
  if (model.gap) {
    // The server never skips an event on a connection, so a gap means frames were lost.
    model.gap = false;
    connection.resync();
  }
}

const svg = document.getElementById('graph');
const view = new GraphView(svg, document.getElementById('overlay'), model, schedule);
const card = new Card(document.getElementById('card'), model);
const counters = new Counters(document.getElementById('counters'), model);
const badge = document.getElementById('badge');

const connection = new Connection(
  streamUrl(),
  (frame) => {
    if (!frame || typeof frame !== 'object' || frame.type === 'ping') return;
    queue.push(frame);
    schedule();
  },
  (state) => showConnection(badge, state),
);

function nodeAt(target) {
  const g = target && target.closest ? target.closest('g.node') : null;
  return g ? d3.select(g).datum() : null;
}
svg.addEventListener('pointerover', (ev) => {
  const n = nodeAt(ev.target);
  if (n) card.show(n, ev.clientX, ev.clientY, false);
});
svg.addEventListener('pointerout', (ev) => {
  if (nodeAt(ev.target) && nodeAt(ev.relatedTarget) !== nodeAt(ev.target)) card.hide(false);
});
svg.addEventListener('click', (ev) => {
  const n = nodeAt(ev.target);
  if (n) card.show(n, ev.clientX, ev.clientY, true);
  else card.hide(true);
});

const toggle = document.getElementById('buckets-toggle');
function setBuckets(on) {
  toggle.setAttribute('aria-pressed', String(on));
  view.setBuckets(on);
  try {
    localStorage.setItem(BUCKETS_KEY, on ? '1' : '0');
  } catch (e) {
    // storage may be disabled; the toggle still works for this page
  }
}
toggle.addEventListener('click', () => setBuckets(toggle.getAttribute('aria-pressed') !== 'true'));
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') card.hide(true);
  if (ev.key === 'b' && !ev.ctrlKey && !ev.metaKey && !ev.altKey) toggle.click();
});
let saved = null;
try {
  saved = localStorage.getItem(BUCKETS_KEY);
} catch (e) {
  saved = null;
}
setBuckets(saved === '1');

// A read-only hook for tests and curious users: a copy of the state, never the state itself.
window.agentgraph = Object.freeze({
  state: () => ({
    ...view.state(),
    badge: connection.state,
    seq: model.seq,
    snapshots: model.snapshots,
    counters: { ...model.counters, alive: model.agents.size },
  }),
});

schedule();
connection.start();
