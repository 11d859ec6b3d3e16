// The connection badge at the top right.

const LOOKS = {
  connecting: ['○', 'connecting'],
  connected: ['●', 'connected'],
  reconnecting: ['○', 'reconnecting'],
  disconnected: ['✕', 'disconnected'],
};

export function showConnection(el, state) {
  const [dot, label] = LOOKS[state] || LOOKS.disconnected;
  el.setAttribute('data-state', state);
  el.className = 'badge ' + state;
  el.querySelector('.dot').textContent = dot;
  el.querySelector('.label').textContent = label;
  // What is on screen may be out of date while not connected: dim it.
  document.body.classList.toggle('offline', state !== 'connected');
  el.title = state === 'connected' ? 'Receiving live events' : 'Not receiving events; retrying with backoff';
}
