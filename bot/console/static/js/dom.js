// Small DOM helpers. Every piece of data becomes a text node or a property, never markup
// (XS-1): the console never parses a string as HTML (tests/console/test_xss.py checks).

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (['value', 'checked', 'disabled', 'selected', 'required'].includes(key)) {
      el[key] = value;
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function link(href, text, props) {
  return h('a', { href, 'data-link': true, ...(props || {}) }, text);
}

const LEVELS = { imminent: 'Imminent', high: 'High', moderate: 'Moderate' };

export function levelBadge(level) {
  return h('span', { class: `badge level-${level in LEVELS ? level : 'other'}` },
    LEVELS[level] || level);
}

export function pill(text, kind) {
  return h('span', { class: `pill ${kind || ''}` }, text);
}

export function words(category) {
  return category ? String(category).replace(/_/g, ' ') : 'unspecified';
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: 'numeric',
    minute: '2-digit' });
}

export function timeEl(iso) {
  return iso ? h('time', { datetime: iso, title: new Date(iso).toString() }, when(iso)) : '—';
}

export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400), hr = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60), sec = s % 60;
  if (d) return `${d}d ${hr}h`;
  if (hr) return `${hr}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${String(sec).padStart(2, '0')}s`;
}

export function minutes(value) {
  if (value === null || value === undefined) return '—';
  if (value < 1) return `${Math.round(value * 60)} s`;
  if (value < 60) return `${Math.round(value)} min`;
  return `${(value / 60).toFixed(1)} h`;
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control,
    hint ? h('span', { class: 'hint' }, hint) : null);
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

// A local datetime input's value as an ISO time with a zone, for the API.
export function isoFromLocal(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
