// The SVG graph: one pinned centre per session, agents placed by a D3 force simulation, and
// the animations of spawn (fade in), tool use (pulse + floating label), failure and done
// (outcome flash, fade out, removal). All DOM work happens in render(), called once per
// animation frame with the model's effects of that frame; strings go in with .text() only.
//
// Pulses, flashes and floating labels are painted on a canvas over the graph (effects.js): at
// 100 tool calls a second they change every frame, and the graph's SVG is left alone.

import { modelColour, modelFamily, outcomeColour } from './colors.js';
import { clip } from './format.js';
import { nodeKey, DEFAULT_SESSION } from './model.js';
import { Buckets } from './buckets.js';
import { Effects } from './effects.js';

const AGENT_R = 8;
const AGENT_PULSE_R = 12;
const CENTRE_R = 18;
const CENTRE_PULSE_R = 22;
const SPAWN_MS = 300;
const FLASH_MS = 300;
const FADE_MS = 800;
// Above this many agents, names under nodes are hidden (the card still shows them), and agents
// already placed hold still (see settle()).
const DENSE_AGENTS = 80;
// How long the whole layout may move after the centres moved.
const SETTLE_MS = 2500;

export class GraphView {
  /**
   * @param svgElement the page's <svg>
   * @param model the GraphModel
   * @param requestFrame asks the page loop for another render (after a fade-out ends)
   */
  constructor(svgElement, canvasElement, model, requestFrame) {
    this.model = model;
    this.requestFrame = requestFrame;
    this.svg = d3.select(svgElement);
    this.root = this.svg.append('g').attr('class', 'viewport');
    this.linkLayer = this.root.append('g').attr('class', 'links');
    this.nodeLayer = this.root.append('g').attr('class', 'nodes');
    this.effects = new Effects(canvasElement);
    this.leaving = new Map(); // key → node fading out after done or session end
    this.byKey = new Map(); // key → node currently drawn
    this.nodeSel = this.nodeLayer.selectAll('g.node');
    this.linkSel = this.linkLayer.selectAll('line.link');
    this.settledAt = 0; // until then the layout is finding its shape and nothing is pinned
    this.lastLayout = '';
    this.needsJoin = true; // the first render draws the empty page's centre
    this.animate = true;
    this.buckets = new Buckets();
    this.resize();

    this.sim = d3.forceSimulation([])
      .alphaDecay(0.035)
      .velocityDecay(0.45)
      .force('link', d3.forceLink([]).id((d) => d.key)
        .distance((l) => (l.source.kind === 'centre' ? 80 : 52))
        .strength(0.5))
      .force('charge', d3.forceManyBody().distanceMax(280).theta(0.95))
      .force('collide', d3.forceCollide().iterations(1))
      .force('x', d3.forceX().strength(0.03))
      .force('y', d3.forceY().strength(0.03))
      .on('tick', () => this.tick());

    this.svg.call(d3.zoom()
      .scaleExtent([0.25, 4])
      .filter((ev) => !ev.button && ev.type !== 'dblclick')
      .on('zoom', (ev) => {
        this.root.attr('transform', ev.transform);
        this.effects.setTransform(ev.transform);
      }));
    window.addEventListener('resize', () => {
      this.resize();
      this.needsJoin = true;
      this.requestFrame();
    });
  }

  resize() {
    const box = this.svg.node().getBoundingClientRect();
    this.width = Math.max(320, box.width);
    this.height = Math.max(240, box.height);
  }

  /** Turns the tool-bucket satellites on or off. */
  setBuckets(on) {
    this.buckets.enabled = on;
    this.svg.classed('buckets-on', on);
    for (const node of this.byKey.values()) this.buckets.render(node);
  }

  /** Applies one frame's worth of model effects to the SVG. */
  render(effects) {
    this.animate = !document.hidden;
    const spawned = [];
    const finished = [];
    const pulses = [];
    const retools = new Set();
    let sessionsChanged = false;
    for (const ef of effects) {
      switch (ef.kind) {
        case 'reset':
          this.leaving.clear();
          spawned.length = 0;
          finished.length = 0;
          pulses.length = 0;
          this.needsJoin = true;
          sessionsChanged = true;
          break;
        case 'spawn':
          this.leaving.delete(ef.node.key);
          spawned.push(ef.node);
          this.needsJoin = true;
          break;
        case 'done':
        case 'session-end':
          if (this.animate) this.leaving.set(ef.node.key, ef.node);
          finished.push(ef.node);
          this.needsJoin = true;
          break;
        case 'relink':
          this.needsJoin = true;
          break;
        case 'session':
          sessionsChanged = true;
          break;
        case 'pulse':
        case 'fail':
          pulses.push(ef);
          break;
        case 'tools':
          retools.add(ef.node);
          break;
        default:
      }
    }
    if (this.needsJoin) this.join(spawned);
    else if (sessionsChanged) this.updateCentres();
    for (const node of finished) this.leave(node);
    for (const ef of pulses) this.pulse(ef.node, ef.label, ef.kind === 'fail');
    for (const node of retools) this.buckets.render(node);
  }

