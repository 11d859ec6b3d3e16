// Level of detail: in a session with many agents, siblings of one type (same parent, same
// subagent_type) collapse into one cluster node, "Explore ×12", so 1,000 agents draw as a few
// dozen shapes. A click (or zooming in on it) expands a cluster; an agent that has children of
// its own never collapses, so every edge keeps a visible end. Pure: no DOM, no layout.

import { nodeKey } from './model.js';

/** A session collapses siblings once it has more alive agents than this. */
export const SESSION_AGENTS_BEFORE_CLUSTERS = 24;
/** Siblings of one type collapse when there are at least this many. */
export const CLUSTER_MIN = 6;

/** The id of the cluster of a parent's children of one type, unique within its session. */
export function clusterId(parent, type) {
  return 'cluster:' + parent + ':' + type;
}

/**
 * Groups alive agents. Returns {clusters: [{key, id, session, parent, type, members}], of:
 * Map agent key → cluster key}. {@code expanded} holds cluster keys the user opened.
 */
export function clusterAgents(alive, expanded = new Set()) {
  const agents = [...alive];
  const perSession = new Map();
  const parents = new Set();
  for (const a of agents) {
    perSession.set(a.session, (perSession.get(a.session) || 0) + 1);
    parents.add(nodeKey(a.session, a.parent));
  }
  const groups = new Map();
  for (const a of agents) {
    if (perSession.get(a.session) <= SESSION_AGENTS_BEFORE_CLUSTERS) continue;
    if (parents.has(a.key)) continue; // it has children: their edges need it drawn
    if (a.agentKind === 'teammate' || a.waiting || a.stopping) continue; // drawn on their own, always
    const type = a.type || 'agent';
    const id = clusterId(a.parent, type);
    const key = nodeKey(a.session, id);
    if (expanded.has(key)) continue;
    let g = groups.get(key);
    if (!g) {
      g = { key, id, kind: 'cluster', session: a.session, parent: a.parent, type, members: [] };
      groups.set(key, g);
    }
    g.members.push(a);
  }
  const clusters = [];
  const of = new Map();
  for (const g of groups.values()) {
    if (g.members.length < CLUSTER_MIN) continue;
    clusters.push(g);
    for (const m of g.members) of.set(m.key, g.key);
  }
  return { clusters, of };
}

/** The most common model among a cluster's members (its colour), '' when none is known. */
export function dominantModel(members, modelOf = (m) => m.model) {
  const counts = new Map();
  let best = '';
  let bestCount = 0;
  for (const m of members) {
    const model = modelOf(m);
    if (!model) continue;
    const c = (counts.get(model) || 0) + 1;
    counts.set(model, c);
    if (c > bestCount) {
      best = model;
      bestCount = c;
    }
  }
  return best;
}

/** Radius of a cluster node: grows with the square root of its size (its area with the count). */
export function clusterRadius(count) {
  return 9 + 2.6 * Math.sqrt(count);
}
