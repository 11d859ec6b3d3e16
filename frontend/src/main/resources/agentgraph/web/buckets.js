// Tool buckets: each node's tools as small satellites with counts ("Bash ×12"), drawn inside
// the node's own <g> so they move with it at no extra cost per simulation tick.

import { clip } from './format.js';

const MAX_BUCKETS = 6;
const AGENT_ORBIT = 24;
const CENTRE_ORBIT = 40;

export class Buckets {
  constructor() {
    this.enabled = false;
  }

  /** Redraws a node's satellites (or clears them when buckets are off). */
  render(node) {
    const el = node.el;
    if (!el || !el.isConnected) return;
    if (!this.enabled && !node.satellites) return;
    node.satellites = this.enabled;
    const layer = d3.select(el).select('g.buckets');
    const top = this.enabled
      ? [...node.tools].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_BUCKETS)
      : [];
    const orbit = node.kind === 'centre' ? CENTRE_ORBIT : AGENT_ORBIT;
    const angle = (i) => -Math.PI / 2 + (i * 2 * Math.PI) / Math.max(top.length, 1);
    layer.selectAll('g.bucket')
      .data(top, (d) => d[0])
      .join((enter) => {
        const b = enter.append('g').attr('class', 'bucket');
        b.append('line').attr('x1', 0).attr('y1', 0);
        b.append('circle').attr('r', 4);
        b.append('text').attr('y', 3);
        return b;
      })
      .attr('data-tool', (d) => d[0])
      .attr('data-count', (d) => d[1])
      .each((d, i, els) => {
        const a = angle(i);
        const x = Math.cos(a) * orbit;
        const y = Math.sin(a) * orbit;
        const b = d3.select(els[i]).attr('transform', 'translate(' + x.toFixed(1) + ',' + y.toFixed(1) + ')');
        b.select('line').attr('x2', (-x).toFixed(1)).attr('y2', (-y).toFixed(1));
        b.select('text')
          .attr('x', x >= -1 ? 7 : -7)
          .attr('text-anchor', x >= -1 ? 'start' : 'end')
          .text(clip(d[0], 18) + ' ×' + d[1]);
      });
  }
}
