// Label placement: each label is tried below, above, right and left of its node and kept at the
// first place where it overlaps no label already placed and no other node's disc; otherwise it
// is hidden (the card still names the node). Orchestrators go first and are always shown, so
// agents never hide them. Labels are sized in screen pixels, so zooming in makes room and agent
// names come back. Pure: positions in, placements out; a grid of buckets keeps it linear.

const CHAR_W = 5.9; // px per character at the 10 px label font, a little generous
const LINE_H = 12; // px
const CELL = 48; // graph units per grid bucket

/**
 * @param items [{key, x, y, r, text, size (font px), lines (1), priority (higher first), always}]
 * @param scale graph units per screen pixel for labels (1 / zoom, at most 1)
 * @returns Map key → {dx, dy, line, anchor} for the labels shown; dy is the first line's baseline
 */
export function placeLabels(items, scale) {
  const grid = new Map();
  const cellKeys = (b) => {
    const keys = [];
    const x0 = Math.floor(b.x0 / CELL);
    const x1 = Math.floor(b.x1 / CELL);
    const y0 = Math.floor(b.y0 / CELL);
    const y1 = Math.floor(b.y1 / CELL);
    for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) keys.push(i + ',' + j);
    return keys;
  };
  const add = (b) => {
    for (const k of cellKeys(b)) {
      let list = grid.get(k);
      if (!list) grid.set(k, (list = []));
      list.push(b);
    }
  };
  const free = (b) => {
    for (const k of cellKeys(b)) {
      const list = grid.get(k);
      if (!list) continue;
      for (const o of list) {
        if (o.owner !== b.owner && o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1) return false;
      }
    }
    return true;
  };
  for (const it of items) {
    add({ owner: it.key, x0: it.x - it.r, x1: it.x + it.r, y0: it.y - it.r, y1: it.y + it.r });
  }
  const placed = new Map();
  const order = [...items].sort((a, b) => b.priority - a.priority);
  for (const it of order) {
    if (!it.text) continue;
    const size = (it.size || 10) / 10;
    const w = (it.text.length * CHAR_W * size + 4) * scale;
    const line = LINE_H * size * scale;
    const h = line * (it.lines || 1);
    const gap = 2 * scale;
    const tries = [
      { cx: it.x, top: it.y + it.r + gap, anchor: 'middle' },
      { cx: it.x, top: it.y - it.r - gap - h, anchor: 'middle' },
      { cx: it.x + it.r + gap + w / 2, top: it.y - h / 2, anchor: 'start' },
      { cx: it.x - it.r - gap - w / 2, top: it.y - h / 2, anchor: 'end' },
    ];
    let chosen = null;
    for (const t of tries) {
      const box = { owner: it.key, x0: t.cx - w / 2, x1: t.cx + w / 2, y0: t.top, y1: t.top + h };
      if (it.always || free(box)) {
        chosen = { t, box };
        break;
      }
      if (it.always) break;
    }
    if (!chosen) continue;
    add(chosen.box);
    const { t } = chosen;
    const dx = t.anchor === 'middle' ? 0 : t.anchor === 'start' ? t.cx - w / 2 - it.x : t.cx + w / 2 - it.x;
    // Baseline about 80% down the line box.
    placed.set(it.key, { dx, dy: t.top - it.y + line * 0.8, line, anchor: t.anchor });
  }
  return placed;
}
