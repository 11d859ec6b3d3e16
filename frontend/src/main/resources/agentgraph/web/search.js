// Find and focus: which nodes a search matches (agent type, description, model, tool, project,
// session, id, host, task), and which are inside the focused session or host. Plain substring
// tests, case-insensitive: no regular expression ever sees what the user typed. Pure.

/** The query as the matcher uses it: trimmed, lower case, at most 200 characters. */
export function normalise(query) {
  return typeof query === 'string' ? query.trim().toLowerCase().slice(0, 200) : '';
}

/** True when a model node (agent or orchestrator) matches a normalised query. */
export function matches(node, centre, q) {
  if (!q) return true;
  const fields = [node.id, node.type, node.description, node.model, node.task, node.team,
    node.session, node.orchestratorType];
  if (centre) fields.push(centre.project, centre.cwd, centre.host, centre.session);
  for (const f of fields) if (f && f.toLowerCase().includes(q)) return true;
  for (const tool of node.tools.keys()) if (tool.toLowerCase().includes(q)) return true;
  return false;
}

/** Focus: null (everything), {session: id} or {host: name}. */
export function inFocus(node, centre, focus) {
  if (!focus) return true;
  if (focus.session != null) return node.session === focus.session;
  if (focus.host != null) return ((centre && centre.host) || '') === focus.host;
  return true;
}
