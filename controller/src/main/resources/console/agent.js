// One agent live: inference rate, latency, deadline misses, CPU, battery, power and energy with their recent
// history, and the swaps timeline. Refetches GET /live/agents/{id} (at most once a second) when the feed
// reports a change for this agent.
import { get } from './api.js';
import { live, banner } from './state.js';
import { el, num, percent, time, sparkline } from './format.js';

function card(id, title, value, series) {
  return el('div', { class: 'card', id }, el('div', { class: 'muted' }, title), el('div', { class: 'value' }, value),
    series ? sparkline(series) : null);
}

function cards(h) {
  const first = h.now.pipelines[0];
  const rates = h.rates.filter((r) => r.pipeline === first?.name);
  return el('div', { class: 'cards' },
    card('rate', 'Inference rate', num(first?.resultsPerSecond, 1, ' /s'), rates.map((r) => r.resultsPerSecond)),
    card('latency', 'p99 latency', num(first?.p99Ms, 2, ' ms'), rates.map((r) => r.p99Ms)),
    card('misses', 'Deadline misses', percent(first?.missRate, 2), rates.map((r) => r.missRate)),
    card('cpu', 'CPU', num(h.now.cpuPercent, 1, ' %'), h.power.map((p) => p.cpuPercent)),
    card('battery', 'Battery', num(h.now.batteryPercent, 1, ' %'), h.power.map((p) => p.batteryPercent)),
    card('power', 'Power', num(h.now.watts, 2, ' W'), h.power.map((p) => p.watts)),
    card('energy', 'Energy', num(h.now.energyJoules, 1, ' J'), h.power.map((p) => p.energyJoules)));
}

function timeline(events) {
  const swaps = events.filter((e) => e.type.startsWith('swap.')).reverse();
  if (!swaps.length) return el('p', { id: 'swaps', class: 'muted' }, 'No swaps since the controller started.');
  return el('ol', { id: 'swaps', class: 'timeline' }, swaps.map((e) => el('li', { 'data-type': e.type },
    el('code', {}, time(e.at)), ' ', el('strong', {}, e.type), e.pipeline ? ` ${e.pipeline}` : '', ` — ${e.message ?? ''}`)));
}

function pipelines(detail, h) {
  const now = new Map(h.now.pipelines.map((p) => [p.name, p]));
  return el('table', { id: 'pipelines' },
    el('thead', {}, el('tr', {}, ['Pipeline', 'Model', 'Active variant', 'Results/s', 'p99', 'Misses']
      .map((t) => el('th', {}, t)))),
    el('tbody', {}, detail.birth.pipelines.map((p) => {
      const l = now.get(p.name);
      const k = detail.kpis[p.name]?.kpis;
      return el('tr', {}, el('td', {}, p.name), el('td', {}, p.model), el('td', {}, l?.activeVariant ?? k?.activeVariant ?? p.activeVariant),
        el('td', { class: 'num' }, num(l?.resultsPerSecond, 1)), el('td', { class: 'num' }, num(l?.p99Ms ?? k?.p99Ms, 2, ' ms')),
        el('td', { class: 'num' }, percent(l?.missRate ?? k?.missRate, 2)));
    })));
}

export async function show(main, id) {
  const path = `/agents/${encodeURIComponent(id)}`;
  const [detail, history] = await Promise.all([get(path), get(`/live${path}`)]);
  const online = history.now.online ?? detail.online;
  const head = el('div', {},
    el('h1', {}, `Agent ${id} `, el('span', { class: online ? 'online' : 'offline', id: 'agent-status' }, online ? 'online' : 'offline')),
    el('p', {}, Object.entries(detail.birth.labels).map(([k, v]) => el('span', { class: 'label' }, `${k}=${v}`)),
      el('span', { class: 'muted' }, ` ${detail.birth.hardware.cpuModel ?? ''} · agent ${detail.birth.agentVersion} · last seen ${time(detail.lastSeen)}`)));
  const body = el('div');
  const render = (h) => body.replaceChildren(cards(h), el('h2', {}, 'Pipelines'), pipelines(detail, h),
    el('h2', {}, 'Swaps'), timeline(h.events));
  render(history);
  main.append(head, body);

  let pending = null;
  const refresh = (ev) => {
    if ((ev.detail.agentId ?? ev.detail.agent) !== id || pending) return;
    pending = setTimeout(async () => {
      pending = null;
      try {
        render(await get(`/live${path}`));
      } catch (e) {
        banner.show(e);
      }
    }, 1000);
  };
  live.bus.addEventListener('agent', refresh);
  live.bus.addEventListener('agent-event', refresh);
  return () => {
    clearTimeout(pending);
    live.bus.removeEventListener('agent', refresh);
    live.bus.removeEventListener('agent-event', refresh);
  };
}