  /** Rebinds nodes and links to the SVG after the set of nodes or edges changed. */
  join(spawned) {
    this.needsJoin = false;
    const centres = this.liveCentres();
    this.layoutCentres(centres);
    const nodes = [...centres];
    for (const n of this.leaving.values()) if (n.kind === 'centre') nodes.push(n);
    for (const a of this.model.agents.values()) nodes.push(a);
    for (const n of this.leaving.values()) if (n.kind === 'agent') nodes.push(n);
    this.byKey = new Map(nodes.map((n) => [n.key, n]));
    const placed = new Set(nodes.filter((n) => this.place(n)));
    const links = [];
    for (const n of nodes) {
      if (n.kind !== 'agent') continue;
      const link = this.edge(n);
      if (this.byKey.has(link.source.key)) links.push(link);
    }

    const fresh = new Set(spawned);
    this.nodeSel = this.nodeSel
      .data(nodes, (d) => d.key)
      .join(
        (enter) => enter.append('g').each((d, i, els) => this.create(d3.select(els[i]), d, fresh.has(d))),
        (update) => update,
        (exit) => exit.remove(),
      )
      .each((d, i, els) => this.update(els[i], d));

    this.linkSel = this.linkSel
      .data(links, (l) => l.key)
      .join(
        (enter) => enter.append('line').attr('class', 'link').each((l, i, els) => {
          if (this.animate && fresh.has(l.target)) {
            d3.select(els[i]).attr('opacity', 0).transition('enter').duration(SPAWN_MS).attr('opacity', 1);
          }
        }),
        (update) => update,
        (exit) => exit.remove(),
      )
      .each((l, i, els) => {
        const el = els[i];
        const leaving = this.leaving.has(l.target.key);
        if (!leaving && el.classList.contains('leaving')) {
          d3.select(el).interrupt('leave').attr('opacity', 1);
        }
        el.classList.toggle('leaving', leaving);
        el.classList.toggle('inferred', l.inferred);
        el.setAttribute('data-session', l.target.session);
        el.setAttribute('data-source', l.source.id);
        el.setAttribute('data-target', l.target.id);
      });

    this.svg.classed('dense', this.model.agents.size > DENSE_AGENTS);
    this.updateCentres();

    // Few agents get room to spread and show their names; many are packed tighter.
    const agents = nodes.length - centres.length;
    this.settle(nodes, placed, centres, agents > DENSE_AGENTS);
    const push = Math.max(30, Math.min(120, 6000 / Math.max(agents, 1)));
    const room = agents > DENSE_AGENTS ? 12 : 20;
    this.sim.force('charge').strength((d) => (d.kind === 'centre' ? -4 * push : -push));
    this.sim.force('collide').radius((d) => (d.kind === 'centre' ? 32 : room));
    this.sim.nodes(nodes);
    this.sim.force('link').links(links);
    this.sim.force('x').x((d) => this.centreOf(d).x);
    this.sim.force('y').y((d) => this.centreOf(d).y);
    this.sim.alpha(Math.max(this.sim.alpha(), 0.3)).restart();
    this.tick();
  }

  /** Centres shown: every known session, except an idle "default" beside real sessions. */
  liveCentres() {
    const all = [...this.model.sessions.values()].sort((a, b) => a.order - b.order);
    if (all.length === 0) return [this.model.session(DEFAULT_SESSION, true)];
    if (all.length === 1) return all;
    const busy = new Set([...this.model.agents.values()].map((a) => a.session));
    return all.filter((c) => c.session !== DEFAULT_SESSION || busy.has(DEFAULT_SESSION) || c.project);
  }

