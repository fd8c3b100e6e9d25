// Console entry point: sign-in, the live feed, the error banner and hash routing between the views.
import { get, token, ApiError } from './api.js';
import { live, banner } from './state.js';
import { openLive } from './live.js';
import * as fleet from './fleet.js';
import * as agent from './agent.js';
import * as ladders from './ladders.js';
import * as rollouts from './rollouts.js';

const $ = (id) => document.getElementById(id);

let feed = null;
let cleanup = null;

const routes = [
  [/^#\/agents\/(.+)$/, (main, m) => agent.show(main, decodeURIComponent(m[1]))],
  [/^#\/ladders$/, (main) => ladders.show(main)],
  [/^#\/rollouts\/(.+)$/, (main, m) => rollouts.showOne(main, decodeURIComponent(m[1]))],
  [/^#\/rollouts$/, (main) => rollouts.show(main)],
  [/^/, (main) => fleet.show(main)],
];

async function route() {
  if (!token.get()) return;
  if (cleanup) cleanup();
  cleanup = null;
  banner.clear('view');
  const main = $('view');
  main.replaceChildren();
  const hash = location.hash || '#/fleet';
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', hash.startsWith(a.getAttribute('href')));
  }
  for (const [pattern, view] of routes) {
    const m = hash.match(pattern);
    if (!m) continue;
    try {
      cleanup = (await view(main, m)) ?? null;
    } catch (e) {
      banner.show(e);
    }
    return;
  }
}

function startLive() {
  feed = openLive({
    snapshot(agents) {
      live.agents.clear();
      for (const a of agents) live.agents.set(a.agentId, a);
      live.bus.dispatchEvent(new CustomEvent('snapshot'));
    },
    agent(a) {
      live.agents.set(a.agentId, a);
      live.bus.dispatchEvent(new CustomEvent('agent', { detail: a }));
    },
    'agent-event'(e) {
      live.bus.dispatchEvent(new CustomEvent('agent-event', { detail: e }));
    },
  }, (s) => {
    $('live-state').textContent = s === 'connected' ? 'live' : 'live: disconnected';
    if (s === 'connected') banner.clear('live');
    else banner.show(s, 'live');
  });
}

/** Checks the token with one API call; on 401 back to the sign-in form with the API's message. */
async function signIn() {
  try {
    await get('/agents');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) token.clear();
    banner.show(e, 'login');
    showLogin(true);
    return;
  }
  banner.clear('login');
  showLogin(false);
  startLive();
  await route();
}

function showLogin(visible) {
  $('login').hidden = !visible;
  $('nav').hidden = visible;
  $('logout').hidden = visible;
  if (visible) $('view').replaceChildren();
}

$('login').addEventListener('submit', (ev) => {
  ev.preventDefault();
  token.set($('token').value.trim());
  $('token').value = '';
  signIn();
});
$('logout').addEventListener('click', () => {
  token.clear();
  feed?.close();
  if (cleanup) cleanup();
  showLogin(true);
});
window.addEventListener('hashchange', route);

if (token.get()) signIn();
else showLogin(true);
