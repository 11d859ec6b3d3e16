// What the page knows: sessions and their alive agents, rebuilt from each snapshot and kept
// current by events. Pure: no DOM, no layout (positions live in layout.js), so it runs and is
// tested under Node as it is. What changed is recorded as "effects" that the view turns into
// SVG once per animation frame.

import { str, num, time, basename } from './format.js';
import { toolCounts } from './tool-stats.js';
import { outcomeKind } from './colors.js';

export const DEFAULT_SESSION = 'default';
export const ORCHESTRATOR = 'main';
// Distinct tool and skill names kept per node, as the tool aggregator does: hostile input with a
// new name on every call must not grow the page's memory.
const MAX_NAMES = 64;
const OTHER = '(other)';
// Tasks kept per session (the card lists a few and counts the rest).
const MAX_TASKS = 200;

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

function bool(v) {
  return typeof v === 'boolean' ? v : null;
}

export class GraphModel {
  constructor(now = () => Date.now()) {
    this.now = now;
    this.sessions = new Map(); // session id → centre node (the session's orchestrator)
    this.agents = new Map(); // node key → alive agent node
    this.seq = null; // seq of the last snapshot or event applied
    this.gap = false; // an event was missed: only a new snapshot can set things right
    // Since the server started when the snapshot has `totals`, else since this page's first
    // snapshot (agents alive in it count as spawned). lastEventAt is this page's own clock.
    this.counters = { spawned: 0, done: 0, failed: 0, toolCalls: 0, since: null, fromServer: false, lastEventAt: null };
    this.effects = [];
    this.order = 0; // first-seen order of sessions, so centres keep their places
    this.snapshots = 0;
    this.events = 0; // events applied since the page opened (0: the first-run state may show)
  }

  /** Takes the effects recorded since the last call. */
  drainEffects() {
    const e = this.effects;
    this.effects = [];
    return e;
  }

  /** True when nothing has ever been seen: no session, no agent, no event. */
  get empty() {
    return this.sessions.size === 0 && this.agents.size === 0 && this.events === 0;
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

  /** Rebuilds everything from a snapshot. */
  reset(snapshot) {
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
      const old = oldSessions.get(id);
      if (old) centre.order = old.order;
      this.describeSession(centre, s);
      centre.waiting = s.waiting === true;
      centre.waitingMessage = str(s.message) || str(s.waiting_message);
      centre.lastActivity = time(s.last_activity) ?? centre.lastActivity;
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
      this.agents.set(agent.key, agent);
    }
    this.applyToolStats(snapshot.tools);
    this.resetCounters(snapshot);
    this.effects = [{ kind: 'reset' }];
  }

  resetCounters(snapshot) {
    const c = this.counters;
    const t = snapshot.totals;
    if (t && typeof t === 'object' && !Array.isArray(t)) {
      c.spawned = num(t.spawned) ?? 0;
      c.done = num(t.done) ?? 0;
      c.failed = num(t.failed) ?? 0;
      c.toolCalls = num(t.tool_calls) ?? 0;
      c.since = time(t.since);
      c.fromServer = true;
    } else if (this.snapshots === 1 || c.fromServer) {
      // No server totals: count from what this first snapshot shows, then from the stream.
      c.spawned = this.agents.size;
      c.done = 0;
      c.failed = 0;
      c.toolCalls = 0;
      for (const { counts } of toolCounts(snapshot.tools)) for (const n of counts.values()) c.toolCalls += n;
      c.since = null;
      c.fromServer = false;
    } else {
      // A later snapshot without totals: what was counted goes on; agents now alive are at least spawned.
      c.spawned = Math.max(c.spawned, this.agents.size);
    }
  }

  applyEvent(e) {
    if (!e || typeof e !== 'object' || Array.isArray(e)) return;
    const type = str(e.event);
    if (!type) return;
    // Aggregates are derived, not news: they do not reset "last event".
    if (type === 'tool_stats') return this.applyToolStats(e.tools);
    this.counters.lastEventAt = this.now();
    this.events++;
    const sid = str(e.session_id) || DEFAULT_SESSION;
    switch (type) {
      case 'agent_spawn': return this.spawn(sid, e);
      case 'agent_update': return this.agentUpdate(sid, e);
      case 'agent_done': return this.done(sid, e);
      case 'tool_use': return this.toolUse(sid, e);
      case 'tool_done': return this.toolDone(sid, e, false);
      case 'tool_failed': return this.toolDone(sid, e, true);
      case 'skill_use': return this.skillUse(sid, e);
      case 'session_start': return this.sessionStart(sid, e);
      case 'session_update': return this.sessionUpdate(sid, e);
      case 'session_end': return this.sessionEnd(sid);
      case 'waiting': return this.waiting(sid, e);
      case 'turn_failed': return this.turnFailed(sid, e);
      default:
        // An unknown type is someone else's business, but it is its session's activity.
        if (str(e.session_id)) this.touch(sid, e);
        return undefined;
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
    } else {
      this.effects.push({ kind: 'update', node: agent });
    }
    this.describeAgent(agent, e);
    agent.lastActivity = this.now();
    if (before && before !== agent.parent + '|' + agent.parentInferred) {
      this.effects.push({ kind: 'relink' });
    }
  }

