// Fleet table: every agent with online state, labels, active variants, CPU, battery and deadline-miss rate.
// Rows come from GET /agents, then follow the live feed without a reload.
import { get } from './api.js';
import { live } from './state.js';
import { el, num, percent } from './format.js';

/** One row's figures: the registry's, overridden by newer live ones. */
function row(db, l) {
  const pipelines = l?.pipelines?.length ? l.pipelines
    : (db?.pipelines ?? []).map((p) => ({ name: p.name, activeVariant: p.activeVariant, missRate: p.kpis?.missRate }));
  const misses = pipelines.map((p) => p.missRate).filter((m) => m !== null && m !== undefined);
  return {
    agentId: db?.agentId ?? l.agentId,
    online: l?.online ?? db?.online ?? false,
    labels: db?.labels ?? l?.labels ?? {},
    variants: pipelines.map((p) => `${p.name}: ${p.activeVariant}`),
    cpu: l?.cpuPercent,
    battery: l?.batteryPercent,
    missRate: misses.length ? Math.max(...misses) : null,
  };
}

function tr(r) {
  return el('tr', { 'data-agent': r.agentId },
    el('td', { class: 'agent' }, el('a', { href: `#/agents/${encodeURIComponent(r.agentId)}` }, r.agentId)),
    el('td', { class: `status ${r.online ? 'online' : 'offline'}` }, r.online ? 'online' : 'offline'),
    el('td', { class: 'labels' }, Object.entries(r.labels).map(([k, v]) => el('span', { class: 'label' }, `${k}=${v}`))),
    el('td', { class: 'variant' }, r.variants.join(', ') || '—'),
    el('td', { class: 'cpu num' }, num(r.cpu, 1, ' %')),
    el('td', { class: 'battery num' }, num(r.battery, 1, ' %')),
    el('td', { class: 'miss num' }, percent(r.missRate, 2)));
}

export async function show(main) {
  const agents = await get('/agents');
  const db = new Map(agents.map((a) => [a.agentId, a]));
  const body = el('tbody');
  const render = () => {
    const ids = [...new Set([...db.keys(), ...live.agents.keys()])].sort();
    body.replaceChildren(...ids.map((id) => tr(row(db.get(id), live.agents.get(id)))));
  };
  const update = (ev) => {
    const a = ev.detail;
    const old = body.querySelector(`tr[data-agent="${CSS.escape(a.agentId)}"]`);
    if (old) old.replaceWith(tr(row(db.get(a.agentId), a)));
    else render();
  };
  render();
  main.append(el('h1', {}, 'Fleet'),
    el('table', { id: 'fleet' },
      el('thead', {}, el('tr', {}, ['Agent', 'Status', 'Labels', 'Active variant', 'CPU', 'Battery', 'Deadline misses']
        .map((h) => el('th', {}, h)))),
      body),
    el('p', { class: 'muted' }, `${agents.length} agents in the registry; CPU and battery from telemetry, misses from the latest heartbeat.`));
  live.bus.addEventListener('agent', update);
  live.bus.addEventListener('snapshot', render);
  return () => {
    live.bus.removeEventListener('agent', update);
    live.bus.removeEventListener('snapshot', render);
  };
}
