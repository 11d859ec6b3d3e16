import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeline, framesUpTo } from '../../main/resources/agentgraph/web/player.js';
import { GraphModel } from '../../main/resources/agentgraph/web/model.js';

const at = (s) => new Date(Date.UTC(2026, 11, 1, 10, 0, s)).toISOString();
const frames = [
  { type: 'snapshot', seq: 0, alive: [], sessions: [] },
  { type: 'event', seq: 1, data: { event: 'agent_spawn', session_id: 's', id: 'a', ts: at(0) } },
  { type: 'event', seq: 2, data: { event: 'agent_spawn', session_id: 's', id: 'b', ts: at(5) } },
  { type: 'event', seq: 3, data: { event: 'tool_use', session_id: 's', agent_id: 'a', tool: 'Bash' } },
  { type: 'event', seq: 4, data: { event: 'agent_done', session_id: 's', id: 'a', ts: at(3) } },
  { type: 'event', seq: 5, data: { event: 'agent_done', session_id: 's', id: 'b', ts: at(9) } },
];

const aliveAt = (line, t) => {
  const m = new GraphModel();
  for (const f of framesUpTo(line, t)) m.applyFrame(f);
  return [...m.agents.values()].map((a) => a.id).sort().join(',');
};

test('a jump rebuilds the alive set of that moment from the start', () => {
  const line = timeline(frames);
  assert.equal(line.end - line.start, 9000);
  assert.equal(aliveAt(line, line.start), 'a');
  assert.equal(aliveAt(line, line.start + 6000), 'b', 'a done at 5 s: a clock that went back does not reorder');
  assert.equal(aliveAt(line, line.end), '');
  assert.equal(aliveAt(line, line.start + 4000), 'a');
  // Backwards works the same: from the snapshot again.
  assert.equal(aliveAt(line, line.start), 'a');
});

test('an odd recording is an empty timeline', () => {
  for (const odd of [null, 'x', [], [null, 1, 'a']]) {
    const line = timeline(odd);
    assert.equal(line.events.length, 0);
    assert.deepEqual(framesUpTo(line, 0), [line.snapshot]);
  }
});

test('the page offers the server replay controls only when a replay runs', async () => {
  const { replaying } = await import('../../main/resources/agentgraph/web/server-player.js');
  assert.equal(replaying({ components: { replay: { state: 'running' } } }), true);
  assert.equal(replaying({ components: { replay: { state: 'failed' } } }), false);
  assert.equal(replaying({ components: { 'jsonl-tail': { state: 'running' } } }), false);
  assert.equal(replaying(null), false);
  assert.equal(replaying({}), false);
});

test('the bar shows m:ss', async () => {
  const { clock } = await import('../../main/resources/agentgraph/web/player-bar.js');
  assert.equal(clock(0), '0:00');
  assert.equal(clock(61_400), '1:01');
  assert.equal(clock(-5), '0:00');
});