  /** A live node learns something after its spawn: its model, its type, a wait, a task, idleness. */
  agentUpdate(sid, e) {
    const id = str(e.id) || str(e.agent_id);
    // Not the agent's own activity (a model learnt from its parent's tool result): a wait stays.
    const centre = this.touch(sid, e);
    const node = this.node(centre, id);
    if (!node) return; // nothing is invented for an agent that is not on the graph
    if (node.kind === 'centre') {
      if (str(e.model)) centre.model = str(e.model);
      if (str(e.subagent_type)) centre.orchestratorType = str(e.subagent_type);
      this.effects.push({ kind: 'session', node: centre });
      return;
    }
    this.describeAgent(node, e);
    const waiting = bool(e.waiting);
    if (waiting != null) this.setWaiting(node, waiting, str(e.message));
    if (e.task !== undefined) node.task = str(e.task);
    const idle = bool(e.idle);
    if (idle != null) node.idle = idle;
    this.effects.push({ kind: 'update', node });
  }

  done(sid, e) {
    const id = str(e.id) || str(e.agent_id);
    const failed = outcomeKind(str(e.outcome)) === 'failure';
    this.counters.done++;
    if (failed) this.counters.failed++;
    const agent = this.agents.get(nodeKey(sid, id));
    if (!agent) return;
    this.touch(sid, e);
    agent.outcome = str(e.outcome) || 'done';
    agent.durationMs = num(e.duration_ms);
    if (num(e.cost_usd) != null) agent.cost = num(e.cost_usd);
    if (e.tokens != null) agent.tokens = e.tokens;
    if (str(e.model)) agent.model = str(e.model);
    agent.costPartial = e.cost_partial === true;
    agent.waiting = false;
    if (failed) this.effects.push({ kind: 'alert', reason: 'failed', node: agent, message: agent.outcome });
    this.finish(agent);
  }

  finish(agent) {
    agent.doneAt = this.now();
    this.agents.delete(agent.key);
    this.effects.push({ kind: 'done', node: agent });
  }

  toolUse(sid, e) {
    const agentId = str(e.agent_id);
    const centre = this.touch(sid, e, agentId);
    const node = this.node(centre, agentId);
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
    const agentId = str(e.agent_id);
    const centre = this.touch(sid, e, agentId);
    const node = this.node(centre, agentId);
    if (!node) return;
    node.lastActivity = this.now();
    if (failed) {
      node.failures++;
      this.effects.push({ kind: 'fail', node, label: (str(e.tool) || 'tool') + ' failed' });
    }
  }

  skillUse(sid, e) {
    const agentId = str(e.agent_id);
    const centre = this.touch(sid, e, agentId);
    const node = this.node(centre, agentId);
    if (!node) return;
    const skill = str(e.skill) || 'skill';
    if (node.skills.size < MAX_NAMES) node.skills.add(skill);
    node.lastActivity = this.now();
    this.effects.push({ kind: 'pulse', node, label: 'skill ' + skill });
  }

  /** An API error ended a turn (StopFailure): that node flashes as failed. */
  turnFailed(sid, e) {
    const agentId = str(e.agent_id);
    const centre = this.touch(sid, e, agentId);
    const node = this.node(centre, agentId) || centre;
    node.turnFailures++;
    node.lastError = str(e.error);
    node.lastActivity = this.now();
    this.effects.push({ kind: 'fail', node, label: 'turn failed' + (node.lastError ? ': ' + node.lastError : '') });
    this.effects.push({ kind: 'alert', reason: 'failed', node, message: node.lastError || 'turn failed' });
  }

  sessionStart(sid, e) {
    const centre = this.touch(sid, e);
    this.describeSession(centre, e);
    this.effects.push({ kind: 'session', node: centre });
  }

