// The console shell: who is signed in, navigation, banners, the idle warning and the router.
import { api, ApiError, idleSince, onActivity, setCsrf, signIn } from './api.js';
import { adminView, auditView } from './admin.js';
import { clientsView, enrolView } from './clients.js';
import { clear, h, link } from './dom.js';
import { escalationView } from './escalation.js';
import { passwordView } from './password.js';
import { queueView } from './queue.js';
import { summaryView } from './summary.js';
import { timelineView } from './timeline.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const banners = document.getElementById('banners');
let current = null; // { dispose }
let generation = 0;
let me = null;
let idleSeconds = 900;

const CLINICAL = [
  ['/staff', 'Queue'], ['/staff/clients', 'Clients'], ['/staff/groups', 'Group summary'],
];
const ADMIN = [['/staff/admin', 'Staff & programs'], ['/staff/audit', 'Audit log']];
const ROUTES = [
  [/^\/staff\/?$/, (ctx) => (ctx.me.role === 'admin' ? adminView(ctx) : queueView(ctx))],
  [/^\/staff\/escalations\/(\d+)$/, escalationView],
  [/^\/staff\/clients\/?$/, clientsView],
  [/^\/staff\/clients\/new$/, enrolView],
  [/^\/staff\/clients\/([A-Za-z0-9_-]{1,32})$/, timelineView],
  [/^\/staff\/groups\/?$/, summaryView],
  [/^\/staff\/admin\/?$/, adminView],
  [/^\/staff\/audit\/?$/, auditView],
  [/^\/staff\/password\/?$/, passwordView],
];

export function navigate(path) {
  history.pushState({}, '', path);
  render();
}

export function banner(id, kind, ...content) {
  let el = document.getElementById(id);
  if (!content.length) { if (el) el.remove(); return; }
  if (!el) { el = h('div', { id, class: `banner ${kind}`, role: 'status' }); banners.append(el); }
  el.className = `banner ${kind}`;
  clear(el).append(...content.map((c) => (c instanceof Node ? c : document.createTextNode(c))));
}

function renderNav() {
  clear(nav);
  const items = me.role === 'admin' ? ADMIN : CLINICAL;
  const here = location.pathname.replace(/\/$/, '') || '/staff';
  for (const [path, label] of items) {
    const active = path === '/staff' ? here === '/staff' || here.startsWith('/staff/escalations')
      : here.startsWith(path);
    nav.append(link(path, label, { class: active ? 'active' : '', 'aria-current': active ? 'page' : null }));
  }
  document.getElementById('who').textContent = `${me.username} · ${me.role}`;
}

// Each navigation renders into its own container, attached only if it is still the page
// the person wants: a slow view finishing late never paints over the next one.
async function render() {
  const mine = ++generation;
  if (current && current.dispose) current.dispose();
  current = null;
  renderNav();
  const path = location.pathname;
  if (me.must_change_password && !path.startsWith('/staff/password')) {
    history.replaceState({}, '', '/staff/password');
    return render();
  }
  const match = ROUTES.map(([re, fn]) => [path.match(re), fn]).find(([m]) => m);
  clear(view);
  if (!match) {
    view.append(h('section', { class: 'card' }, h('h1', {}, 'Page not found'),
      h('p', {}, 'This page does not exist. '), link('/staff', 'Back to the console')));
    return;
  }
  view.append(h('p', { class: 'muted loading' }, 'Loading…'));
  const [m, fn] = match;
  const root = h('div', { class: 'page' });
  try {
    const result = (await fn({ me, navigate, banner, view: root }, ...m.slice(1))) || null;
    if (mine !== generation) {
      if (result && result.dispose) result.dispose();
      return;
    }
    current = result;
    clear(view).append(root);
  } catch (err) {
    if (mine !== generation || (err instanceof ApiError && err.status === 401)) return;
    const message = err instanceof ApiError && err.status === 404
      ? 'Not found, or not in your programs or caseload.' : err.message;
    clear(view).append(h('section', { class: 'card' }, h('h1', {}, 'Something went wrong'),
      h('p', {}, message), link('/staff', 'Back to the console')));
  }
  view.focus({ preventScroll: true });
}

// Warn two minutes before the idle timeout; only a person's action keeps the session.
function watchIdle() {
  setInterval(() => {
    const left = idleSeconds * 1000 - (Date.now() - idleSince());
    if (left <= 0) { signIn('expired'); return; }
    if (left < 120000) {
      banner('idle', 'warning',
        `You will be signed out in ${Math.ceil(left / 1000)} seconds without activity. `,
        h('button', { type: 'button', class: 'quiet', onclick: () => api('/api/staff/me') },
          'Stay signed in'));
    } else banner('idle');
  }, 1000);
}

async function start() {
  let session;
  try {
    session = await api('/api/staff/me');
  } catch {
    return;
  }
  me = session.user;
  idleSeconds = session.idle_timeout_seconds;
  setCsrf(session.csrf_token);
  onActivity(() => banner('idle'));
  document.getElementById('signout').addEventListener('click', async () => {
    try { await api('/api/staff/logout', { method: 'POST' }); } finally {
      location.assign('/staff/login?why=out');
    }
  });
  document.addEventListener('click', (event) => {
    const a = event.target.closest('a[data-link]');
    if (!a || event.metaKey || event.ctrlKey || event.shiftKey || a.target) return;
    event.preventDefault();
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', render);
  watchIdle();
  render();
}

start();
