// Wires the page: frames from the WebSocket are queued and applied once per animation frame,
// so 100 events/s cost one DOM pass per frame, not one per event.

import { Connection, streamUrl, apiUrl } from './connection.js';
import { GraphModel } from './model.js';
import { GraphView } from './graph.js';
import { Card } from './cards.js';
import { Control } from './control.js';
import { Counters } from './counters.js';
import { showConnection } from './badge.js';
import { Notifier } from './notify.js';
import { HealthPanel } from './health.js';
import { FirstRun } from './first-run.js';
import { FindBar } from './find.js';
import { Player } from './player.js';
import { ServerPlayer, replaying } from './server-player.js';

const BUCKETS_KEY = 'agentgraph.buckets';

const model = new GraphModel();
let queue = [];
let scheduled = false;
let rafId = 0;
let timerId = 0;
let jumped = false;

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
  let effects = model.drainEffects();
  if (jumped) {
    // A jump in a recording rebuilds the state at once: no spawn, done or pulse is animated.
    jumped = false;
    effects = [{ kind: 'reset' }];
  }
  view.render(effects);
  notifier.handle(effects);
  counters.render();
  if (firstRun) firstRun.render();
  find.refresh(effects);
  if (model.gap) {
    // The server never skips an event on a connection, so a gap means frames were lost.
    model.gap = false;
    connection.resync();
  }
}

const svg = document.getElementById('graph');
const view = new GraphView(svg, document.getElementById('overlay'), model, schedule);
const control = new Control();
const card = new Card(document.getElementById('card'), model, control);
const counters = new Counters(document.getElementById('counters'), model);
const notifier = new Notifier(document.getElementById('notify-toggle'), model);
const find = new FindBar(document.getElementById('find'), model, view);
const badge = document.getElementById('badge');

// An exported run carries its recording in the page: it plays that, with no server at all.
const recording = document.getElementById('agentgraph-recording');
let health = null;
let firstRun = null;
let player = null;
let connection;
if (recording) {
  document.body.classList.add('replay');
  document.getElementById('health').hidden = true;
  connection = { state: 'replay', start() {}, resync() {} };
  badge.querySelector('.dot').textContent = '▶';
  badge.querySelector('.label').textContent = 'recording';
  badge.setAttribute('data-state', 'replay');
  badge.className = 'badge connected';
  let frames = [];
  try {
    frames = JSON.parse(recording.textContent).frames;
  } catch (e) {
    frames = []; // an unreadable recording plays as an empty one
  }
  player = new Player(document.getElementById('player'), frames, (list, jump) => {
    if (jump) {
      queue = [];
      jumped = true;
    }
    queue.push(...list);
    schedule();
  });
} else {
  // A recording has no server to act on: only a live page asks whether control is on.
  control.load().then((state) => document.body.setAttribute('data-control', state.enabled ? 'on' : 'off'));
  health = new HealthPanel(document.getElementById('health'), model, apiUrl('/api/stats'), (stats) => {
    // A server playing a recording (--replay) lets the page pause, play and jump in it.
    if (!player && replaying(stats)) player = new ServerPlayer(document.getElementById('player'), apiUrl('/api/replay'));
  });
  firstRun = new FirstRun(document.getElementById('first-run'), model, health);
  connection = new Connection(
    streamUrl(),
    (frame) => {
      if (!frame || typeof frame !== 'object' || frame.type === 'ping') return;
      queue.push(frame);
      schedule();
    },
    (state) => showConnection(badge, state),
  );
}

function showCard(hit, pin) {
  const body = hit.el.querySelector('.body') || hit.el;
  card.show(hit.node, body.getBoundingClientRect(), pin);
}
svg.addEventListener('pointerover', (ev) => {
  const hit = view.hit(ev.target);
  if (hit) showCard(hit, false);
});
svg.addEventListener('pointerout', (ev) => {
  const from = view.hit(ev.target);
  const to = view.hit(ev.relatedTarget);
  if (from && (!to || to.el !== from.el)) card.hide(false);
});
svg.addEventListener('click', (ev) => {
  const hit = view.hit(ev.target);
  if (hit && hit.view.kind === 'cluster') {
    card.hide(true);
    view.expand(hit.view.key);
  } else if (hit) {
    showCard(hit, true);
  } else {
    card.hide(true);
  }
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
  if (ev.target && (ev.target.tagName === 'INPUT' || ev.target.tagName === 'SELECT')) return;
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === 'Escape') card.hide(true);
  if (ev.key === 'b') toggle.click();
  if (ev.key === 'c') view.collapseAll();
  if (ev.key === '/') {
    ev.preventDefault();
    find.focusInput();
  }
});
let saved = null;
try {
  saved = localStorage.getItem(BUCKETS_KEY);
} catch (e) {
  saved = null;
}
setBuckets(saved === '1');

// A hook for tests and curious users: state() is a copy of the state, never the state itself;
// panTo(), zoomAt() and resetView() move the view like a drag or the wheel would.
window.agentgraph = Object.freeze({
  state: () => ({
    ...view.state(),
    badge: connection.state,
    seq: model.seq,
    snapshots: model.snapshots,
    counters: { ...model.counters, alive: model.agents.size },
    notifications: notifier.state(),
    player: player ? player.state() : null,
  }),
  panTo: (session, id, x, y) => view.panTo(session + '\n' + id, x, y),
  seek: (ms) => player && player.seek(player.state().start + ms),
  zoomAt: (k, x, y) => view.zoomAt(k, x, y),
  resetView: () => view.resetView(),
});

schedule();
connection.start();
