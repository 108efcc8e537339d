// The home page: who needs someone now. Polls every few seconds (as a background refresh, so
// an unattended screen still signs out) and ticks every SLA clock each second.
import { api } from './api.js';
import {
  clear, duration, empty, h, levelBadge, link, minutes, pill, plural, timeEl, words,
} from './dom.js';

const POLL_MS = 5000;

export async function queueView({ view, banner }) {
  let offset = 0; // server clock minus this browser's clock
  let seen = null;
  const status = h('p', { class: 'muted small', id: 'updated' }, 'Loading…');
  const health = h('span', { id: 'alerting' });
  const stats = h('div', { class: 'stats', id: 'stats' });
  const openBody = h('tbody');
  const progressBody = h('tbody');
  const tasksBody = h('tbody');
  const openTable = table(['Level', 'Client', 'What was flagged', 'Raised', 'Acknowledge within', ''], openBody);
  const progressTable = table(['Level', 'Client', 'What was flagged', 'Acknowledged', 'Open for', ''], progressBody);
  const tasksTable = table(['Due', 'Client', 'Task', 'Set by', ''], tasksBody);
  const asksBody = h('tbody');
  const asksTable = table(['Asked', 'Client', 'Reason', ''], asksBody);
  view.append(
    h('div', { class: 'pagehead' }, h('h1', {}, 'Escalation queue'), health, status),
    stats,
    h('section', { class: 'card', id: 'queue-open', 'aria-labelledby': 'h-open' },
      h('h2', { id: 'h-open' }, 'Needs acknowledgement'), openTable),
    h('section', { class: 'card', id: 'queue-progress', 'aria-labelledby': 'h-progress' },
      h('h2', { id: 'h-progress' }, 'In progress'), progressTable),
    h('section', { class: 'card', id: 'follow-ups', 'aria-labelledby': 'h-tasks' },
      h('h2', { id: 'h-tasks' }, 'Follow-ups'),
      h('p', { class: 'muted small' }, 'A human follow-up is what helps. Tasks stay here until someone marks them done.'),
      tasksTable),
    h('section', { class: 'card', id: 'contact-requests', 'aria-labelledby': 'h-asks' },
      h('h2', { id: 'h-asks' }, 'Asked to hear from the care team'), asksTable),
  );

  const now = () => Date.now() + offset;

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
    if (stamp) status.textContent = `Live · updated ${Math.round((Date.now() - Number(stamp)) / 1000)}s ago`;
  }

  async function act(path, button) {
    button.disabled = true;
    try { await api(path, { method: 'POST' }); await refresh(); }
    catch (err) { banner('queue-error', 'danger', err.message); button.disabled = false; }
  }

  function escalationRow(e, open) {
    const who = e.client_id ? link(`/staff/clients/${e.client_id}`, e.client_name || e.client_id)
      : h('span', {}, e.sender_phone ? `Unknown sender ${e.sender_phone}` : 'Unknown sender');
    const what = h('div', {}, h('strong', {}, words(e.category)),
      e.excerpt ? h('q', { class: 'excerpt' }, e.excerpt) : null,
      e.sms_opted_out ? pill('SMS opted out: reach them another way', 'warn') : null);
    const actions = h('div', { class: 'rowactions' });
    if (open) {
      actions.append(h('button', { type: 'button', class: 'primary',
        onclick: (ev) => act(`/api/staff/escalations/${e.id}/acknowledge`, ev.currentTarget) },
      'Acknowledge'));
    }
    actions.append(link(`/staff/escalations/${e.id}`, open ? 'Open' : 'Resolve…', { class: 'button quiet' }));
    const clock = open
      ? h('span', { class: 'clock', 'data-due': e.sla.due_at, 'data-live': '1',
        title: `Target: ${e.sla.target}` })
      : h('span', { 'data-since': e.created_at });
    const row = h('tr', { 'data-escalation-id': e.id, class: `level-${e.level}` },
      h('td', {}, levelBadge(e.level)), h('td', {}, who), h('td', {}, what),
      h('td', {}, open ? h('span', { 'data-since': e.created_at }) : `${e.acknowledged_by}, `,
        open ? ' ago' : timeEl(e.acknowledged_at)),
      h('td', {}, clock), h('td', { class: 'actions' }, actions));
    if (seen && !seen.has(e.id)) row.classList.add('new');
    return row;
  }

  function taskRow(t) {
    return h('tr', { 'data-follow-up-id': t.id },
      h('td', {}, h('span', { class: 'clock', 'data-due': t.due_at, 'data-live': '1' }),
        h('div', { class: 'muted small' }, timeEl(t.due_at))),
      h('td', {}, t.client_id ? link(`/staff/clients/${t.client_id}`, t.client_name || t.client_id)
        : link(`/staff/escalations/${t.escalation_id}`, `Flag #${t.escalation_id}`)),
      h('td', {}, t.note || 'Follow up'),
      h('td', {}, t.created_by),
      h('td', { class: 'actions' }, h('button', { type: 'button', class: 'quiet',
        onclick: (ev) => act(`/api/staff/follow-ups/${t.id}/done`, ev.currentTarget) }, 'Mark done')));
  }

  function askRow(r) {
    return h('tr', { 'data-request-id': r.id },
      h('td', {}, h('span', { 'data-since': r.created_at }), ' ago'),
      h('td', {}, link(`/staff/clients/${r.client_id}`, r.client_name)),
      h('td', {}, r.reason || 'Wants to talk to their counselor'),
      h('td', { class: 'actions' }, h('button', { type: 'button', class: 'quiet',
        onclick: (ev) => act(`/api/staff/contact-requests/${r.id}/done`, ev.currentTarget) }, 'Mark handled')));
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

  async function refresh() {
    const q = await api('/api/staff/queue', { poll: true });
    offset = Date.parse(q.server_time) - Date.now();
    renderHealth(q.alerting);
    renderStats(q);
    const open = q.escalations.filter((e) => e.state === 'open');
    const progress = q.escalations.filter((e) => e.state === 'acknowledged');
    fill(openBody, open.map((e) => escalationRow(e, true)), 6,
      'No one is waiting. New flags appear here on their own.');
    fill(progressBody, progress.map((e) => escalationRow(e, false)), 6, 'Nothing in progress.');
    fill(tasksBody, q.follow_ups.map(taskRow), 5, 'No follow-ups due.');
    fill(asksBody, q.contact_requests.map(askRow), 4, 'No one is waiting for a call back.');
    seen = new Set(q.escalations.map((e) => e.id));
    status.dataset.at = String(Date.now());
    banner('queue-error');
    tick();
  }

  await refresh();
  const timers = [setInterval(tick, 1000), setInterval(() => {
    refresh().catch((err) => banner('queue-error', 'warning',
      `Could not refresh the queue (${err.message}). Retrying…`));
  }, POLL_MS)];
  return { dispose: () => { timers.forEach(clearInterval); banner('alerting-degraded'); banner('queue-error'); } };
}

function table(headings, body) {
  return h('div', { class: 'tablewrap' }, h('table', {},
    h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t)))), body));
}

function fill(body, rows, span, text) {
  clear(body).append(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: span }, empty(text)))]));
}

function stat(label, value, detail, kind) {
  return h('div', { class: `stat ${kind || ''}` }, h('span', { class: 'label' }, label),
    h('strong', {}, String(value)), h('span', { class: 'muted small' }, detail));
}
