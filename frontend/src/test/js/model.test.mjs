// The page's model under Node's own test runner: no browser, no DOM, no build step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphModel, nodeKey, effectiveModel, taskCounts } from '../../main/resources/agentgraph/web/model.js';

const ev = (seq, data) => ({ type: 'event', seq, data });
const keys = (m) => [...m.agents.keys()].sort().join(',').replaceAll('\n', '/');

test('a snapshot rebuilds everything and events it covers are skipped', () => {
  const m = new GraphModel();
  m.applyFrame({
    type: 'snapshot', seq: 10,
    alive: [{ id: 'a', session_id: 's' }, { id: 'b', session_id: 's', parent_id: 'a' }],
    sessions: [{ session_id: 's', cwd: '/x/proj/', waiting: true }],
    tools: [{ session_id: 's', agent_id: 'a', total: 3, tools: { Bash: { count: 3, rate: 0 } }, skills: {} }],
  });
  assert.equal(m.sessions.get('s').waiting, true);
  assert.equal(m.sessions.get('s').project, 'proj');
  assert.equal(m.agents.get('s\na').tools.get('Bash'), 3);
  m.applyFrame(ev(9, { event: 'agent_spawn', session_id: 's', id: 'covered' }));
  m.applyFrame(ev(11, { event: 'agent_spawn', session_id: 's', id: 'c', parent_id: 'b' }));
  m.applyFrame(ev(11, { event: 'agent_spawn', session_id: 's', id: 'again' }));
  m.applyFrame(ev(12, { event: 'no_such_type', id: 'x' }));
  m.applyFrame('garbage');
  m.applyFrame(null);
  m.applyFrame(ev(13, [1, 2]));
  m.applyFrame(ev(14, { event: 'agent_spawn', id: 42, model: {}, session_id: ['x'] }));
  assert.equal(keys(m), 'default/42,s/a,s/b,s/c');
  assert.equal(m.sessions.get('s').waiting, false, 'activity ends the wait');
  assert.equal(m.gap, false);
  m.applyFrame(ev(16, { event: 'tool_done', session_id: 's', agent_id: 'c' }));
  assert.equal(m.gap, true, 'a skipped seq means lost frames');
  m.applyFrame({ type: 'snapshot', seq: 3, alive: [{ id: 'c', session_id: 's' }], sessions: [{ session_id: 's' }] });
  assert.equal(m.gap, false);
  assert.equal(keys(m), 's/c');
  assert.equal(m.agents.get('s\nc').parent, 'main');
});

test('the model holds no positions and no DOM', () => {
  const m = new GraphModel();
  m.applyFrame({ type: 'snapshot', seq: 0, alive: [{ id: 'a', session_id: 's' }], sessions: [] });
  m.applyFrame(ev(1, { event: 'tool_use', session_id: 's', agent_id: 'a', tool: 'Bash' }));
  for (const n of [...m.agents.values(), ...m.sessions.values()]) {
    for (const f of ['x', 'y', 'vx', 'vy', 'fx', 'fy', 'el', 'look', 'index']) assert.equal(n[f], undefined, f);
  }
});

test('counters come from the server totals when the snapshot has them', () => {
  const m = new GraphModel();
  m.applyFrame({ type: 'snapshot', seq: 5, alive: [{ id: 'a', session_id: 's' }],
    totals: { spawned: 40, done: 39, failed: 2, tool_calls: 900, since: '2026-12-01T10:00:00Z' } });
  assert.deepEqual([m.counters.spawned, m.counters.done, m.counters.failed, m.counters.toolCalls], [40, 39, 2, 900]);
  assert.equal(m.counters.fromServer, true);
  assert.equal(m.counters.since, Date.parse('2026-12-01T10:00:00Z'));
  m.applyFrame(ev(6, { event: 'agent_spawn', session_id: 's', id: 'b' }));
  m.applyFrame(ev(7, { event: 'tool_use', session_id: 's', agent_id: 'b', tool: 'Read' }));
  m.applyFrame(ev(8, { event: 'agent_done', session_id: 's', id: 'b', outcome: 'failure' }));
  assert.deepEqual([m.counters.spawned, m.counters.done, m.counters.failed, m.counters.toolCalls], [41, 40, 3, 901]);
});

