// Where things are drawn: a D3 force simulation over "view nodes" — one per orchestrator,
// agent or cluster drawn — kept apart from the model, so the model holds no positions and a
// snapshot that lists the same nodes finds them where they were. Centres are pinned on a grid
// (grouped by host when there are several hosts); agents find their place around them.

const SETTLE_MS = 2500; // how long the whole layout may move after the centres moved
const BIG = 80; // above this many agents, agents already placed hold still (see settle())
const SPOT = 48; // px per bucket of FreeSpots (at least the largest distance it checks)

export class Layout {
  /**
   * @param onTick called after each simulation step
   * @param onEnd called when the simulation comes to rest
   */
  constructor(onTick, onEnd) {
    this.nodes = new Map(); // key → view node {key, kind, data, x, y, vx, vy, fx, fy, el, …}
    this.settledAt = 0;
    this.lastLayout = '';
    this.hostGroups = [];
    this.width = 1280;
    this.height = 800;
    this.sim = d3.forceSimulation([])
      .alphaDecay(0.035)
      .velocityDecay(0.45)
      .force('link', d3.forceLink([]).id((d) => d.key)
        .distance((l) => (l.source.kind === 'centre' ? 90 : 52) + (l.target.r || 8))
        .strength(0.5))
      .force('charge', d3.forceManyBody().distanceMax(280).theta(0.95))
      .force('collide', d3.forceCollide().iterations(1))
      .force('x', d3.forceX().strength(0.03))
      .force('y', d3.forceY().strength(0.03))
      .on('tick', onTick)
      .on('end', onEnd);
  }

  setSize(width, height) {
    this.width = width;
    this.height = height;
  }

  /** The view node of a key, created (without a position) if new. */
  ensure(key, kind, data) {
    let v = this.nodes.get(key);
    if (!v) {
      v = { key, kind, data, x: null, y: null };
      this.nodes.set(key, v);
    }
    v.kind = kind;
    v.data = data;
    return v;
  }

  get(key) {
    return this.nodes.get(key) || null;
  }

  /**
   * Runs the simulation over these view nodes and links; view nodes not listed are forgotten.
   * {@code near} gives a newcomer's starting point (its parent, or the cluster it came out of).
   * A big graph that has settled is not simulated at all (see settle()).
   */
  sync(list, links, near) {
    const keep = new Set(list.map((v) => v.key));
    for (const k of [...this.nodes.keys()]) if (!keep.has(k)) this.nodes.delete(k);
    const centres = list.filter((v) => v.kind === 'centre');
    this.layoutCentres(centres);
    const free = new FreeSpots(list);
    for (const v of list) if (v.x == null || v.y == null) this.place(v, near(v), free);
    const agents = list.length - centres.length;
    const big = agents > BIG;
    if (this.settle(list, centres, big)) {
      // Settled and big: newcomers stay in the free spots they got; nothing is simulated, so
      // nothing in the SVG moves between one change of the graph and the next.
      this.sim.stop();
      this.sim.nodes([]);
      this.sim.force('link').links([]);
      this.sim.alpha(0);
      return;
    }
    const push = Math.max(30, Math.min(120, 6000 / Math.max(agents, 1)));
    const room = big ? 12 : 20;
    this.sim.force('charge').strength((d) => (d.kind === 'centre' ? -4 * push : d.kind === 'cluster' ? -2 * push : -push));
    // Orchestrators keep agents at a distance, so their labels and glow stay visible.
    this.sim.force('collide').radius((d) => (d.kind === 'centre' ? 46 : (d.r || 8) + room - 8));
    this.sim.nodes(list);
    this.sim.force('link').links(links);
    const centreOf = (d) => this.nodes.get(d.centreKey) || { x: this.width / 2, y: this.height / 2 };
    this.sim.force('x').x((d) => centreOf(d).x);
    this.sim.force('y').y((d) => centreOf(d).y);
    this.sim.alpha(Math.max(this.sim.alpha(), 0.3)).restart();
  }

  /** True while the simulation still moves things. */
  get moving() {
    return this.sim.alpha() > this.sim.alphaMin();
  }

