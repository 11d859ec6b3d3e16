import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarise, silenceWarning, SILENT_WARNING_MS } from '../../main/resources/agentgraph/web/health.js';

const stats = (events, extra = {}) => ({
  pipeline: { drops: 1 },
  components: {
    'jsonl-tail': { kind: 'source', state: 'started', events_out: events, drops: 0,
      counters: { events, invalid_json: 2, too_long: 1 }, ...extra },
    'claude-code': { kind: 'reducer', state: 'started', drops: 0, counters: { unknown_hooks: 3 } },
    websocket: { kind: 'sink', state: 'started', drops: 4, counters: {} },
  },
});

test('per source: events, bad lines; unknown events and drops summed', () => {
  const seen = new Map();
  const s = summarise(stats(10), seen, 1000);
  assert.equal(s.sources.length, 1);
  assert.deepEqual([s.sources[0].id, s.sources[0].events, s.sources[0].bad, s.sources[0].state], ['jsonl-tail', 10, 3, 'started']);
  assert.equal(s.unknown, 3);
  assert.equal(s.drops, 5);
  assert.equal(s.sources[0].lastAt, null, 'nothing seen arriving yet');
  const later = summarise(stats(12), seen, 6000);
  assert.equal(later.sources[0].lastAt, 6000, 'the count moved between two polls');
});

test('a last-event time from the server wins, and its file is reported', () => {
  const s = summarise(stats(10, { last_event_at: '2026-12-01T10:00:00Z', file: '/home/u/.claude/memory/agent-events.jsonl' }), new Map(), 0);
  assert.equal(s.sources[0].lastAt, Date.parse('2026-12-01T10:00:00Z'));
  assert.equal(s.file, '/home/u/.claude/memory/agent-events.jsonl');
  const aged = summarise(stats(10, { last_event_age_ms: 5000 }), new Map(), 100000);
  assert.equal(aged.sources[0].lastAt, 95000);
});

test('odd answers give an empty summary, not an exception', () => {
  for (const odd of [null, 'x', 42, [], { components: 'x' }, { components: { a: null, b: 7 } }]) {
    assert.deepEqual(summarise(odd, new Map(), 0).sources, []);
  }
});

test('silence warns only with sessions open and nothing for a while', () => {
  assert.equal(silenceWarning(0, 0, SILENT_WARNING_MS * 2), '');
  assert.equal(silenceWarning(2, 0, SILENT_WARNING_MS - 1), '');
  assert.match(silenceWarning(2, 0, SILENT_WARNING_MS + 1000), /No event for 10m 01s although 2 sessions are open/);
});