  /** Pins the centres on a grid over the viewport, beside the legend and above the counters. */
  layoutCentres(centres) {
    const n = centres.length;
    const left = this.width > 1000 ? 250 : 0;
    const top = 40;
    const width = this.width - left;
    const height = this.height - top - 40;
    const cols = Math.max(1, Math.min(n, Math.ceil(Math.sqrt((n * width) / height))));
    const rows = Math.ceil(n / cols);
    const cellW = width / cols;
    const cellH = height / rows;
    centres.forEach((c, i) => {
      const row = Math.floor(i / cols);
      const inRow = row === rows - 1 ? n - row * cols : cols;
      const offset = left + ((cols - inRow) * cellW) / 2;
      c.fx = offset + ((i % cols) + 0.5) * cellW;
      c.fy = top + (row + 0.5) * cellH;
      c.x = c.fx;
      c.y = c.fy;
    });
  }

  /**
   * A big graph holds still: agents already placed are pinned where they are and only newcomers
   * find their place, so a spawn moves (and repaints) a few nodes instead of hundreds. When the
   * centres move (a session comes or goes, the window is resized), everything is freed to
   * follow them.
   */
  settle(nodes, placed, centres, big) {
    const layout = centres.map((c) => c.key + '@' + Math.round(c.fx) + ',' + Math.round(c.fy)).join(' ');
    // The whole layout gets a few seconds to take its shape, however often agents come and go.
    if (layout !== this.lastLayout) this.settledAt = performance.now() + SETTLE_MS;
    this.lastLayout = layout;
    const settled = performance.now() > this.settledAt;
    for (const n of nodes) {
      if (n.kind !== 'agent') continue;
      if (big && settled && !placed.has(n) && !this.leaving.has(n.key)) {
        n.fx = n.x;
        n.fy = n.y;
      } else {
        n.fx = null;
        n.fy = null;
      }
    }
  }

  /** Where a new node starts: next to its parent, so it branches out of it. */
  place(n) {
    if (n.x != null && n.y != null) return false;
    const from = n.kind === 'agent' ? this.parentOf(n) || this.centreOf(n) : null;
    const angle = Math.random() * 2 * Math.PI;
    const cx = from ? from.x : this.width / 2;
    const cy = from ? from.y : this.height / 2;
    n.x = cx + Math.cos(angle) * 30;
    n.y = cy + Math.sin(angle) * 30;
    return true;
  }

  parentOf(agent) {
    return this.byKey.get(nodeKey(agent.session, agent.parent)) || null;
  }

  centreOf(n) {
    if (n.kind === 'centre') return n;
    return this.byKey.get(nodeKey(n.session, 'main')) || { x: this.width / 2, y: this.height / 2 };
  }

  /** The edge from an agent's parent; when the parent is unknown or gone, from the centre, dashed. */
  edge(agent) {
    const parent = this.parentOf(agent);
    const source = parent && parent !== agent ? parent : this.centreOf(agent);
    const inferred = agent.parentInferred || (!parent && agent.parent !== 'main');
    return { key: agent.key, source, target: agent, inferred };
  }

  create(g, d, fresh) {
    g.attr('class', 'node ' + d.kind)
      .attr('data-node-id', d.id)
      .attr('data-session', d.session)
      .attr('data-pulses', 0);
    const r = d.kind === 'centre' ? CENTRE_R : AGENT_R;
    g.append('g').attr('class', 'buckets'); // first, so the satellites' spokes pass under the node
    if (d.kind === 'centre') {
      g.append('circle').attr('class', 'glow').attr('r', r * 2.4);
      g.append('circle').attr('class', 'wait-ring').attr('r', r + 9);
      g.append('circle').attr('class', 'body').attr('r', r);
      g.append('text').attr('class', 'project').attr('y', r + 18);
      g.append('text').attr('class', 'wait-label').attr('y', r + 32).text('waiting for you');
    } else {
      g.append('circle').attr('class', 'body').attr('r', r);
      g.append('text').attr('class', 'name').attr('y', r + 13);
    }
    if (fresh && this.animate) {
      g.attr('opacity', 0).transition('enter').duration(SPAWN_MS).attr('opacity', 1);
    }
  }

  /** Brings one node's element up to date; touches the DOM only where something changed. */
  update(el, d) {
    d.el = el;
    const leaving = this.leaving.has(d.key);
    if (!leaving && el.classList.contains('leaving')) {
      // The same agent came back while fading out (or a snapshot has it alive): undo the fade.
      const g = d3.select(el).interrupt('leave').attr('opacity', 1);
      g.select('circle.body').interrupt('flash').attr('fill', d.kind === 'agent' ? modelColour(d.model) : null);
      el.classList.remove('leaving');
      el.removeAttribute('data-outcome');
      d.look = null;
    }
    if (d.kind !== 'agent') {
      if (!d.look) this.buckets.render(d); // a centre's element may be new (a snapshot)
      d.look = 'centre';
      return;
    }
    const look = d.model + '\n' + d.type + '\n' + d.parent;
    if (d.look === look) return;
    d.look = look;
    const g = d3.select(el);
    g.attr('class', 'node agent model-' + modelFamily(d.model)).attr('data-parent', d.parent);
    g.select('circle.body').attr('fill', modelColour(d.model));
    g.select('text.name').text(clip(d.type || d.id, 24));
    this.buckets.render(d);
  }

