// What the page knows: sessions and their alive agents, rebuilt from each snapshot and kept
// current by events. No DOM here: the model records what changed as "effects" that the view
// turns into SVG once per animation frame.

import { str, num, time, basename } from './format.js';
import { toolCounts } from './tool-stats.js';

export const DEFAULT_SESSION = 'default';
export const ORCHESTRATOR = 'main';
// Distinct tool and skill names kept per node, as the tool aggregator does: hostile input with a
// new name on every call must not grow the page's memory.
const MAX_NAMES = 64;
const OTHER = '(other)';

/** Node identity is (session, id); a newline cannot occur in a meaningful id of either. */
export function nodeKey(session, id) {
  return session + '\n' + id;
}

/** Snapshot parts may be arrays or objects keyed by id; both are accepted. */
function entries(v) {
  if (Array.isArray(v)) return v.filter((x) => x && typeof x === 'object');
  if (v && typeof v === 'object') {
    return Object.entries(v)
      .filter(([, x]) => x && typeof x === 'object' && !Array.isArray(x))
      .map(([k, x]) => ({ __key: k, ...x }));
  }
  return [];
}

export class GraphModel {
  constructor(now = () => Date.now()) {
    this.now = now;
    this.sessions = new Map(); // session id → centre node (the session's orchestrator)
    this.agents = new Map(); // node key → alive agent node
    this.seq = null; // seq of the last snapshot or event applied
    this.gap = false; // an event was missed: only a new snapshot can set things right
    this.counters = { spawned: 0, toolCalls: 0, done: 0, lastEventAt: null };
    this.effects = [];
    this.order = 0; // first-seen order of sessions, so centres keep their places
    this.snapshots = 0;
  }

  /** Takes the effects recorded since the last call. */
  drainEffects() {
    const e = this.effects;
    this.effects = [];
    return e;
  }

  /** Applies one server frame; anything unexpected is ignored. */
  applyFrame(frame) {
    if (!frame || typeof frame !== 'object') return;
    if (frame.type === 'snapshot') {
      this.reset(frame);
    } else if (frame.type === 'event') {
      const seq = num(frame.seq);
      if (seq != null && this.seq != null) {
        if (seq <= this.seq) return; // already in the snapshot, or already applied
        if (seq > this.seq + 1) this.gap = true;
      }
      if (seq != null) this.seq = seq;
      this.applyEvent(frame.data);
    }
  }

  /** Rebuilds everything from a snapshot; positions of nodes that stay are kept. */
  reset(snapshot) {
    const oldAgents = this.agents;
    const oldSessions = this.sessions;
    this.agents = new Map();
    this.sessions = new Map();
    this.seq = num(snapshot.seq);
    this.gap = false;
    this.snapshots++;
    for (const s of entries(snapshot.sessions)) {
      const id = str(s.session_id) || str(s.id) || str(s.__key);
      if (!id) continue;
      const centre = this.session(id, true);
      this.describeSession(centre, s);
      centre.waiting = s.waiting === true;
      centre.waitingMessage = str(s.message) || str(s.waiting_message);
      carry(oldSessions.get(id), centre);
    }
    for (const a of entries(snapshot.alive)) {
      const id = str(a.id) || str(a.agent_id) || str(a.__key);
      if (!id || id === ORCHESTRATOR) continue;
      const sid = str(a.session_id) || DEFAULT_SESSION;
      const centre = this.session(sid, true);
      if (!centre.project && str(a.project)) centre.project = str(a.project);
      const agent = this.newAgent(sid, id);
      this.describeAgent(agent, a);
      agent.startedAt = time(a.started_at) ?? time(a.ts) ?? this.now();
      agent.lastActivity = time(a.last_activity) ?? agent.startedAt;
      carry(oldAgents.get(agent.key), agent);
      this.agents.set(agent.key, agent);
    }
    this.applyToolStats(snapshot.tools);
    this.effects = [{ kind: 'reset' }];
  }

