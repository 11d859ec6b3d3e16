import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, runtimeMark } from '../../main/resources/agentgraph/web/format.js';

test('basename is the last path element, trailing separators ignored', () => {
  assert.equal(basename('/home/dev/shop/'), 'shop');
  assert.equal(basename('C:\\Users\\dev\\shop\\\\'), 'shop');
  assert.equal(basename('shop'), 'shop');
});

test('basename of a path with a long run of slashes takes linear time', () => {
  const start = process.hrtime.bigint();
  assert.equal(basename('/work/app' + '/'.repeat(200000)), 'app');
  assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 500, 'under half a second');
});

test('each runtime has its mark; another gets its first two letters; none gets none', () => {
  assert.equal(runtimeMark('claude-code'), 'CC');
  assert.equal(runtimeMark('codex'), 'CX');
  assert.equal(runtimeMark('gemini'), 'GM');
  assert.equal(runtimeMark('open-code'), 'OP');
  assert.equal(runtimeMark(''), '');
  assert.equal(runtimeMark(undefined), '');
});