  updateCentres() {
    const centres = [...this.byKey.values()].filter((n) => n.kind === 'centre');
    const labels = new Map();
    for (const c of centres) {
      const label = c.project || (c.session === DEFAULT_SESSION ? 'default' : clip(c.session, 12));
      labels.set(label, (labels.get(label) || 0) + 1);
      c.label = label;
    }
    for (const c of centres) {
      if (!c.el) continue;
      const label = labels.get(c.label) > 1 ? c.label + ' · ' + clip(c.session, 9) : c.label;
      const g = d3.select(c.el);
      g.classed('waiting', c.waiting);
      g.attr('data-waiting', c.waiting ? 'true' : 'false');
      g.select('text.project').text(label);
    }
  }

  /** Moves what moved by a visible amount; still nodes and their edges are not touched. */
  tick() {
    const moved = (d) => {
      if (d.el && d.px != null && Math.abs(d.x - d.px) < 0.2 && Math.abs(d.y - d.py) < 0.2) return false;
      d.px = d.x;
      d.py = d.y;
      return true;
    };
    this.nodeSel.each((d, i, els) => {
      d.moved = moved(d) || els[i].getAttribute('transform') == null;
      if (d.moved) els[i].setAttribute('transform', 'translate(' + d.x.toFixed(1) + ',' + d.y.toFixed(1) + ')');
    });
    this.linkSel.each((l, i, els) => {
      if (!l.source.moved && !l.target.moved && els[i].hasAttribute('x1')) return;
      const el = els[i];
      el.setAttribute('x1', l.source.x.toFixed(1));
      el.setAttribute('y1', l.source.y.toFixed(1));
      el.setAttribute('x2', l.target.x.toFixed(1));
      el.setAttribute('y2', l.target.y.toFixed(1));
    });
  }

  /** Tool use: the node pulses and, without buckets, the tool name floats up and fades. */
  pulse(node, label, failed) {
    const el = node.el;
    if (!el || !el.isConnected || this.leaving.has(node.key)) return;
    el.setAttribute('data-pulses', String(Number(el.getAttribute('data-pulses')) + 1));
    el.setAttribute('data-last-tool', label);
    if (!this.animate) return;
    const centre = node.kind === 'centre';
    const r = centre ? CENTRE_R : AGENT_R;
    this.effects.pulse(node.key, node.x, node.y, r, centre ? CENTRE_PULSE_R : AGENT_PULSE_R,
      centre ? '#fde68a' : modelColour(node.model));
    if (failed || !this.buckets.enabled) this.effects.float(node.x, node.y - r - 6, clip(label, 40), failed);
  }

  /** Done: an outcome-coloured flash, an 800 ms fade, then the node and its edge go. */
  leave(node) {
    const el = node.el;
    if (!this.animate || !el || !el.isConnected) {
      this.forget(node);
      return;
    }
    const g = d3.select(el).classed('leaving', true);
    if (node.kind === 'agent') {
      const colour = outcomeColour(node.outcome);
      g.attr('data-outcome', node.outcome);
      g.select('circle.body').transition('flash').duration(FLASH_MS).attr('fill', colour);
      this.effects.flash(node.x, node.y, AGENT_R, colour);
    }
    g.transition('leave').delay(FLASH_MS).duration(FADE_MS).attr('opacity', 0)
      .on('end', () => this.forget(node));
    this.linkSel.filter((l) => l.target === node)
      .classed('leaving', true)
      .transition('leave').delay(FLASH_MS).duration(FADE_MS).attr('opacity', 0);
  }

  forget(node) {
    if (this.leaving.get(node.key) === node) this.leaving.delete(node.key);
    this.needsJoin = true;
    this.requestFrame();
  }

  /** Read-only view for tests and diagnostics. */
  state() {
    return {
      nodes: [...this.byKey.values()].map((n) => ({ session: n.session, id: n.id, kind: n.kind, leaving: this.leaving.has(n.key) })),
      links: this.linkSel.size(),
      effects: { ...this.effects.stats },
    };
  }
}