test('without totals the counters start from what the first snapshot shows', () => {
  const m = new GraphModel();
  m.applyFrame({ type: 'snapshot', seq: 5, alive: [{ id: 'a', session_id: 's' }, { id: 'b', session_id: 's' }],
    tools: [{ session_id: 's', agent_id: 'a', tools: { Bash: { count: 4 } } }] });
  assert.deepEqual([m.counters.spawned, m.counters.toolCalls, m.counters.fromServer], [2, 4, false]);
  m.applyFrame(ev(6, { event: 'agent_spawn', session_id: 's', id: 'c' }));
  m.applyFrame({ type: 'snapshot', seq: 6, alive: [{ id: 'a', session_id: 's' }] });
  assert.equal(m.counters.spawned, 3, 'a reconnect does not lose what was counted');
});

test('agent_update recolours a live node: the model learnt after the spawn', () => {
  const m = new GraphModel();
  m.applyFrame(ev(1, { event: 'agent_spawn', session_id: 's', id: 'a', subagent_type: 'Explore' }));
  m.drainEffects();
  m.applyFrame(ev(2, { event: 'agent_update', session_id: 's', id: 'a', model: 'claude-haiku-4-5-20251001' }));
  assert.equal(m.agents.get('s\na').model, 'claude-haiku-4-5-20251001');
  assert.ok(m.drainEffects().some((e) => e.kind === 'update' && e.node.id === 'a'));
  m.applyFrame(ev(3, { event: 'agent_update', session_id: 's', id: 'ghost', model: 'opus' }));
  assert.equal(m.agents.has('s\nghost'), false, 'an update invents no node');
  m.applyFrame(ev(4, { event: 'agent_update', session_id: 's', id: 'a', idle: true, task: 'Write the tests' }));
  assert.equal(m.agents.get('s\na').idle, true);
  assert.equal(m.agents.get('s\na').task, 'Write the tests');
});

test('a sub-agent waits (waiting with agent_id, or agent_update) until its own next activity', () => {
  const m = new GraphModel();
  m.applyFrame(ev(1, { event: 'agent_spawn', session_id: 's', id: 'a' }));
  m.applyFrame(ev(2, { event: 'agent_spawn', session_id: 's', id: 'b' }));
  m.drainEffects();
  m.applyFrame(ev(3, { event: 'waiting', session_id: 's', agent_id: 'a', message: 'Allow Bash?' }));
  const a = m.agents.get('s\na');
  assert.equal(a.waiting, true);
  assert.equal(m.sessions.get('s').waiting, false, 'the session itself does not wait');
  assert.deepEqual(m.drainEffects().filter((e) => e.kind === 'alert').map((e) => e.reason), ['waiting']);
  m.applyFrame(ev(4, { event: 'tool_use', session_id: 's', agent_id: 'b', tool: 'Read' }));
  assert.equal(a.waiting, true, "another agent's activity does not end it");
  m.applyFrame(ev(5, { event: 'tool_use', session_id: 's', agent_id: 'a', tool: 'Bash' }));
  assert.equal(a.waiting, false);
  m.applyFrame(ev(6, { event: 'agent_update', session_id: 's', id: 'b', waiting: true }));
  assert.equal(m.agents.get('s\nb').waiting, true);
  m.applyFrame(ev(7, { event: 'agent_update', session_id: 's', id: 'b', waiting: false }));
  assert.equal(m.agents.get('s\nb').waiting, false);
});

