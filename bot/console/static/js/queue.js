// The home page: who needs someone now. Polls every few seconds (as a background refresh, so
// an unattended screen still signs out) and ticks every SLA clock each second.
//
// Rows are kept and updated in place (keyed by id), so focus stays where it is. While focus
// or the pointer is in the lists, nothing moves: the update waits until they leave, and new
// flags are announced in the status region meanwhile. Repeat flags for one client sit
// together under their most urgent one; an urgent call-back rides on its flag.
import { api } from './api.js';
import { announce } from './announce.js';
import {
  clear, duration, empty, field, h, levelBadge, link, minutes, pill, plural, timeEl, words,
} from './dom.js';
import { syncRows } from './rows.js';

const POLL_MS = 5000;
const LEVEL_NAMES = { imminent: 'Imminent', high: 'High', moderate: 'Moderate' };

export async function queueView({ me, view, banner }) {
  let offset = 0; // server clock minus this browser's clock
  let seen = null; // flag ids already shown or announced
  let arrived = new Set(); // flag ids new in the latest refresh (highlighted)
  let pending = null; // a snapshot waiting for the person to leave the lists
  let pointerIn = false;
  const status = h('p', { class: 'muted small', id: 'updated' }, 'Loading…');
  const health = h('span', { id: 'alerting' });
  const stats = h('div', { class: 'stats', id: 'stats' });
  const openBody = h('tbody');
  const progressBody = h('tbody');
  const tasksBody = h('tbody');
  const asksBody = h('tbody');
  const level = h('select', { id: 'filter-level' }, h('option', { value: '' }, 'All levels'),
    Object.entries(LEVEL_NAMES).map(([v, t]) => h('option', { value: v }, t)));
  const program = h('select', { id: 'filter-program' }, h('option', { value: '' }, 'All my programs'),
    me.programs.map((p) => h('option', { value: p }, p)));
  const client = h('input', { type: 'search', id: 'filter-client', maxlength: 120,
    placeholder: 'Name, id or phone', autocomplete: 'off' });
  const filters = h('form', { class: 'toolbar filters', role: 'search', 'aria-label': 'Filter the queue' },
    field('Level', level), field('Program', program), field('Client', client));
  const heading = (id, text) => h('h2', { id, tabindex: '-1' }, text);
  const lists = h('div', { id: 'queue-lists' },
    h('section', { class: 'card', id: 'queue-open', 'aria-labelledby': 'h-open' },
      heading('h-open', 'Needs acknowledgement'),
      table('queue', ['Level', 'Client', 'What was flagged', 'Raised', 'Acknowledge within', 'Actions'], openBody)),
    h('section', { class: 'card', id: 'queue-progress', 'aria-labelledby': 'h-progress' },
      heading('h-progress', 'In progress'),
      table('queue', ['Level', 'Client', 'What was flagged', 'Acknowledged', 'Open for', 'Actions'], progressBody)),
    h('section', { class: 'card', id: 'follow-ups', 'aria-labelledby': 'h-tasks' },
      heading('h-tasks', 'Follow-ups'),
      h('p', { class: 'muted small' }, 'A human follow-up is what helps. Tasks stay here until someone marks them done.'),
      table('', ['Due', 'Client', 'Task', 'Set by', 'Actions'], tasksBody)),
    h('section', { class: 'card', id: 'contact-requests', 'aria-labelledby': 'h-asks' },
      heading('h-asks', 'Asked to hear from the care team'),
      table('', ['Asked', 'Client', 'Reason', 'Actions'], asksBody)));
  view.append(
    h('div', { class: 'pagehead' }, h('h1', {}, 'Escalation queue'), health, status),
    stats, filters, lists);

  const now = () => Date.now() + offset;
  const paused = () => pointerIn || lists.contains(document.activeElement);

  function tick() {
    for (const el of view.querySelectorAll('[data-due]')) {
      const left = Date.parse(el.dataset.due) - now();
      el.textContent = left >= 0 ? `${duration(left)} left` : `Overdue by ${duration(-left)}`;
      el.closest('tr').classList.toggle('overdue', left < 0 && el.dataset.live === '1');
    }
    for (const el of view.querySelectorAll('[data-since]')) {
      el.textContent = duration(now() - Date.parse(el.dataset.since));
    }
    const stamp = status.dataset.at;
    if (!stamp) return;
    const ago = `updated ${Math.round((Date.now() - Number(stamp)) / 1000)}s ago`;
    status.textContent = pending ? `Paused while you work in the list · changes waiting · ${ago}` : `Live · ${ago}`;
  }

  // A step from a row: done, said (status region), and focus lands somewhere that exists.
  async function act(path, button, said, focusAfter) {
    button.disabled = true;
    try {
      await api(path, { method: 'POST' });
      announce(said);
      banner('queue-done', 'info', said);
      await refresh(true);
      const target = focusAfter && focusAfter();
      (target || document.getElementById('h-open')).focus();
    } catch (err) {
      banner('queue-error', 'danger', err.message);
      button.disabled = false;
    }
  }

  function who(e) {
    return e.client_id ? link(`/staff/clients/${e.client_id}`, e.client_name || e.client_id)
      : h('span', {}, e.sender_phone ? `Unknown sender ${e.sender_phone}` : 'Unknown sender');
  }

  function callback(c) {
    if (!c) return null;
    return h('p', { class: 'callback-line' }, pill('Asked for a call back', 'bad'), ' ',
      c.phone ? h('a', { href: `tel:${c.phone}` }, c.phone) : h('span', {}, 'no phone - reply in chat'));
  }

  function escalationRow(e, open, repeatOf) {
    const what = h('div', {}, h('strong', {}, words(e.category)),
      e.excerpt ? h('q', { class: 'excerpt' }, e.excerpt) : null,
      e.sms_opted_out ? pill('SMS opted out: reach them another way', 'warn') : null,
      callback(e.callback));
    const actions = h('div', { class: 'rowactions' });
    const label = `flag #${e.id}${e.client_name ? ` for ${e.client_name}` : ''}`;
    if (open) {
      actions.append(h('button', { type: 'button', class: 'primary',
        onclick: (ev) => act(`/api/staff/escalations/${e.id}/acknowledge`, ev.currentTarget,
          `Acknowledged ${label}. It is now in progress; the paging ladder has stopped.`,
          () => document.querySelector(`#queue-progress tr[data-escalation-id="${e.id}"] a.button`)) },
      named('Acknowledge', label)));
    }
    actions.append(link(`/staff/escalations/${e.id}`, named(open ? 'Open' : 'Resolve…', label),
      { class: 'button quiet' }));
    const clock = open
      ? h('span', { class: 'clock', 'data-due': e.sla.due_at, 'data-live': '1', title: `Target: ${e.sla.target}` })
      : h('span', { 'data-since': e.created_at });
    const person = repeatOf
      ? h('span', { class: 'muted small repeat-of' }, h('span', { 'aria-hidden': 'true' }, '↳ '),
        `same client${e.client_name ? ` (${e.client_name})` : ''}`)
      : [who(e), repeatOf === null && e.repeats ? h('div', {}, pill(plural(e.repeats + 1, 'flag'), 'warn')) : null];
    const row = h('tr', { 'data-escalation-id': e.id, class: `level-${e.level}${repeatOf ? ' repeat' : ''}` },
      h('td', { class: 'lvl' }, levelBadge(e.level)), h('td', { class: 'person' }, person),
      h('td', { class: 'what' }, what),
      h('td', { class: 'since', 'data-label': open ? 'Raised' : 'Acknowledged' },
        open ? h('span', { 'data-since': e.created_at }) : `${e.acknowledged_by}, `,
        open ? ' ago' : timeEl(e.acknowledged_at)),
      h('td', { class: 'due', 'data-label': open ? 'Acknowledge within' : 'Open for' }, clock),
      h('td', { class: 'actions' }, actions));
    if (arrived.has(e.id)) row.classList.add('new');
    return row;
  }

  // Most urgent first, and a client's other flags straight under their most urgent one.
  function grouped(items) {
    const order = [];
    const groups = new Map();
    for (const e of items) {
      const key = e.client_id || `flag-${e.id}`;
      if (!groups.has(key)) { groups.set(key, []); order.push(key); }
      groups.get(key).push(e);
    }
    return order.flatMap((key) => groups.get(key).map((e, i, all) =>
      ({ e: { ...e, repeats: i === 0 ? all.length - 1 : 0 }, repeatOf: i === 0 ? null : all[0].id })));
  }

  function taskRow(t) {
    const name = t.client_name || `flag #${t.escalation_id}`;
    return h('tr', { 'data-follow-up-id': t.id },
      h('td', { 'data-label': 'Due' }, h('span', { class: 'clock', 'data-due': t.due_at, 'data-live': '1' }),
        h('div', { class: 'muted small' }, timeEl(t.due_at))),
      h('td', { 'data-label': 'Client' }, t.client_id ? link(`/staff/clients/${t.client_id}`, t.client_name || t.client_id)
        : link(`/staff/escalations/${t.escalation_id}`, `Flag #${t.escalation_id}`)),
      h('td', { 'data-label': 'Task' }, t.note || 'Follow up'),
      h('td', { 'data-label': 'Set by' }, t.created_by),
      h('td', { class: 'actions' }, h('button', { type: 'button', class: 'quiet',
        onclick: (ev) => act(`/api/staff/follow-ups/${t.id}/done`, ev.currentTarget,
          `Follow-up for ${name} marked done.`, () => document.getElementById('h-tasks')) }, named('Mark done', `: follow-up for ${name}`))));
  }

  function askRow(r) {
    return h('tr', { 'data-request-id': r.id, class: r.urgent ? 'flagged' : '' },
      h('td', { 'data-label': 'Asked' }, h('span', { 'data-since': r.created_at }), ' ago'),
      h('td', { 'data-label': 'Client' }, link(`/staff/clients/${r.client_id}`, r.client_name)),
      h('td', { 'data-label': 'Reason' }, r.urgent ? pill('Urgent call back', 'bad') : null, ' ',
        r.reason || 'Wants to talk to their counselor', ' · ',
        r.phone ? h('a', { href: `tel:${r.phone}` }, r.phone) : 'no phone - reply in chat'),
      h('td', { class: 'actions' }, h('button', { type: 'button', class: 'quiet',
        onclick: (ev) => act(`/api/staff/contact-requests/${r.id}/done`, ev.currentTarget,
          `${r.client_name}'s request marked handled.`, () => document.getElementById('h-asks')) }, named('Mark handled', `: ${r.client_name}`))));
  }

  function renderStats(q) {
    const open = q.escalations.filter((e) => e.state === 'open');
    const overdue = open.filter((e) => Date.parse(e.sla.due_at) < now()).length;
    const m = q.metrics;
    clear(stats).append(
      stat('Waiting for acknowledgement', open.length, overdue ? `${overdue} overdue` : 'none overdue', overdue ? 'bad' : ''),
      stat('In progress', q.escalations.length - open.length, 'acknowledged, not yet resolved'),
      stat('Follow-ups open', q.follow_ups.length,
        `${q.follow_ups.filter((t) => Date.parse(t.due_at) < now()).length} overdue`),
      stat(`Time to acknowledge (${m.days} days)`, `${minutes(m.to_acknowledge.p50_minutes)}`,
        `median · 90th percentile ${minutes(m.to_acknowledge.p90_minutes)} · ${plural(m.to_acknowledge.count, 'flag')}`),
      stat(`Time to resolve (${m.days} days)`, `${minutes(m.to_resolve.p50_minutes)}`,
        `median · 90th percentile ${minutes(m.to_resolve.p90_minutes)} · ${plural(m.to_resolve.count, 'flag')}`));
    document.title = `${open.length ? `(${open.length}) ` : ''}Queue · Staff console`;
  }

  function renderHealth(alerting) {
    clear(health).append(alerting.degraded ? pill('Alerting degraded', 'bad') : pill('Alerting OK', 'good'));
    if (alerting.degraded) {
      banner('alerting-degraded', 'danger', h('strong', {}, 'Alerting degraded. '),
        `${alerting.reasons.join(' ')} Pages to on-call staff may be delayed: watch this queue and call the on-call clinician directly.`);
    } else banner('alerting-degraded');
  }

  function announceNew(q) {
    const fresh = q.escalations.filter((e) => !seen.has(e.id));
    if (!fresh.length) return;
    const first = fresh[0];
    const whom = first.client_name || 'an unknown sender';
    announce(fresh.length === 1
      ? `New ${LEVEL_NAMES[first.level] || first.level} flag: ${words(first.category)}, ${whom}.`
      : `${fresh.length} new flags. Most urgent: ${LEVEL_NAMES[first.level] || first.level}, ${whom}.`);
  }

  function apply(q) {
    pending = null;
    const open = grouped(q.escalations.filter((e) => e.state === 'open'));
    const progress = grouped(q.escalations.filter((e) => e.state === 'acknowledged'));
    const sig = (x) => JSON.stringify(x);
    syncRows(openBody, open.map(({ e, repeatOf }) => ({ key: `e${e.id}`, sig: sig([e, repeatOf]), build: () => escalationRow(e, true, repeatOf) })),
      () => emptyRow(6, 'No one is waiting. New flags appear here on their own.'));
    syncRows(progressBody, progress.map(({ e, repeatOf }) => ({ key: `e${e.id}`, sig: sig([e, repeatOf]), build: () => escalationRow(e, false, repeatOf) })),
      () => emptyRow(6, 'Nothing in progress.'));
    syncRows(tasksBody, q.follow_ups.map((t) => ({ key: `t${t.id}`, sig: sig(t), build: () => taskRow(t) })),
      () => emptyRow(5, 'No follow-ups due.'));
    syncRows(asksBody, q.contact_requests.map((r) => ({ key: `r${r.id}`, sig: sig(r), build: () => askRow(r) })),
      () => emptyRow(4, 'No one is waiting for a call back.'));
    tick();
  }

  function query() {
    const p = new URLSearchParams();
    if (level.value) p.set('level', level.value);
    if (program.value) p.set('program', program.value);
    if (client.value.trim()) p.set('client', client.value.trim());
    return p.toString() ? `?${p}` : '';
  }

  async function refresh(force = false) {
    const q = await api(`/api/staff/queue${query()}`, { poll: true });
    offset = Date.parse(q.server_time) - Date.now();
    renderHealth(q.alerting);
    renderStats(q);
    arrived = new Set(seen ? q.escalations.filter((e) => !seen.has(e.id)).map((e) => e.id) : []);
    if (seen) announceNew(q);
    seen = new Set([...(seen || []), ...q.escalations.map((e) => e.id)]);
    status.dataset.at = String(Date.now());
    banner('queue-error');
    if (paused() && !force) { pending = q; tick(); return; }
    apply(q);
  }

  function flush() { if (pending && !paused()) apply(pending); }
  lists.addEventListener('pointerenter', () => { pointerIn = true; });
  lists.addEventListener('pointerleave', () => { pointerIn = false; flush(); });
  lists.addEventListener('focusout', () => setTimeout(flush, 0));
  let typing = null;
  const refilter = () => { seen = null; refresh(true).catch((err) => banner('queue-error', 'danger', err.message)); };
  filters.addEventListener('submit', (ev) => ev.preventDefault());
  level.addEventListener('change', refilter);
  program.addEventListener('change', refilter);
  client.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(refilter, 300); });

  await refresh(true);
  const timers = [setInterval(tick, 1000), setInterval(() => {
    refresh().catch((err) => banner('queue-error', 'warning',
      `Could not refresh the queue (${err.message}). Retrying…`));
  }, POLL_MS)];
  return { dispose: () => {
    timers.forEach(clearInterval); clearTimeout(typing);
    ['alerting-degraded', 'queue-error', 'queue-done'].forEach((id) => banner(id));
  } };
}

function table(kind, headings, body) {
  return h('div', { class: 'tablewrap' }, h('table', { class: kind },
    h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' },
      t === 'Actions' ? h('span', { class: 'visually-hidden' }, t) : t)))), body));
}

// Visible text plus, for screen readers, which row it acts on ("Acknowledge flag #3 for Sam").
function named(text, which) {
  return [text, h('span', { class: 'visually-hidden' }, which.startsWith(':') ? which : ` ${which}`)];
}

function emptyRow(span, text) {
  return h('tr', {}, h('td', { colspan: span }, empty(text)));
}

function stat(label, value, detail, kind) {
  return h('div', { class: `stat ${kind || ''}` }, h('span', { class: 'label' }, label),
    h('strong', {}, String(value)), h('span', { class: 'muted small' }, detail));
}