  sessionUpdate(sid, e) {
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

  /** The session waits for the user, or with agent_id, the sub-agent that asked does. */
  waiting(sid, e) {
    const centre = this.session(sid, true);
    const agentId = str(e.agent_id);
    const node = agentId && agentId !== ORCHESTRATOR ? this.agents.get(nodeKey(sid, agentId)) : centre;
    if (!node) return;
    this.setWaiting(node, true, str(e.message));
    this.effects.push({ kind: node.kind === 'centre' ? 'session' : 'update', node });
  }

  setWaiting(node, waiting, message) {
    const was = node.waiting;
    node.waiting = waiting;
    node.waitingMessage = waiting ? message : '';
    if (waiting && !was) this.effects.push({ kind: 'alert', reason: 'waiting', node, message });
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

  /**
   * The session of an event, created if new. Any activity ends the session's wait; activity of
   * a sub-agent (agentId) ends that sub-agent's wait.
   */
  touch(sid, e, agentId) {
    const centre = this.session(sid, true);
    centre.lastActivity = this.now();
    if ((!centre.project && (str(e.project) || str(e.cwd))) || (!centre.host && str(e.host))) {
      this.describeSession(centre, e);
      this.effects.push({ kind: 'session', node: centre });
    }
    if (centre.waiting) {
      centre.waiting = false;
      centre.waitingMessage = '';
      this.effects.push({ kind: 'session', node: centre });
    }
    const agent = agentId && agentId !== ORCHESTRATOR ? this.agents.get(nodeKey(sid, agentId)) : null;
    if (agent && agent.waiting && e.waiting !== true) {
      agent.waiting = false;
      agent.waitingMessage = '';
      this.effects.push({ kind: 'update', node: agent });
    }
    return centre;
  }

  session(sid, create) {
    let centre = this.sessions.get(sid);
    if (!centre && create) {
      centre = {
        key: nodeKey(sid, ORCHESTRATOR), kind: 'centre', id: ORCHESTRATOR, session: sid,
        project: '', cwd: '', model: '', orchestratorType: '', host: '', runtime: '',
        waiting: false, waitingMessage: '', compacting: false, held: false,
        tasks: [], cost: null, costPartial: false,
        order: this.order++, startedAt: this.now(), lastActivity: this.now(),
        tools: new Map(), skills: new Set(), failures: 0, turnFailures: 0, lastError: '', doneAt: null,
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
      agentKind: 'subagent', team: '',
      parent: ORCHESTRATOR, parentInferred: false,
      type: '', model: '', description: '', prompt: '',
      waiting: false, waitingMessage: '', task: '', idle: false, stopping: false,
      startedAt: this.now(), lastActivity: this.now(),
      tools: new Map(), skills: new Set(), failures: 0, turnFailures: 0, lastError: '',
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
    if (str(a.kind) === 'teammate') agent.agentKind = 'teammate';
    if (str(a.team)) agent.team = str(a.team);
    if (str(a.task)) agent.task = str(a.task);
    if (typeof a.idle === 'boolean') agent.idle = a.idle;
    if (typeof a.stopping === 'boolean') agent.stopping = a.stopping;
    if (a.waiting === true && !agent.waiting) agent.waiting = true;
    if (num(a.cost_usd) != null) agent.cost = num(a.cost_usd);
    if (typeof a.cost_partial === 'boolean') agent.costPartial = a.cost_partial;
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
    if (str(s.orchestrator_type)) centre.orchestratorType = str(s.orchestrator_type);
    if (str(s.host)) centre.host = str(s.host);
    if (str(s.runtime)) centre.runtime = str(s.runtime);
    if (typeof s.compacting === 'boolean') centre.compacting = s.compacting;
    if (typeof s.held === 'boolean' || s.held === null) centre.held = s.held === true; // null: released
    if (num(s.cost_usd) != null) centre.cost = num(s.cost_usd);
    if (typeof s.cost_partial === 'boolean') centre.costPartial = s.cost_partial;
    if (Array.isArray(s.tasks)) centre.tasks = readTasks(s.tasks);
    const started = time(s.started_at);
    if (started != null) centre.startedAt = started;
  }
}

/** [{id, subject, status, owner}] as strings, bounded. */
function readTasks(list) {
  const out = [];
  for (const t of list) {
    if (!t || typeof t !== 'object' || Array.isArray(t)) continue;
    out.push({ id: str(t.id), subject: str(t.subject), status: str(t.status) || 'pending', owner: str(t.owner) });
    if (out.length >= MAX_TASKS) break;
  }
  return out;
}

/** Counts of a session's tasks by status: {total, done, active, pending}. */
export function taskCounts(tasks) {
  const c = { total: tasks.length, done: 0, active: 0, pending: 0 };
  for (const t of tasks) {
    if (/^(completed|done)$/i.test(t.status)) c.done++;
    else if (/^(in_progress|active|running)$/i.test(t.status)) c.active++;
    else c.pending++;
  }
  return c;
}

/** The model an agent runs on: its own, or its session's when it says "inherit". */
export function effectiveModel(agent, centre) {
  if (agent.model && agent.model.toLowerCase() === 'inherit') return (centre && centre.model) || 'inherit';
  return agent.model;
}
