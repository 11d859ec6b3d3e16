// What the page offers to do to a node (docs/control.md), and how stopping and held arrive in
// the model: under Node's own test runner, no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionsFor, actionPath } from '../../main/resources/agentgraph/web/control.js';
import { GraphModel, nodeKey } from '../../main/resources/agentgraph/web/model.js';

const on = { enabled: true, runtimes: ['claude-code', 'codex'] };
const centre = (runtime, held = false) => ({ kind: 'centre', id: 'main', session: 's', runtime, held, doneAt: null });
const agent = (extra = {}) => ({ kind: 'agent', id: 'a1', session: 's', doneAt: null, stopping: false, ...extra });

test('an agent of a runtime that can block offers Stop, a session Hold, a held one Release', () => {
  assert.deepEqual(actionsFor(agent(), centre('claude-code'), on), ['stop']);
  assert.deepEqual(actionsFor(centre('codex'), centre('codex'), on), ['hold']);
  assert.deepEqual(actionsFor(centre('codex', true), centre('codex', true), on), ['release']);
});

test('nothing is offered with control off, for a runtime that cannot block, or for what ended or is stopping', () => {
  assert.deepEqual(actionsFor(agent(), centre('claude-code'), { enabled: false }), []);
  assert.deepEqual(actionsFor(agent(), centre('claude-code'), undefined), []);
  assert.deepEqual(actionsFor(agent(), centre('gemini'), on), [], 'Gemini cannot deny a tool call');
  assert.deepEqual(actionsFor(agent(), centre(''), on), [], 'no runtime known: no hook to deny with');
  assert.deepEqual(actionsFor(agent({ doneAt: 1 }), centre('claude-code'), on), []);
  assert.deepEqual(actionsFor(agent({ stopping: true }), centre('claude-code'), on), []);
  assert.deepEqual(actionsFor({ kind: 'cluster', session: 's' }, centre('claude-code'), on), []);
  assert.deepEqual(actionsFor(agent(), centre('claude-code'), { enabled: true, runtimes: 'claude-code' }), []);
});

test('the paths name the session and agent, escaped', () => {
  assert.equal(actionPath('stop', agent()), '/api/agents/s/a1/stop');
  assert.equal(actionPath('hold', centre('codex')), '/api/sessions/s/hold');
  assert.equal(actionPath('release', { session: 'a/b' }), '/api/sessions/a%2Fb/release');
});

test('stopping and held come from the snapshot and from updates; a release clears held', () => {
  const m = new GraphModel();
  m.applyFrame({
    type: 'snapshot', seq: 1,
    sessions: [{ session_id: 's', runtime: 'claude-code', held: true }],
    alive: [{ id: 'a1', session_id: 's', stopping: true }, { id: 'a2', session_id: 's' }],
  });
  assert.equal(m.sessions.get('s').held, true);
  assert.equal(m.agents.get(nodeKey('s', 'a1')).stopping, true);
  assert.equal(m.agents.get(nodeKey('s', 'a2')).stopping, false);
  m.applyFrame({ type: 'event', seq: 2, data: { event: 'agent_update', session_id: 's', id: 'a2', stopping: true } });
  assert.equal(m.agents.get(nodeKey('s', 'a2')).stopping, true);
  m.applyFrame({ type: 'event', seq: 3, data: { event: 'session_update', session_id: 's', held: null } });
  assert.equal(m.sessions.get('s').held, false);
  m.applyFrame({ type: 'event', seq: 4, data: { event: 'session_update', session_id: 's', held: 'yes' } });
  assert.equal(m.sessions.get('s').held, false, 'only a boolean holds');
});
