// Model ladders: every model in the registry with its releases; the newest release's variants as a table
// (precision, accuracy, size) and where each release was pushed.
import { get } from './api.js';
import { el, num, short, time } from './format.js';

function variants(release) {
  return el('table', { class: 'ladder', 'data-release': release.releaseSha },
    el('thead', {}, el('tr', {}, ['Rung', 'Variant', 'Precision', 'Accuracy', 'Size', 'sha256'].map((t) => el('th', {}, t)))),
    el('tbody', {}, release.variants.map((v, i) => el('tr', { 'data-variant': v.variantId },
      el('td', { class: 'num' }, i), el('td', {}, v.variantId), el('td', {}, v.precision ?? '—'),
      el('td', { class: 'num' }, v.accuracy === null ? '—' : num(v.accuracy * 100, 2, ' %')),
      el('td', { class: 'num' }, num(v.size / 1024, 1, ' KiB')), el('td', {}, el('code', {}, short(v.sha256)))))));
}

export async function show(main) {
  const models = await get('/models');
  main.append(el('h1', {}, 'Model ladders'));
  if (!models.length) {
    main.append(el('p', { class: 'muted' }, 'No models yet: push a ladder with `edgeladder-controller models push`.'));
    return;
  }
  const releases = await Promise.all(models.map((m) => get(`/models/${encodeURIComponent(m.name)}/releases`)));
  models.forEach((m, i) => {
    const [newest, ...older] = releases[i];
    main.append(el('section', { 'data-model': m.name },
      el('h2', {}, m.name, el('span', { class: 'muted' }, ` · ${m.releases} release(s)`)),
      newest ? el('p', {}, 'Release ', el('code', {}, short(newest.releaseSha)), ` of ${time(newest.createdAt)}; pushed to `,
        newest.pushes.map((p) => `${p.kind.toLowerCase()} ${p.target}`).join(', ') || 'nobody yet') : null,
      newest ? variants(newest) : null,
      older.length ? el('p', { class: 'muted' }, 'Older: ', older.map((r) => short(r.releaseSha)).join(', ')) : null));
  });
}
