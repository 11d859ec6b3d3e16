// The view's pure rules: clusters, label placement, card placement, search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterAgents, dominantModel, clusterRadius, CLUSTER_MIN, SESSION_AGENTS_BEFORE_CLUSTERS }
  from '../../main/resources/agentgraph/web/clusters.js';
import { placeLabels } from '../../main/resources/agentgraph/web/labels.js';
import { placeCard } from '../../main/resources/agentgraph/web/card-place.js';
import { matches, inFocus, normalise } from '../../main/resources/agentgraph/web/search.js';
import { GraphModel } from '../../main/resources/agentgraph/web/model.js';

function swarm(spec) {
  const m = new GraphModel();
  let seq = 1;
  for (const [id, type, parent, extra] of spec) {
    m.applyFrame({ type: 'event', seq: seq++, data: { event: 'agent_spawn', session_id: 's', id, subagent_type: type, parent_id: parent, ...extra } });
  }
  return m;
}

test('a big session collapses siblings of one type; small groups, parents and teammates stay', () => {
  const spec = [];
  for (let i = 0; i < 20; i++) spec.push(['e' + i, 'Explore', 'main']);
  for (let i = 0; i < 12; i++) spec.push(['g' + i, 'general-purpose', 'main']);
  for (let i = 0; i < 3; i++) spec.push(['p' + i, 'Plan', 'main']);
  spec.push(['child', 'Explore', 'e0']);
  for (let i = 0; i < 6; i++) spec.push(['t' + i, 'researcher', 'main', { kind: 'teammate' }]);
  const m = swarm(spec);
  const { clusters, of } = clusterAgents(m.agents.values());
  const byType = Object.fromEntries(clusters.map((c) => [c.type, c.members.length]));
  assert.deepEqual(byType, { Explore: 19, 'general-purpose': 12 });
  assert.equal(of.has('s\ne0'), false, 'e0 has a child: drawn on its own');
  assert.equal(of.has('s\np0'), false, 'three Plans stay apart');
  assert.equal(of.has('s\nt0'), false, 'teammates stay apart');
  const explore = clusters.find((c) => c.type === 'Explore');
  const { clusters: after } = clusterAgents(m.agents.values(), new Set([explore.key]));
  assert.deepEqual(after.map((c) => c.type), ['general-purpose'], 'an expanded cluster opens');
});

test('a small session never clusters', () => {
  const spec = [];
  for (let i = 0; i < SESSION_AGENTS_BEFORE_CLUSTERS; i++) spec.push(['e' + i, 'Explore', 'main']);
  assert.equal(clusterAgents(swarm(spec).agents.values()).clusters.length, 0);
  assert.ok(CLUSTER_MIN > 1);
  assert.ok(clusterRadius(100) > clusterRadius(10));
  assert.equal(dominantModel([{ model: 'a' }, { model: 'b' }, { model: 'b' }, { model: '' }]), 'b');
});

test('labels that would overlap are not both shown; orchestrators always are', () => {
  const items = [
    { key: 'centre', x: 0, y: 0, r: 18, text: 'shop', size: 13, priority: 3, always: true },
    { key: 'a', x: 0, y: 30, r: 8, text: 'Explore', priority: 1 },
    { key: 'b', x: 4, y: 31, r: 8, text: 'general-purpose', priority: 1 },
  ];
  const placed = placeLabels(items, 1);
  assert.ok(placed.has('centre'));
  const boxes = [...placed.entries()].map(([k, p]) => {
    const it = items.find((i) => i.key === k);
    const w = it.text.length * 5.9 * ((it.size || 10) / 10) + 4;
    const left = p.anchor === 'middle' ? it.x + p.dx - w / 2 : p.anchor === 'start' ? it.x + p.dx : it.x + p.dx - w;
    return { k, x0: left, x1: left + w, y1: it.y + p.dy, y0: it.y + p.dy - 10 };
  });
  for (const a of boxes) for (const b of boxes) {
    if (a.k >= b.k) continue;
    const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    assert.ok(!overlap, a.k + ' overlaps ' + b.k);
  }
  // Zoomed in 4×, the same nodes have room for every name.
  const zoomed = placeLabels(items.map((i) => ({ ...i })), 1 / 4);
  assert.equal(zoomed.size, 3);
});

test('a card sits beside its node and inside the window at every corner', () => {
  const win = { w: 1280, h: 800 };
  const card = { w: 380, h: 480 };
  for (const [x, y] of [[10, 10], [1270, 10], [10, 790], [1270, 790], [640, 400]]) {
    const node = { left: x - 8, right: x + 8, top: y - 8, bottom: y + 8 };
    const p = placeCard(node, card, win);
    assert.ok(p.left >= 0 && p.top >= 0 && p.left + card.w <= win.w && p.top + card.h <= win.h, 'inside at ' + x + ',' + y);
    const covers = p.left < node.right && node.left < p.left + card.w && p.top < node.bottom && node.top < p.top + card.h;
    assert.ok(!covers, 'does not cover the node at ' + x + ',' + y);
  }
});

test('search matches type, model, tool, project, session and host; focus keeps one session or host', () => {
  const m = swarm([['a', 'Explore', 'main', { model: 'claude-haiku-4-5', description: 'Find the parser' }]]);
  m.applyFrame({ type: 'event', seq: 50, data: { event: 'session_start', session_id: 's', cwd: '/home/u/shop', host: 'box-1' } });
  m.applyFrame({ type: 'event', seq: 51, data: { event: 'tool_use', session_id: 's', agent_id: 'a', tool: 'WebFetch' } });
  const a = m.agents.get('s\na');
  const c = m.sessions.get('s');
  for (const q of ['explore', 'HAIKU', 'parser', 'webfetch', 'shop', 'box-1', 's']) assert.ok(matches(a, c, normalise(q)), q);
  assert.equal(matches(a, c, normalise('opus')), false);
  assert.equal(normalise('  (.*)+$  '), '(.*)+$', 'typed text is a plain substring, never a pattern');
  assert.equal(matches(a, c, normalise('(.*)+$')), false);
  assert.ok(inFocus(a, c, { host: 'box-1' }));
  assert.equal(inFocus(a, c, { host: 'box-2' }), false);
  assert.equal(inFocus(a, c, { session: 'other' }), false);
  assert.ok(inFocus(a, c, null));
});
