// Acting on the graph (docs/control.md): stop an agent, hold a session from spawning, release
// it. Offered only when the server runs with --control and the node's runtime can deny a tool
// call. The server's anti-forgery token comes from GET /api/control, which only this page's
// origin can read, and goes back in a header with each action.

import { apiUrl } from './connection.js';

/**
 * The actions a node offers, given what the server said: [] when control is off, the runtime
 * cannot block, or the node has ended. Pure: the page's tests call it with plain objects.
 */
export function actionsFor(node, centre, state) {
  if (!state || state.enabled !== true || !node || !centre || node.doneAt != null) return [];
  if (!Array.isArray(state.runtimes) || !state.runtimes.includes(centre.runtime)) return [];
  if (node.kind === 'agent') return node.stopping ? [] : ['stop'];
  if (node.kind === 'centre') return [centre.held ? 'release' : 'hold'];
  return [];
}

/** What the confirm asks, and what its button says. */
export const ACTION_TEXT = {
  stop: { button: 'Stop', ask: 'Stop this agent? Each of its next tool calls is denied with a reason to stop and report.', confirm: 'Stop it' },
  hold: { button: 'Hold', ask: 'Hold this session? No new sub-agent may start; other tools run.', confirm: 'Hold it' },
  release: { button: 'Release', ask: 'Release this session? It may start sub-agents again.', confirm: 'Release it' },
};

/** The path of an action on a node. */
export function actionPath(action, node) {
  const s = encodeURIComponent(node.session);
  if (action === 'stop') return '/api/agents/' + s + '/' + encodeURIComponent(node.id) + '/stop';
  return '/api/sessions/' + s + '/' + action;
}

export class Control {
  constructor() {
    this.state = { enabled: false };
  }

  /** Asks the server once whether control is on; off when it cannot tell. */
  async load() {
    try {
      const res = await fetch(apiUrl('/api/control'), { cache: 'no-store', credentials: 'same-origin' });
      if (res.ok) this.state = await res.json();
    } catch (e) {
      this.state = { enabled: false };
    }
    return this.state;
  }

  actionsFor(node, centre) {
    return actionsFor(node, centre, this.state);
  }

  /**
   * Runs an action; resolves to '' when done, else to why not. A 403 may mean the server
   * restarted (a new token, or control now off): it asks again once and retries.
   */
  async act(action, node, retried = false) {
    try {
      const res = await fetch(apiUrl(actionPath(action, node)), {
        method: 'POST', cache: 'no-store', credentials: 'same-origin',
        headers: { [this.state.header || 'X-AgentGraph-Control']: this.state.token || '' },
      });
      if (res.ok) return '';
      if (res.status === 403 && !retried && (await this.load()).enabled === true) return this.act(action, node, true);
      return (await res.text()).trim() || 'refused (' + res.status + ')';
    } catch (e) {
      return 'the server cannot be reached';
    }
  }
}
