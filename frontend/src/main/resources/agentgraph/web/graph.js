// The SVG graph: one pinned centre per session, agents (or clusters of siblings) placed by the
// layout, and the animations of spawn (fade in), tool use (pulse + floating label), failure and
// done (outcome flash, fade out, removal). All DOM work happens in render(), called once per
// animation frame with the model's effects of that frame; strings go in with .text() only.
//
// Pulses, flashes and floating labels are painted on a canvas over the graph (effects.js): at
// 100 tool calls a second they change every frame, and the graph's SVG is left alone.

import { modelColour, modelFamily, outcomeColour, FAILURE_COLOUR } from './colors.js';
import { clip, runtimeMark } from './format.js';
import { nodeKey, effectiveModel, ORCHESTRATOR } from './model.js';
import { clusterAgents, clusterId, dominantModel, clusterRadius } from './clusters.js';
import { placeLabels } from './labels.js';
import { matches, inFocus } from './search.js';
import { Layout } from './layout.js';
import { Buckets } from './buckets.js';
import { Effects } from './effects.js';

const AGENT_R = 8;
const AGENT_PULSE_R = 12;
const CENTRE_R = 18;
const CENTRE_PULSE_R = 22;
const SPAWN_MS = 300;
const FLASH_MS = 300;
const FADE_MS = 800;
const LABEL_EVERY_MS = 400; // labels are re-placed at most this often while things move
const ZOOM_EXPAND = 2; // zoomed in at least this much, clusters in view open
const ZOOM_COLLAPSE = 1.4; // and below this they close again
// Above this many agents nodes appear and leave without fading: a fade repaints the whole SVG on
// every frame it runs, and with two spawns a second there would always be one running. The
// done flash on the effects canvas still shows.
const FADE_LIMIT = 200;

export class GraphView {
  /**
   * @param svgElement the page's <svg>
   * @param canvasElement the effects canvas laid over it
   * @param model the GraphModel
   * @param requestFrame asks the page loop for another render (after a fade-out ends)
   */
  constructor(svgElement, canvasElement, model, requestFrame) {
    this.model = model;
    this.requestFrame = requestFrame;
    this.svg = d3.select(svgElement);
    this.root = this.svg.append('g').attr('class', 'viewport');
    this.hostLayer = this.root.append('g').attr('class', 'hosts');
    this.linkLayer = this.root.append('g').attr('class', 'links');
    this.agentLayer = this.root.append('g').attr('class', 'nodes agents');
    // Orchestrators and their labels draw above every agent.
    this.centreLayer = this.root.append('g').attr('class', 'nodes centres');
    this.effects = new Effects(canvasElement);
    this.layout = new Layout(() => this.tick(), () => this.relabel());
    this.lastClusterPos = new Map();
    this.hostSig = '';
    this.leaving = new Map(); // key → model node fading out after done or session end
    this.agentSel = this.agentLayer.selectAll('g.node');
    this.centreSel = this.centreLayer.selectAll('g.node');
    this.linkSel = this.linkLayer.selectAll('line.link');
    this.clusterOf = new Map(); // agent key → cluster key, for agents drawn inside a cluster
    this.expanded = new Set(); // cluster keys opened by a click
    this.zoomExpanded = new Set(); // cluster keys opened by zooming in on them
    this.transform = d3.zoomIdentity;
    this.needsJoin = true;
    this.animate = true;
    this.fade = true;
    this.query = '';
    this.focus = null;
    this.labelsAt = 0;
    this.labelStats = { shown: 0, hidden: 0 };
    this.buckets = new Buckets();
    this.resize();

    this.zoom = d3.zoom()
      .scaleExtent([0.2, 6])
      .filter((ev) => !ev.button && ev.type !== 'dblclick')
      .on('zoom', (ev) => {
        this.transform = ev.transform;
        this.root.attr('transform', ev.transform);
        this.effects.setTransform(ev.transform);
      })
      .on('end', () => this.zoomed());
    this.svg.call(this.zoom);
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
    this.layout.setSize(this.width, this.height);
  }

