// Colours of the graph. The CSS holds the same values for the legend; these are for SVG fills
// that depend on data (a model, an outcome) and for transitions between colours.

export const ORCHESTRATOR_COLOUR = '#fbbf24';

const MODEL_COLOURS = [
  ['sonnet', '#22c55e'],
  ['opus', '#ef4444'],
  ['haiku', '#3b82f6'],
];
export const OTHER_MODEL_COLOUR = '#94a3b8';

/** The model family a model name belongs to: "sonnet", "opus", "haiku" or "other". */
export function modelFamily(model) {
  const m = typeof model === 'string' ? model.toLowerCase() : '';
  for (const [family] of MODEL_COLOURS) {
    if (m.includes(family)) return family;
  }
  return 'other';
}

export function modelColour(model) {
  const family = modelFamily(model);
  const hit = MODEL_COLOURS.find(([f]) => f === family);
  return hit ? hit[1] : OTHER_MODEL_COLOUR;
}

// Outcomes are free text (a STATUS-TRUTH marker says what it says), so match by words.
const OUTCOME_COLOURS = [
  [/^(functional|success|succeeded|ok|done|completed?|shipped|pass(ed)?)\b/, '#4ade80'],
  [/^(partial|incomplete|degraded)/, '#facc15'],
  [/^(fail|failed|failure|error|broken|blocked|crash|cancel|killed|abort)/, '#f87171'],
  [/^(stale|session_ended|timeout|timed_out|unknown)/, '#cbd5e1'],
];
export const OTHER_OUTCOME_COLOUR = '#e2e8f0';

export function outcomeColour(outcome) {
  const o = typeof outcome === 'string' ? outcome.trim().toLowerCase() : '';
  for (const [re, colour] of OUTCOME_COLOURS) {
    if (re.test(o)) return colour;
  }
  return OTHER_OUTCOME_COLOUR;
}