  applyEvent(e) {
    if (!e || typeof e !== 'object' || Array.isArray(e)) return;
    const type = str(e.event);
    if (!type) return;
    // Aggregates are derived, not news: they do not reset "last event".
    if (type === 'tool_stats') return this.applyToolStats(e.tools);
    this.counters.lastEventAt = this.now();
    const sid = str(e.session_id) || DEFAULT_SESSION;
    switch (type) {
      case 'agent_spawn': return this.spawn(sid, e);
      case 'agent_done': return this.done(sid, e);
      case 'tool_use': return this.toolUse(sid, e);
      case 'tool_done': return this.toolDone(sid, e, false);
      case 'tool_failed': return this.toolDone(sid, e, true);
      case 'skill_use': return this.skillUse(sid, e);
      case 'session_start': return this.sessionStart(sid, e);
      case 'session_end': return this.sessionEnd(sid);
      case 'waiting': return this.waiting(sid, e);
      default: return undefined; // unknown types are someone else's business
    }
  }

  spawn(sid, e) {
    const id = str(e.id) || str(e.agent_id);
    if (!id || id === ORCHESTRATOR) return;
    this.touch(sid, e);
    const key = nodeKey(sid, id);
    let agent = this.agents.get(key);
    const before = agent && agent.parent + '|' + agent.parentInferred;
    if (!agent) {
      agent = this.newAgent(sid, id);
      agent.startedAt = time(e.ts) ?? this.now();
      this.agents.set(key, agent);
      this.counters.spawned++;
      this.effects.push({ kind: 'spawn', node: agent });
    }
    this.describeAgent(agent, e);
    agent.lastActivity = this.now();
    if (before && before !== agent.parent + '|' + agent.parentInferred) {
      this.effects.push({ kind: 'relink' });
    }
  }

  done(sid, e) {
    const id = str(e.id) || str(e.agent_id);
    this.counters.done++;
    const agent = this.agents.get(nodeKey(sid, id));
    if (!agent) return;
    this.touch(sid, e);
    agent.outcome = str(e.outcome) || 'done';
    agent.durationMs = num(e.duration_ms);
    if (num(e.cost_usd) != null) agent.cost = num(e.cost_usd);
    if (e.tokens != null) agent.tokens = e.tokens;
    agent.costPartial = e.cost_partial === true;
    this.finish(agent);
  }

  finish(agent) {
    agent.doneAt = this.now();
    this.agents.delete(agent.key);
    this.effects.push({ kind: 'done', node: agent });
  }

  toolUse(sid, e) {
    const centre = this.touch(sid, e);
    const node = this.node(centre, str(e.agent_id));
    const tool = str(e.tool) || 'tool';
    this.counters.toolCalls++;
    if (!node) return;
    const name = node.tools.has(tool) || node.tools.size < MAX_NAMES ? tool : OTHER;
    node.tools.set(name, (node.tools.get(name) || 0) + 1);
    node.lastTool = tool;
    node.lastSummary = str(e.summary);
    node.lastActivity = this.now();
    this.effects.push({ kind: 'pulse', node, label: tool });
    this.effects.push({ kind: 'tools', node });
  }

  toolDone(sid, e, failed) {
    const centre = this.touch(sid, e);
    const node = this.node(centre, str(e.agent_id));
    if (!node) return;
    node.lastActivity = this.now();
    if (failed) {
      node.failures++;
      this.effects.push({ kind: 'fail', node, label: (str(e.tool) || 'tool') + ' failed' });
    }
  }

  skillUse(sid, e) {
    const centre = this.touch(sid, e);
    const node = this.node(centre, str(e.agent_id));
    if (!node) return;
    const skill = str(e.skill) || 'skill';
    if (node.skills.size < MAX_NAMES) node.skills.add(skill);
    node.lastActivity = this.now();
    this.effects.push({ kind: 'pulse', node, label: 'skill ' + skill });
  }

  sessionStart(sid, e) {
    const centre = this.touch(sid, e);
    this.describeSession(centre, e);
    this.effects.push({ kind: 'session', node: centre });
  }

  sessionEnd(sid) {
    const centre = this.sessions.get(sid);
    if (!centre) return;
    for (const agent of [...this.agents.values()]) {
      if (agent.session !== sid) continue;
      agent.outcome = 'session_ended';
      this.finish(agent);
    }
    this.sessions.delete(sid);
    centre.doneAt = this.now();
    this.effects.push({ kind: 'session-end', node: centre });
  }