  /**
   * Pins the centres on a grid over the viewport, beside the legend and above the counters.
   * With more than one host, each host gets a block of the width for its sessions.
   */
  layoutCentres(centres) {
    const left = this.width > 1000 ? 250 : 0;
    const top = 50;
    const width = this.width - left;
    const height = this.height - top - 50;
    const byHost = new Map();
    for (const c of centres) {
      const host = c.data.host || '';
      if (!byHost.has(host)) byHost.set(host, []);
      byHost.get(host).push(c);
    }
    this.hostGroups = [];
    // Grouped only when at least two machines are named; sessions without a host form their own group.
    const named = [...byHost.keys()].filter((h) => h !== '').length;
    if (named < 2) {
      grid(centres, left, top, width, height);
      return;
    }
    const hosts = [...byHost.keys()].sort();
    let x = left;
    for (const host of hosts) {
      const members = byHost.get(host);
      const w = (width * members.length) / centres.length;
      grid(members, x, top + 24, w, height - 24);
      this.hostGroups.push({ host: host || 'no host name', x: x + w / 2, y: top + 10, x0: x, width: w });
      x += w;
    }
  }

  /**
   * A big graph holds still: once the layout had its time to take shape, every agent is pinned
   * where it is and a newcomer where it was placed (a free spot by its parent), so 1,000 agents
   * cost nothing per frame and a spawn repaints one node, not hundreds. When the centres move (a
   * session comes or goes, the window is resized), everything is freed to follow them. Returns
   * whether the graph holds still.
   */
  settle(list, centres, big) {
    const layout = centres.map((c) => c.key + '@' + Math.round(c.fx) + ',' + Math.round(c.fy)).join(' ');
    if (layout !== this.lastLayout) this.settledAt = performance.now() + SETTLE_MS;
    this.lastLayout = layout;
    const still = big && performance.now() > this.settledAt;
    for (const v of list) {
      if (v.kind === 'centre') continue;
      if (still) {
        v.fx = v.x;
        v.fy = v.y;
      } else {
        v.fx = null;
        v.fy = null;
      }
    }
    return still;
  }

  /** True once the layout had its time to take shape (big graphs then hold still). */
  get settled() {
    return performance.now() > this.settledAt;
  }

  /** Where a new node starts: in a free spot next to its parent, so it branches out of it. */
  place(v, from, free) {
    const cx = from && from.x != null ? from.x : this.width / 2;
    const cy = from && from.y != null ? from.y : this.height / 2;
    const d0 = from && from.kind === 'cluster' ? (from.r || 12) : from && from.kind === 'centre' ? 50 : 28;
    for (let attempt = 0; attempt < 16; attempt++) {
      const angle = Math.random() * 2 * Math.PI;
      const d = d0 + attempt * 5;
      v.x = cx + Math.cos(angle) * d;
      v.y = cy + Math.sin(angle) * d;
      if (free.isFree(v.x, v.y)) break;
    }
    free.add(v);
  }
}

/** The placed nodes in a grid of buckets, to find a spot no other node sits on. */
class FreeSpots {
  constructor(list) {
    this.cells = new Map();
    for (const v of list) if (v.x != null && v.y != null) this.add(v);
  }

  add(v) {
    const k = Math.floor(v.x / SPOT) + ',' + Math.floor(v.y / SPOT);
    let cell = this.cells.get(k);
    if (!cell) this.cells.set(k, (cell = []));
    cell.push(v);
  }

  isFree(x, y) {
    const i = Math.floor(x / SPOT);
    const j = Math.floor(y / SPOT);
    for (let a = i - 1; a <= i + 1; a++) {
      for (let b = j - 1; b <= j + 1; b++) {
        for (const v of this.cells.get(a + ',' + b) || []) {
          const min = v.kind === 'centre' ? 46 : (v.r || 8) + 12;
          if ((v.x - x) ** 2 + (v.y - y) ** 2 < min * min) return false;
        }
      }
    }
    return true;
  }
}

function grid(centres, left, top, width, height) {
  const n = centres.length;
  if (n === 0) return;
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
