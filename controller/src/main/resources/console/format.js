// DOM and number helpers. Text always goes in as text nodes, never as HTML.

/** el('td', {class: 'num'}, 'text', childNode) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** A number with `digits` decimals and a unit, or an em dash when unknown. */
export function num(v, digits = 1, unit = '') {
  return v === undefined || v === null || Number.isNaN(v) ? '—' : v.toFixed(digits) + unit;
}

export function percent(fraction, digits = 1) {
  return fraction === undefined || fraction === null ? '—' : (fraction * 100).toFixed(digits) + ' %';
}

export function time(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';
}

export function short(sha) {
  return sha ? sha.slice(0, 12) : '—';
}

/** A 160x36 SVG sparkline of the numbers in `values` (nulls skipped). */
export function sparkline(values) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '160');
  svg.setAttribute('height', '36');
  const pts = values.map((v, i) => [i, v]).filter(([, v]) => v !== null && v !== undefined);
  if (pts.length > 1) {
    const max = Math.max(...pts.map(([, v]) => v));
    const min = Math.min(...pts.map(([, v]) => v));
    const span = max - min || 1;
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', pts.map(([i, v]) =>
      `${(i / (values.length - 1) * 158 + 1).toFixed(1)},${(34 - (v - min) / span * 32).toFixed(1)}`).join(' '));
    svg.append(line);
  }
  return svg;
}
