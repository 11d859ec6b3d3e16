// Tool buckets: each node's tools as small satellites with counts ("Bash ×12"), drawn inside
// the node's own <g> so they move with it at no extra cost per simulation tick.

import { clip } from './format.js';

const MAX_BUCKETS = 6;
const ROW = 12; // px between satellites

export class Buckets {
  constructor() {
    this.enabled = false;
  }

  /**
   * Redraws a node's satellites (or clears them when buckets are off): a short column to the
   * right of the node's element, each satellite tied to it by a spoke, so that labels never collide.
   */
  render(node, el) {
    if (!el || !el.isConnected) return;
    if (!this.enabled && !el.__satellites) return;
    el.__satellites = this.enabled;
    const layer = d3.select(el).select('g.buckets');
    const top = this.enabled
      ? [...node.tools].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_BUCKETS)
      : [];
    el.classList.toggle('has-buckets', top.length > 0);
    const x = node.kind === 'centre' ? 34 : 20;
    const y0 = (-(top.length - 1) * ROW) / 2;
    layer.selectAll('g.bucket')
      .data(top, (d) => d[0])
      .join((enter) => {
        const b = enter.append('g').attr('class', 'bucket');
        b.append('line').attr('x1', 0).attr('y1', 0);
        b.append('circle').attr('r', 3.5);
        b.append('text').attr('x', 6).attr('y', 3.5);
        return b;
      })
      .attr('data-tool', (d) => d[0])
      .attr('data-count', (d) => d[1])
      .each((d, i, els) => {
        const y = y0 + i * ROW;
        const b = d3.select(els[i]).attr('transform', 'translate(' + x + ',' + y.toFixed(1) + ')');
        b.select('line').attr('x2', -x).attr('y2', (-y).toFixed(1));
        b.select('text').text(clip(d[0], 18) + ' ×' + d[1]);
      });
  }
}