  /** Turns the tool-bucket satellites on or off. */
  setBuckets(on) {
    this.buckets.enabled = on;
    this.svg.classed('buckets-on', on);
    for (const v of this.layout.nodes.values()) if (v.kind !== 'cluster') this.buckets.render(v.data, v.el);
    this.relabel();
  }

  /** Applies one frame's worth of model effects to the SVG. */
  render(effects) {
    this.animate = !document.hidden;
    this.fade = this.animate && this.model.agents.size <= FADE_LIMIT;
    const spawned = [];
    const finished = [];
    const pulses = [];
    const retools = new Set();
    let restyle = false;
    for (const ef of effects) {
      switch (ef.kind) {
        case 'reset':
          this.leaving.clear();
          spawned.length = 0;
          finished.length = 0;
          pulses.length = 0;
          this.needsJoin = true;
          break;
        case 'spawn':
          this.leaving.delete(ef.node.key);
          spawned.push(ef.node);
          this.needsJoin = true;
          break;
        case 'done':
        case 'session-end':
          if (this.fade && !this.clusterOf.has(ef.node.key)) this.leaving.set(ef.node.key, ef.node);
          finished.push(ef.node);
          this.needsJoin = true;
          break;
        case 'relink':
          this.needsJoin = true;
          break;
        case 'session':
        case 'update':
          restyle = true;
          // A waiting agent leaves its cluster: the drawing changes shape.
          if (this.clusterOf.has(ef.node.key)) this.needsJoin = true;
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
    // Sessions grouped by host: a new host moves the centres.
    const hostSig = [...this.model.sessions.values()].map((c) => c.host).join('\n');
    if (hostSig !== this.hostSig) this.needsJoin = true;
    this.hostSig = hostSig;
    if (this.needsJoin) this.join(spawned);
    else if (restyle) this.restyle();
    for (const node of finished) this.leave(node);
    for (const ef of pulses) this.pulse(ef.node, ef.label, ef.kind === 'fail');
    for (const node of retools) {
      const v = this.layout.get(node.key);
      if (v) this.buckets.render(node, v.el);
    }
  }

  /** Rebinds nodes and links to the SVG after the set of nodes or edges changed. */
  join(spawned) {
    this.needsJoin = false;
    const model = this.model;
    const centres = [...model.sessions.values()].sort((a, b) => a.order - b.order);
    const { clusters, of } = clusterAgents(model.agents.values(), new Set([...this.expanded, ...this.zoomExpanded]));
    this.clusterOf = of;

    const list = [];
    const view = (key, kind, data, leaving) => {
      const v = this.layout.ensure(key, kind, data);
      v.leaving = leaving;
      v.centreKey = nodeKey(data.session, ORCHESTRATOR);
      v.r = kind === 'centre' ? CENTRE_R : kind === 'cluster' ? clusterRadius(data.members.length) : AGENT_R;
      list.push(v);
      return v;
    };
    for (const c of centres) view(c.key, 'centre', c, false);
    for (const n of this.leaving.values()) if (n.kind === 'centre' && !model.sessions.has(n.session)) view(n.key, 'centre', n, true);
    for (const a of model.agents.values()) if (!of.has(a.key)) view(a.key, 'agent', a, false);
    for (const g of clusters) view(g.key, 'cluster', g, false);
    for (const n of this.leaving.values()) if (n.kind === 'agent' && !model.agents.has(n.key)) view(n.key, 'agent', n, true);
    const byKey = new Map(list.map((v) => [v.key, v]));

    // Each agent or cluster hangs from its parent's drawing, or from its centre (dashed) when
    // the parent is not on the graph. Sessions without a centre drawn have nothing to hang from.
    const links = [];
    for (const v of list) {
      if (v.kind === 'centre') continue;
      const d = v.data;
      const parentKey = nodeKey(d.session, d.parent);
      const parent = d.parent === ORCHESTRATOR ? null : byKey.get(of.get(parentKey) || parentKey);
      const source = parent && parent !== v ? parent : byKey.get(v.centreKey);
      if (!source) continue;
      const inferred = d.kind !== 'cluster' && (d.parentInferred || (!parent && d.parent !== ORCHESTRATOR));
      links.push({ key: v.key, source, target: v, inferred });
    }
    const near = (v) => {
      if (v.kind === 'centre') return null;
      const d = v.data;
      // An agent let out of a cluster starts where the cluster was.
      const fromCluster = this.lastClusterPos.get(nodeKey(d.session, clusterId(d.parent, d.type || 'agent')));
      if (fromCluster && v.kind === 'agent') return fromCluster;
      return byKey.get(nodeKey(d.session, d.parent)) || byKey.get(v.centreKey) || null;
    };
    this.layout.sync(list, links, near);
    this.lastClusterPos = new Map(list.filter((v) => v.kind === 'cluster').map((v) => [v.key, { x: v.x, y: v.y, kind: 'cluster', r: v.r }]));

    const fresh = new Set(spawned.map((n) => n.key));
    const bind = (sel, data) => sel
      .data(data, (v) => v.key)
      .join(
        (enter) => enter.append('g').each((v, i, els) => this.create(d3.select(els[i]), v, fresh.has(v.key))),
        (update) => update,
        (exit) => exit.remove(),
      )
      .each((v, i, els) => this.update(els[i], v));
    this.centreSel = bind(this.centreSel, list.filter((v) => v.kind === 'centre'));
    this.agentSel = bind(this.agentSel, list.filter((v) => v.kind !== 'centre'));

    this.linkSel = this.linkSel
      .data(links, (l) => l.key)
      .join(
        (enter) => enter.append('line').attr('class', 'link').each((l, i, els) => {
          if (this.fade && fresh.has(l.target.key)) {
            d3.select(els[i]).attr('opacity', 0).transition('enter').duration(SPAWN_MS).attr('opacity', 1);
          }
        }),
        (update) => update,
        (exit) => exit.remove(),
      )
      .each((l, i, els) => {
        const el = els[i];
        const leaving = l.target.leaving;
        if (!leaving && el.classList.contains('leaving')) {
          d3.select(el).interrupt('leave').attr('opacity', 1);
        }
        el.classList.toggle('leaving', leaving);
        el.classList.toggle('inferred', l.inferred);
        el.setAttribute('data-session', l.target.data.session);
        el.setAttribute('data-source', l.source.data.id);
        el.setAttribute('data-target', l.target.data.id);
      });

    this.drawHosts();
    this.restyle();
    this.tick();
    this.relabel();
  }

  /** Host names above their block of sessions, when sessions come from more than one host. */
  drawHosts() {
    this.hostLayer.selectAll('text.host')
      .data(this.layout.hostGroups, (h) => h.host)
      .join((enter) => enter.append('text').attr('class', 'host'))
      .attr('x', (h) => h.x.toFixed(1))
      .attr('y', (h) => h.y.toFixed(1))
      .attr('data-host', (h) => h.host)
      .text((h) => clip(h.host, 40));
    this.hostLayer.selectAll('line.host-rule')
      .data(this.layout.hostGroups.slice(1), (h) => h.host)
      .join((enter) => enter.append('line').attr('class', 'host-rule'))
      .attr('x1', (h) => h.x0.toFixed(1)).attr('x2', (h) => h.x0.toFixed(1))
      .attr('y1', 40).attr('y2', this.height - 50);
  }

  create(g, v, fresh) {
    const d = v.data;
    g.attr('class', 'node ' + v.kind)
      .attr('data-node-id', d.id)
      .attr('data-session', d.session)
      .attr('data-pulses', 0);
    g.append('g').attr('class', 'buckets'); // first, so the satellites' spokes pass under the node
    if (v.kind === 'centre') {
      g.append('circle').attr('class', 'glow').attr('r', CENTRE_R * 2.4);
      g.append('circle').attr('class', 'wait-ring').attr('r', CENTRE_R + 9);
      g.append('circle').attr('class', 'body').attr('r', CENTRE_R);
      g.append('text').attr('class', 'runtime').attr('dy', '0.35em');
      g.append('text').attr('class', 'label project');
      g.append('text').attr('class', 'status');
    } else if (v.kind === 'cluster') {
      g.append('circle').attr('class', 'stack').attr('r', v.r + 4);
      g.append('circle').attr('class', 'body').attr('r', v.r);
      g.append('text').attr('class', 'count').attr('dy', '0.35em');
      g.append('text').attr('class', 'label name');
    } else {
      g.append('circle').attr('class', 'wait-ring').attr('r', AGENT_R + 5);
      if (d.agentKind === 'teammate') {
        g.append('rect').attr('class', 'body').attr('x', -AGENT_R).attr('y', -AGENT_R)
          .attr('width', 2 * AGENT_R).attr('height', 2 * AGENT_R).attr('rx', 3);
      } else {
        g.append('circle').attr('class', 'body').attr('r', AGENT_R);
      }
      g.append('text').attr('class', 'label name');
    }
    if (fresh && this.fade) {
      g.attr('opacity', 0).transition('enter').duration(SPAWN_MS).attr('opacity', 1);
    }
  }

  /** Brings one node's element up to date; touches the DOM only where something changed. */
  update(el, v) {
    const d = v.data;
    v.el = el;
    if (!v.leaving && el.classList.contains('leaving')) {
      // The same agent came back while fading out (or a snapshot has it alive): undo the fade.
      const g = d3.select(el).interrupt('leave').attr('opacity', 1);
      g.select('.body').interrupt('flash');
      el.classList.remove('leaving');
      el.removeAttribute('data-outcome');
      v.look = null;
    }
    if (v.kind === 'centre') {
      if (!v.look) this.buckets.render(d, el); // a centre's element may be new (a snapshot)
      v.look = 'centre';
      return;
    }
    if (v.kind === 'cluster') {
      const model = dominantModel(d.members, (m) => effectiveModel(m, this.model.sessions.get(m.session)));
      const look = d.members.length + '\n' + model;
      if (v.look === look) return;
      v.look = look;
      const g = d3.select(el);
      g.attr('class', 'node cluster model-' + modelFamily(model)).attr('data-count', d.members.length)
        .attr('data-type', d.type).attr('data-parent', d.parent);
      g.select('circle.body').attr('r', v.r).attr('fill', modelColour(model));
      g.select('circle.stack').attr('r', v.r + 4);
      g.select('text.count').text('×' + d.members.length);
      g.select('text.name').text(clip(d.type, 22) + ' ×' + d.members.length);
      v.label = clip(d.type, 22) + ' ×' + d.members.length;
      return;
    }
    const model = effectiveModel(d, this.model.sessions.get(d.session));
    const look = [model, d.type, d.parent, d.waiting, d.idle, d.agentKind, d.stopping].join('\n');
    if (v.look === look) return;
    v.look = look;
    const g = d3.select(el);
    g.attr('class', 'node agent model-' + modelFamily(model) + (d.agentKind === 'teammate' ? ' teammate' : '')
        + (d.waiting ? ' waiting' : '') + (d.idle ? ' idle' : '') + (d.stopping ? ' stopping' : ''))
      .attr('data-parent', d.parent)
      .attr('data-stopping', d.stopping ? 'true' : null)
      .attr('data-model', model)
      .attr('data-waiting', d.waiting ? 'true' : 'false');
    if (!v.leaving) g.select('.body').attr('fill', modelColour(model));
    v.label = (d.stopping ? 'stopping · ' : '') + clip(d.type || d.id, 24);
    g.select('text.name').text(v.label);
    this.buckets.render(d, el);
  }

  /** Labels, waiting and compacting looks of the centres; models of agents; search and focus. */
  restyle() {
    const counts = new Map();
    const centres = this.centreSel.data();
    for (const v of centres) {
      const c = v.data;
      const base = c.project || clip(c.session, 12);
      v.baseLabel = base + (c.orchestratorType ? ' (' + clip(c.orchestratorType, 20) + ')' : '');
      counts.set(v.baseLabel, (counts.get(v.baseLabel) || 0) + 1);
    }
    for (const v of centres) {
      const c = v.data;
      v.label = counts.get(v.baseLabel) > 1 ? v.baseLabel + ' · ' + clip(c.session, 9) : v.baseLabel;
      const g = d3.select(v.el);
      g.classed('waiting', c.waiting);
      g.classed('compacting', c.compacting && !c.waiting);
      g.classed('held', c.held);
      g.attr('data-held', c.held ? 'true' : null);
      g.attr('data-waiting', c.waiting ? 'true' : 'false');
      g.attr('data-host', c.host || null);
      g.attr('data-runtime', c.runtime || null);
      g.select('text.runtime').text(runtimeMark(c.runtime));
      g.select('text.project').text(v.label);
      g.select('text.status').text(c.waiting ? 'waiting for you' : c.compacting ? 'compacting…' : c.held ? 'held' : '');
      v.lines = c.waiting || c.compacting || c.held ? 2 : 1;
    }
    this.agentSel.each((v, i, els) => this.update(els[i], v));
    this.highlight();
  }

  /** Search and focus: matches stay bright, the rest is dimmed. */
  setQuery(query, focus) {
    this.query = query;
    this.focus = focus;
    this.highlight();
  }

  highlight() {
    const q = this.query;
    const active = q !== '' || this.focus != null;
    this.svg.classed('searching', active);
    let count = 0;
    const lit = (v) => {
      if (!active) return false;
      const members = v.kind === 'cluster' ? v.data.members : [v.data];
      const centreOf = (n) => this.model.sessions.get(n.session) || (n.kind === 'centre' ? n : null);
      return members.some((n) => matches(n, centreOf(n), q) && inFocus(n, centreOf(n), this.focus));
    };
    const mark = (v, i, els) => {
      const on = lit(v);
      if (on) count += v.kind === 'cluster' ? v.data.members.length : 1;
      els[i].classList.toggle('match', on);
    };
    this.centreSel.each(mark);
    this.agentSel.each(mark);
    this.matchCount = active ? count : null;
  }

  /** Moves what moved by a visible amount; an edge is redrawn whenever an end is not where it is drawn. */
  tick() {
    const moved = (v, el) => {
      if (v.px != null && Math.abs(v.x - v.px) < 0.2 && Math.abs(v.y - v.py) < 0.2 && el.hasAttribute('transform')) return;
      v.px = v.x;
      v.py = v.y;
      el.setAttribute('transform', 'translate(' + v.x.toFixed(1) + ',' + v.y.toFixed(1) + ')');
    };
    this.centreSel.each((v, i, els) => moved(v, els[i]));
    this.agentSel.each((v, i, els) => moved(v, els[i]));
    // Checked against the line's own drawn ends, not "did a node move": a line given a new
    // source by join() must follow it even when neither end moved (issue 13's ghost edges).
    this.linkSel.each((l, i, els) => {
      const el = els[i];
      const ends = el.__ends || (el.__ends = [NaN, NaN, NaN, NaN]);
      const s = l.source;
      const t = l.target;
      if (Math.abs(s.x - ends[0]) < 0.2 && Math.abs(s.y - ends[1]) < 0.2
          && Math.abs(t.x - ends[2]) < 0.2 && Math.abs(t.y - ends[3]) < 0.2) return;
      ends[0] = s.x;
      ends[1] = s.y;
      ends[2] = t.x;
      ends[3] = t.y;
      el.setAttribute('x1', s.x.toFixed(1));
      el.setAttribute('y1', s.y.toFixed(1));
      el.setAttribute('x2', t.x.toFixed(1));
      el.setAttribute('y2', t.y.toFixed(1));
    });
    if (performance.now() - this.labelsAt > LABEL_EVERY_MS) this.relabel();
  }

  /** Places every label where it collides with nothing; hides the ones that find no room. */
  relabel() {
    this.labelsAt = performance.now();
    const k = this.transform.k;
    const scale = 1 / Math.max(1, k);
    const items = [];
    const views = [...this.centreSel.data(), ...this.agentSel.data()];
    for (const v of views) {
      if (v.leaving) continue;
      const priority = v.kind === 'centre' ? 3 : v.kind === 'cluster' ? 2 : 1;
      const hidden = v.kind === 'agent' && v.el && v.el.classList.contains('has-buckets');
      items.push({
        key: v.key, x: v.x, y: v.y, r: v.kind === 'cluster' ? v.r + 4 : v.r, priority,
        text: hidden ? '' : v.label || '', size: v.kind === 'centre' ? 13 : 10,
        lines: v.lines || 1, always: v.kind === 'centre',
      });
    }
    const placed = placeLabels(items, scale);
    // Changing the variable restyles every label: only when the zoom changed it.
    if (this.labelScale !== scale) {
      this.labelScale = scale;
      this.svg.node().style.setProperty('--label-scale', String(scale));
    }
    let shown = 0;
    for (const v of views) {
      if (!v.el) continue;
      const text = v.el.querySelector('text.label');
      if (!text) continue;
      const p = placed.get(v.key);
      const look = p ? p.dx.toFixed(1) + ',' + p.dy.toFixed(1) + p.anchor : 'hidden';
      if (p) shown++;
      if (v.labelLook === look) continue;
      v.labelLook = look;
      if (!p) {
        text.setAttribute('display', 'none');
        continue;
      }
      text.removeAttribute('display');
      text.setAttribute('x', p.dx.toFixed(1));
      text.setAttribute('y', p.dy.toFixed(1));
      text.setAttribute('text-anchor', p.anchor);
      const status = v.el.querySelector('text.status');
      if (status) {
        status.setAttribute('x', p.dx.toFixed(1));
        status.setAttribute('y', (p.dy + p.line).toFixed(1));
        status.setAttribute('text-anchor', p.anchor);
      }
    }
    this.labelStats = { shown, hidden: items.filter((i) => i.text).length - shown };
  }

  /** After a pan or zoom: labels get re-placed, clusters in view open when zoomed in far enough. */
  zoomed() {
    const k = this.transform.k;
    if (k >= ZOOM_EXPAND) {
      let opened = false;
      for (const v of this.agentSel.data()) {
        if (v.kind !== 'cluster' || this.zoomExpanded.has(v.key)) continue;
        const [sx, sy] = this.transform.apply([v.x, v.y]);
        if (sx >= 0 && sy >= 0 && sx <= this.width && sy <= this.height) {
          this.zoomExpanded.add(v.key);
          opened = true;
        }
      }
      if (opened) this.needsJoin = true;
    } else if (k < ZOOM_COLLAPSE && this.zoomExpanded.size > 0) {
      this.zoomExpanded.clear();
      this.needsJoin = true;
    }
    if (this.needsJoin) this.requestFrame();
    else this.relabel();
  }

  /** Opens a cluster (a click on it): its members are drawn one by one. */
  expand(clusterKey) {
    this.expanded.add(clusterKey);
    this.needsJoin = true;
    this.requestFrame();
  }

  /** Closes every cluster opened by a click. */
  collapseAll() {
    if (this.expanded.size === 0) return;
    this.expanded.clear();
    this.needsJoin = true;
    this.requestFrame();
  }

  /** The view node drawing a model node: its own, or the cluster it is in. */
  viewOf(node) {
    return this.layout.get(node.key) || this.layout.get(this.clusterOf.get(node.key)) || null;
  }

  /** Tool use: the node pulses and, without buckets, the tool name floats up and fades. */
  pulse(node, label, failed) {
    const v = this.viewOf(node);
    if (!v || !v.el || !v.el.isConnected || v.leaving) return;
    const el = v.el;
    el.setAttribute('data-pulses', String(Number(el.getAttribute('data-pulses')) + 1));
    el.setAttribute('data-last-tool', label);
    if (!this.animate) return;
    const centre = v.kind === 'centre';
    const colour = failed ? FAILURE_COLOUR : centre ? '#fde68a'
      : v.kind === 'cluster' ? el.querySelector('.body').getAttribute('fill')
        : modelColour(effectiveModel(node, this.model.sessions.get(node.session)));
    const peak = centre ? CENTRE_PULSE_R : v.kind === 'cluster' ? v.r + 4 : AGENT_PULSE_R;
    this.effects.pulse(v.key, v.x, v.y, v.r, peak, colour);
    if (failed) this.effects.flash(v.x, v.y, v.r, FAILURE_COLOUR);
    if (failed || (!this.buckets.enabled && v.kind !== 'cluster')) this.effects.float(v.x, v.y - v.r - 6, clip(label, 40), failed, v.key);
  }

  /** Done: an outcome-coloured flash, an 800 ms fade, then the node and its edge go. */
  leave(node) {
    const v = this.layout.get(node.key);
    const el = v && v.el;
    if (!this.fade || !el || !el.isConnected) {
      if (this.animate && v && node.kind === 'agent') this.effects.flash(v.x, v.y, AGENT_R, outcomeColour(node.outcome));
      this.forget(node);
      return;
    }
    const g = d3.select(el).classed('leaving', true);
    if (node.kind === 'agent') {
      const colour = outcomeColour(node.outcome);
      g.attr('data-outcome', node.outcome);
      g.select('.body').transition('flash').duration(FLASH_MS).attr('fill', colour);
      this.effects.flash(v.x, v.y, AGENT_R, colour);
    }
    g.transition('leave').delay(FLASH_MS).duration(FADE_MS).attr('opacity', 0)
      .on('end', () => this.forget(node));
    this.linkSel.filter((l) => l.target === v)
      .classed('leaving', true)
      .transition('leave').delay(FLASH_MS).duration(FADE_MS).attr('opacity', 0);
  }

  forget(node) {
    if (this.leaving.get(node.key) === node) this.leaving.delete(node.key);
    this.needsJoin = true;
    this.requestFrame();
  }

  /** Centres the view on a node (focus), or puts it at a given window point. */
  panTo(key, sx = this.width / 2, sy = this.height / 2) {
    const v = this.layout.get(key);
    if (!v) return false;
    const k = this.transform.k;
    this.svg.call(this.zoom.transform, d3.zoomIdentity.translate(sx - v.x * k, sy - v.y * k).scale(k));
    return true;
  }

  /** Zooms to scale k around a window point, like the wheel would. */
  zoomAt(k, sx = this.width / 2, sy = this.height / 2) {
    const t = this.transform;
    const gx = (sx - t.x) / t.k;
    const gy = (sy - t.y) / t.k;
    this.svg.call(this.zoom.transform, d3.zoomIdentity.translate(sx - gx * k, sy - gy * k).scale(k));
  }

  /** Back to no pan and no zoom. */
  resetView() {
    this.svg.call(this.zoom.transform, d3.zoomIdentity);
  }

  /** The model node or cluster drawn by an SVG element under the pointer, with its view node. */
  hit(target) {
    const g = target && target.closest ? target.closest('g.node') : null;
    if (!g) return null;
    const v = d3.select(g).datum();
    return v ? { view: v, node: v.data, el: g } : null;
  }

  /** Read-only view for tests and diagnostics. */
  state() {
    const nodes = [];
    for (const v of this.layout.nodes.values()) {
      nodes.push({
        session: v.data.session, id: v.data.id, kind: v.kind, leaving: !!v.leaving,
        count: v.kind === 'cluster' ? v.data.members.length : undefined,
      });
    }
    return {
      nodes,
      links: this.linkSel.size(),
      effects: { ...this.effects.stats },
      settled: this.layout.settled,
      moving: this.layout.moving,
      alpha: this.layout.sim.alpha(),
      labels: { ...this.labelStats },
      zoom: this.transform.k,
      matches: this.matchCount,
      hosts: this.layout.hostGroups.map((h) => h.host),
    };
  }
}

