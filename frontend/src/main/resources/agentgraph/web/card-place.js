// Where a card goes: beside the node it describes (right, left, below, above, in that order),
// the first side where it fits inside the window; failing all, the side with the most room,
// pushed inside the window. It never covers the node when any side has room. Pure.

const GAP = 12; // px between the node and the card
const MARGIN = 8; // px between the card and the window's edge

/**
 * @param node the node's box in window coordinates {left, top, right, bottom}
 * @param card the card's size {w, h}
 * @param win the window's size {w, h}
 * @returns {left, top} of the card
 */
export function placeCard(node, card, win) {
  const cx = (node.left + node.right) / 2;
  const cy = (node.top + node.bottom) / 2;
  const clampX = (x) => Math.max(MARGIN, Math.min(x, win.w - card.w - MARGIN));
  const clampY = (y) => Math.max(MARGIN, Math.min(y, win.h - card.h - MARGIN));
  const sides = [
    { room: win.w - MARGIN - (node.right + GAP), need: card.w, at: () => ({ left: node.right + GAP, top: clampY(cy - card.h / 2) }) },
    { room: node.left - GAP - MARGIN, need: card.w, at: () => ({ left: node.left - GAP - card.w, top: clampY(cy - card.h / 2) }) },
    { room: win.h - MARGIN - (node.bottom + GAP), need: card.h, at: () => ({ left: clampX(cx - card.w / 2), top: node.bottom + GAP }) },
    { room: node.top - GAP - MARGIN, need: card.h, at: () => ({ left: clampX(cx - card.w / 2), top: node.top - GAP - card.h }) },
  ];
  const fits = sides.find((s) => s.room >= s.need);
  if (fits) return fits.at();
  const best = sides.reduce((a, b) => (b.room / b.need > a.room / a.need ? b : a));
  const p = best.at();
  return { left: clampX(p.left), top: clampY(p.top) };
}
