// Colours of the graph, each meaning one thing. Reds and oranges mean trouble only: red is
// failure, orange a session waiting for the user, gold the orchestrator; no model family is
// drawn in any of those hues, and a model id nobody listed gets a stable colour of its own
// from the rest of the wheel. The CSS holds the same values for the legend. No DOM here.

export const ORCHESTRATOR_COLOUR = '#fbbf24';
export const FAILURE_COLOUR = '#ef4444';
export const WAITING_COLOUR = '#f97316';
/** No model known yet (the spawn did not say, and nothing has revealed it). */
export const NO_MODEL_COLOUR = '#94a3b8';

// Family → [test on the lower-cased id, colour]. Order matters only where ids could match two.
const FAMILIES = [
  ['haiku', (m) => m.includes('haiku'), '#3b82f6'],
  ['sonnet', (m) => m.includes('sonnet'), '#22c55e'],
  ['opus', (m) => m.includes('opus'), '#a855f7'],
  ['openai', (m) => m.includes('gpt') || m.includes('codex') || /^o[1-9]\b/.test(m), '#22d3ee'],
  ['gemini', (m) => m.includes('gemini'), '#a3e635'],
];

/** The families in legend order, with their colours. */
export const MODEL_FAMILIES = FAMILIES.map(([name, , colour]) => ({ name, colour }));

// Hues (degrees) kept for meanings other than a model: red (failure) through orange (waiting)
// to gold (orchestrator). Hashed colours are drawn from the rest of the wheel.
const RESERVED_FROM = 325;
const RESERVED_TO = 60;

function lower(model) {
  return typeof model === 'string' ? model.trim().toLowerCase() : '';
}

/**
 * The family of a model id: haiku, sonnet, opus, openai, gemini; "inherit" (the agent runs on
 * its session's model); "none" when unknown; "other" for any other id.
 */
export function modelFamily(model) {
  const m = lower(model);
  if (!m) return 'none';
  if (m === 'inherit') return 'inherit';
  for (const [name, test] of FAMILIES) if (test(m)) return name;
  return 'other';
}

/** 32-bit FNV-1a of a string: the same id gives the same colour in every tab and every run. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The hue of a model id outside the reserved reds, oranges and golds. */
export function hashedHue(model) {
  const span = RESERVED_FROM - RESERVED_TO;
  return RESERVED_TO + (hash(lower(model)) % span);
}

/**
 * The fill of a node running {@code model}. Families have fixed colours; any other id a muted
 * colour from its hash (muted so it does not pass for a family).
 */
export function modelColour(model) {
  const family = modelFamily(model);
  const hit = FAMILIES.find(([name]) => name === family);
  if (hit) return hit[2];
  if (family === 'other') return 'hsl(' + hashedHue(model) + ', 45%, 62%)';
  return NO_MODEL_COLOUR;
}

// Outcomes are free text (a STATUS-TRUTH marker says what it says), so match by words.
const OUTCOMES = [
  ['success', /^(functional|success|succeeded|ok|done|completed?|shipped|pass(ed)?)\b/, '#4ade80'],
  ['partial', /^(partial|incomplete|degraded)/, '#facc15'],
  ['failure', /^(fail|failed|failure|error|broken|blocked|crash|cancel|killed|abort)/, FAILURE_COLOUR],
  ['ended', /^(stale|session_ended|timeout|timed_out|unknown|lost|interrupted|replaced)/, '#cbd5e1'],
];
export const OTHER_OUTCOME_COLOUR = '#e2e8f0';

/** success, partial, failure, ended (stale, lost, …) or other. */
export function outcomeKind(outcome) {
  const o = lower(outcome);
  for (const [kind, re] of OUTCOMES) if (re.test(o)) return kind;
  return 'other';
}

export function outcomeColour(outcome) {
  const hit = OUTCOMES.find(([kind]) => kind === outcomeKind(outcome));
  return hit ? hit[2] : OTHER_OUTCOME_COLOUR;
}