test('session_update fills the orchestrator: model, host, runtime, tasks, cost, compacting', () => {
  const m = new GraphModel();
  m.applyFrame(ev(1, { event: 'session_start', session_id: 's', cwd: '/home/u/shop', host: 'laptop', runtime: 'claude-code' }));
  m.applyFrame(ev(2, { event: 'session_update', session_id: 's', model: 'claude-opus-4-7', compacting: true,
    cost_usd: 1.25, cost_partial: true, orchestrator_type: 'reviewer',
    tasks: [{ id: '1', subject: 'Parse', status: 'completed', owner: 'a' }, { id: '2', subject: 'Test', status: 'in_progress' },
      { id: '3', subject: 'Ship', status: 'pending' }, 'junk', null] }));
  const c = m.sessions.get('s');
  assert.deepEqual([c.project, c.host, c.runtime, c.model, c.compacting, c.cost, c.costPartial, c.orchestratorType],
    ['shop', 'laptop', 'claude-code', 'claude-opus-4-7', true, 1.25, true, 'reviewer']);
  assert.equal(c.tasks.length, 3);
  assert.deepEqual(taskCounts(c.tasks), { total: 3, done: 1, active: 1, pending: 1 });
  m.applyFrame(ev(3, { event: 'session_update', session_id: 's', compacting: false }));
  assert.equal(c.compacting, false);
  assert.equal(c.model, 'claude-opus-4-7', 'fields not named stay as they were');
});

test('turn_failed flashes the node and raises an alert; a failed agent counts as failed', () => {
  const m = new GraphModel();
  m.applyFrame(ev(1, { event: 'agent_spawn', session_id: 's', id: 'a' }));
  m.drainEffects();
  m.applyFrame(ev(2, { event: 'turn_failed', session_id: 's', agent_id: 'a', error: 'overloaded_error' }));
  const effects = m.drainEffects();
  assert.ok(effects.some((e) => e.kind === 'fail' && e.node.id === 'a'));
  assert.ok(effects.some((e) => e.kind === 'alert' && e.reason === 'failed'));
  assert.equal(m.agents.get('s\na').lastError, 'overloaded_error');
  m.applyFrame(ev(3, { event: 'turn_failed', session_id: 's', error: 'rate_limit' }));
  assert.equal(m.sessions.get('s').turnFailures, 1, 'without agent_id the orchestrator failed');
  m.applyFrame(ev(4, { event: 'agent_done', session_id: 's', id: 'a', outcome: 'lost' }));
  assert.equal(m.counters.failed, 0, 'lost is not a failure');
  assert.equal(m.agents.size, 0);
});

test('teammates are their own kind and hang from the orchestrator', () => {
  const m = new GraphModel();
  m.applyFrame(ev(1, { event: 'agent_spawn', session_id: 's', id: 't1', kind: 'teammate', team: 'core', subagent_type: 'researcher' }));
  const t = m.agents.get('s\nt1');
  assert.deepEqual([t.agentKind, t.team, t.parent], ['teammate', 'core', 'main']);
  m.applyFrame(ev(2, { event: 'agent_spawn', session_id: 's', id: 'sub' }));
  assert.equal(m.agents.get('s\nsub').agentKind, 'subagent');
});

test('inherit runs on the session model', () => {
  assert.equal(effectiveModel({ model: 'inherit' }, { model: 'claude-sonnet-4-6' }), 'claude-sonnet-4-6');
  assert.equal(effectiveModel({ model: 'inherit' }, { model: '' }), 'inherit');
  assert.equal(effectiveModel({ model: 'haiku' }, { model: 'opus' }), 'haiku');
});

test('the first-run state holds until something is seen', () => {
  const m = new GraphModel();
  m.applyFrame({ type: 'snapshot', seq: 0, alive: [], sessions: [] });
  assert.equal(m.empty, true);
  m.applyFrame(ev(1, { event: 'session_start', session_id: 's' }));
  assert.equal(m.empty, false);
  assert.equal(nodeKey('s', 'main'), 's\nmain');
});

test('hostile input stays bounded: 64 tool names per node, 200 tasks per session', () => {
  const m = new GraphModel();
  m.applyFrame(ev(1, { event: 'agent_spawn', session_id: 's', id: 'a' }));
  for (let i = 0; i < 500; i++) m.applyFrame(ev(2 + i, { event: 'tool_use', session_id: 's', agent_id: 'a', tool: 't' + i }));
  assert.equal(m.agents.get('s\na').tools.size, 65);
  assert.equal(m.agents.get('s\na').tools.get('(other)'), 436);
  const tasks = Array.from({ length: 5000 }, (_, i) => ({ id: String(i), subject: 'x' }));
  m.applyFrame(ev(600, { event: 'session_update', session_id: 's', tasks }));
  assert.equal(m.sessions.get('s').tasks.length, 200);
});
