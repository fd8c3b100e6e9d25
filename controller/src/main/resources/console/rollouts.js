// Rollouts: start one (model, release, selector, canary, waves, soak), list them with state, phase and
// stage, pause, resume or abort; one rollout's plan, assignments and events at #/rollouts/{id}.
import { get, post } from './api.js';
import { banner } from './state.js';
import { el, short, time } from './format.js';

/** The states the API's state machine lets pause, resume and abort leave (see rollout/Transitions). */
const ABORTABLE = new Set(['PENDING', 'RUNNING', 'PAUSED']);
const POLL_MS = 5000;

function actions(r, reload) {
  const act = (name) => async () => {
    try {
      await post(`/rollouts/${encodeURIComponent(r.id)}/${name}`, { reason: `${name} from the console` });
      banner.clear('view');
    } catch (e) {
      banner.show(e);
    }
    await reload();
  };
  const button = (name, label, enabled) => el('button', { type: 'button', 'data-action': name, disabled: !enabled,
    onclick: act(name) }, label);
  return el('td', { class: 'actions' },
    button('pause', 'Pause', r.state === 'PENDING' || r.state === 'RUNNING'),
    button('resume', 'Resume', r.state === 'PAUSED'),
    button('abort', 'Abort', ABORTABLE.has(r.state)));
}

function field(label, input) {
  return el('label', {}, label, input);
}

async function startForm(reload) {
  const models = await get('/models');
  const model = el('select', { name: 'model' }, models.map((m) => el('option', { value: m.name }, m.name)));
  const release = el('select', { name: 'releaseSha' });
  const fill = async () => {
    if (!model.value) return;
    const releases = await get(`/models/${encodeURIComponent(model.value)}/releases`);
    release.replaceChildren(...releases.map((r) => el('option', { value: r.releaseSha }, `${short(r.releaseSha)} (${time(r.createdAt)})`)));
  };
  model.addEventListener('change', () => fill().catch((e) => banner.show(e)));
  await fill();
  const selector = el('input', { name: 'selector', placeholder: 'site=plant-1' });
  const canary = el('input', { name: 'canary', placeholder: 'default', size: 6 });
  const waves = el('input', { name: 'waves', placeholder: '25%, 100%', size: 10 });
  const soak = el('input', { name: 'soak', placeholder: 'default', size: 6 });
  const form = el('form', { id: 'start-rollout', class: 'inline' },
    field('Model', model), field('Release', release), field('Selector', selector), field('Canary', canary),
    field('Waves', waves), field('Soak', soak), el('button', { type: 'submit' }, 'Start rollout'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const plan = { model: model.value, releaseSha: release.value };
    if (selector.value.trim()) plan.selector = selector.value.trim();
    if (canary.value.trim()) plan.canary = canary.value.trim();
    if (waves.value.trim()) plan.waves = waves.value.split(',').map((w) => w.trim()).filter(Boolean);
    if (soak.value.trim()) plan.soak = soak.value.trim();
    try {
      await post('/rollouts', plan);
      banner.clear('view');
    } catch (e) {
      banner.show(e);
    }
    await reload();
  });
  return form;
}

export async function show(main) {
  const body = el('tbody');
  const reload = async () => {
    const list = await get('/rollouts');
    body.replaceChildren(...list.map((r) => el('tr', { 'data-rollout': r.id },
      el('td', {}, el('a', { href: `#/rollouts/${encodeURIComponent(r.id)}` }, r.id)), el('td', {}, r.model),
      el('td', {}, el('code', {}, short(r.releaseSha))), el('td', { class: 'state' }, r.state), el('td', {}, r.phase),
      el('td', { class: 'num' }, r.stage), el('td', {}, r.reason ?? ''), el('td', {}, time(r.updatedAt)),
      actions(r, reload))));
  };
  const form = await startForm(reload);
  await reload();
  main.append(el('h1', {}, 'Rollouts'), form,
    el('table', { id: 'rollouts' },
      el('thead', {}, el('tr', {}, ['Id', 'Model', 'Release', 'State', 'Phase', 'Stage', 'Reason', 'Updated', '']
        .map((t) => el('th', {}, t)))), body));
  const timer = setInterval(() => reload().catch((e) => banner.show(e)), POLL_MS);
  return () => clearInterval(timer);
}

export async function showOne(main, id) {
  const r = await get(`/rollouts/${encodeURIComponent(id)}`);
  main.append(el('h1', {}, `Rollout ${r.id}`),
    el('p', {}, `${r.model} → `, el('code', {}, short(r.releaseSha)), ` · state `, el('strong', { id: 'rollout-state' }, r.state),
      ` · phase ${r.phase} · stage ${r.stage}`, r.reason ? ` · ${r.reason}` : ''),
    el('p', { class: 'muted' }, `selector '${r.plan.selector}', canary ${r.plan.canary}, waves ${r.plan.waves.join(', ')}, soak ${r.plan.soak}`),
    el('h2', {}, 'Assignments'),
    el('table', {}, el('thead', {}, el('tr', {}, ['Agent', 'Stage', 'State', 'Desired version', 'Updated'].map((t) => el('th', {}, t)))),
      el('tbody', {}, r.assignments.map((a) => el('tr', {}, el('td', {}, a.agentId), el('td', { class: 'num' }, a.stage),
        el('td', {}, a.state), el('td', { class: 'num' }, a.desiredVersion), el('td', {}, time(a.updatedAt)))))),
    el('h2', {}, 'Events'),
    el('ol', { class: 'timeline' }, r.events.map((e) => el('li', {}, el('code', {}, time(e.at)), ` ${e.type}`))));
}