  waiting(sid, e) {
    const centre = this.session(sid, true);
    centre.waiting = true;
    centre.waitingMessage = str(e.message);
    this.effects.push({ kind: 'session', node: centre });
  }

  /** Replaces tool counts of the nodes the aggregator names; per-call counts fill the gaps. */
  applyToolStats(tools) {
    for (const { session, agent, counts } of toolCounts(tools)) {
      const centre = this.sessions.get(session || DEFAULT_SESSION);
      const node = centre && this.node(centre, agent);
      if (!node) continue;
      node.tools = counts;
      this.effects.push({ kind: 'tools', node });
    }
  }

  /** The session of an event, created if new; any activity ends a wait. */
  touch(sid, e) {
    const centre = this.session(sid, true);
    if (!centre.project && (str(e.project) || str(e.cwd))) {
      this.describeSession(centre, e);
      this.effects.push({ kind: 'session', node: centre });
    }
    if (centre.waiting) {
      centre.waiting = false;
      centre.waitingMessage = '';
      this.effects.push({ kind: 'session', node: centre });
    }
    return centre;
  }

  session(sid, create) {
    let centre = this.sessions.get(sid);
    if (!centre && create) {
      centre = {
        key: nodeKey(sid, ORCHESTRATOR), kind: 'centre', id: ORCHESTRATOR, session: sid,
        project: '', cwd: '', model: '', waiting: false, waitingMessage: '',
        order: this.order++, startedAt: this.now(), lastActivity: this.now(),
        tools: new Map(), skills: new Set(), failures: 0,
      };
      this.sessions.set(sid, centre);
      this.effects.push({ kind: 'relink' });
    }
    return centre;
  }

  /** The centre itself for "main" (or no agent id), else the alive agent, else null. */
  node(centre, agentId) {
    if (!agentId || agentId === ORCHESTRATOR) return centre;
    return this.agents.get(nodeKey(centre.session, agentId)) || null;
  }

  newAgent(sid, id) {
    return {
      key: nodeKey(sid, id), kind: 'agent', id, session: sid,
      parent: ORCHESTRATOR, parentInferred: false,
      type: '', model: '', description: '', prompt: '',
      startedAt: this.now(), lastActivity: this.now(),
      tools: new Map(), skills: new Set(), failures: 0,
      outcome: '', durationMs: null, cost: null, tokens: null, costPartial: false, doneAt: null,
    };
  }

  describeAgent(agent, a) {
    const parent = str(a.parent_id);
    if (parent) agent.parent = parent === agent.id ? ORCHESTRATOR : parent;
    if (typeof a.parent_inferred === 'boolean') agent.parentInferred = a.parent_inferred;
    if (str(a.subagent_type)) agent.type = str(a.subagent_type);
    if (str(a.model)) agent.model = str(a.model);
    if (str(a.description)) agent.description = str(a.description);
    if (str(a.prompt_preview)) agent.prompt = str(a.prompt_preview);
    if (num(a.cost_usd) != null) agent.cost = num(a.cost_usd);
    if (a.tokens != null) agent.tokens = a.tokens;
    const counts = toolCounts({ [agent.session]: { [agent.id]: a.tools } });
    if (counts.length > 0) agent.tools = counts[0].counts;
  }

  describeSession(centre, s) {
    const cwd = str(s.cwd);
    if (cwd) centre.cwd = cwd;
    const project = str(s.project) || basename(cwd);
    if (project) centre.project = project;
    if (str(s.model)) centre.model = str(s.model);
    const started = time(s.started_at);
    if (started != null) centre.startedAt = started;
  }
}

/** Keeps a node where it was across a snapshot, so a reconnect does not scatter the graph. */
function carry(from, to) {
  if (!from) return;
  for (const k of ['x', 'y', 'vx', 'vy']) {
    if (from[k] != null) to[k] = from[k];
  }
  if (to.kind === 'centre') to.order = from.order;
}
