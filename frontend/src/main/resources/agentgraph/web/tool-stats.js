// Reads tool counts from the tool aggregator (snapshot part "tools" and tool_stats events).
// Accepted shapes, so that a change of detail on the server side does not blank the buckets:
//   {"<session>": {"<agent>": {"<tool>": n}}}
//   [{"session_id": s, "agent_id": a, "tool": t, "count": n}, …]
//   [{"session_id": s, "agent_id": a, "tools": {"<tool>": n}}, …]
// wrapped or not in {"sessions": …}. Returns [{session, agent, counts: Map(tool → n)}].

import { str, num } from './format.js';

export function toolCounts(tools) {
  const out = new Map(); // "session\nagent" → entry
  const entry = (session, agent) => {
    const k = session + '\n' + agent;
    let e = out.get(k);
    if (!e) {
      e = { session, agent, counts: new Map() };
      out.set(k, e);
    }
    return e;
  };
  const addCounts = (e, counts) => {
    if (!counts || typeof counts !== 'object' || Array.isArray(counts)) return;
    for (const [tool, n] of Object.entries(counts)) {
      const c = num(n) ?? num(n && n.count);
      if (c != null && c > 0) e.counts.set(tool, c);
    }
  };
  if (tools && typeof tools === 'object' && !Array.isArray(tools) && tools.sessions) {
    tools = tools.sessions;
  }
  if (Array.isArray(tools)) {
    for (const row of tools) {
      if (!row || typeof row !== 'object') continue;
      const session = str(row.session_id) || 'default';
      const agent = str(row.agent_id) || 'main';
      const e = entry(session, agent);
      if (row.tools) addCounts(e, row.tools);
      else if (str(row.tool) && num(row.count) != null) e.counts.set(str(row.tool), num(row.count));
    }
  } else if (tools && typeof tools === 'object') {
    for (const [session, agents] of Object.entries(tools)) {
      if (!agents || typeof agents !== 'object' || Array.isArray(agents)) continue;
      for (const [agent, counts] of Object.entries(agents)) addCounts(entry(session, agent), counts);
    }
  }
  return [...out.values()].filter((e) => e.counts.size > 0);
}
