import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFamily, modelColour, hashedHue, outcomeColour, outcomeKind, FAILURE_COLOUR, MODEL_FAMILIES }
  from '../../main/resources/agentgraph/web/colors.js';

test("today's model ids map to their families", () => {
  const cases = {
    'claude-haiku-4-5-20251001': 'haiku', 'claude-sonnet-4-6': 'sonnet', 'claude-opus-4-7': 'opus',
    'claude-sonnet-5': 'sonnet', haiku: 'haiku', sonnet: 'sonnet', opus: 'opus', inherit: 'inherit',
    'gpt-5-codex': 'openai', 'gpt-5': 'openai', o3: 'openai', 'gemini-2.5-pro': 'gemini',
    '': 'none', 'mistral-large': 'other', 'Claude-Opus-4-7': 'opus',
  };
  for (const [id, family] of Object.entries(cases)) assert.equal(modelFamily(id), family, id);
  assert.equal(modelFamily(42), 'none');
});

/** Hue in degrees of a #rrggbb or hsl() colour. */
function hue(colour) {
  const h = /^hsl\((\d+)/.exec(colour);
  if (h) return Number(h[1]);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return null;
  const x = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (x * 60 + 360) % 360;
}
const distance = (a, b) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

test('no model colour shares the failure hue, known or hashed', () => {
  const failure = hue(FAILURE_COLOUR);
  for (const f of MODEL_FAMILIES) assert.ok(distance(hue(f.colour), failure) >= 60, f.name);
  for (let i = 0; i < 2000; i++) {
    const id = 'model-' + i + '-' + (i * 7919).toString(36);
    assert.ok(distance(hashedHue(id), failure) >= 35, id + ' hue ' + hashedHue(id));
    assert.notEqual(modelColour(id), FAILURE_COLOUR);
  }
});

test('an unknown id has a stable colour of its own', () => {
  assert.equal(modelColour('mistral-large'), modelColour('mistral-large'));
  assert.equal(modelColour('Mistral-Large'), modelColour('mistral-large'));
  assert.notEqual(modelColour('mistral-large'), modelColour('llama-4'));
  assert.match(modelColour('mistral-large'), /^hsl\(\d+, 45%, 62%\)$/);
});

test('outcomes: failures are red, lost and stale are grey', () => {
  assert.equal(outcomeColour('failure'), FAILURE_COLOUR);
  assert.equal(outcomeKind('lost'), 'ended');
  assert.equal(outcomeKind('interrupted'), 'ended');
  assert.equal(outcomeKind('functional'), 'success');
  assert.equal(outcomeKind('partial: two tests skipped'), 'partial');
  assert.equal(outcomeKind('whatever the marker said'), 'other');
});
