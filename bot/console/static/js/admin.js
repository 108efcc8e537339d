// Admin: staff accounts (roles, programs, active, one-time password resets), programs, and
// the audit log with filters.
import { api } from './api.js';
import { announce } from './announce.js';
import { ask, copyable, tell } from './dialog.js';
import { clear, empty, field, h, pill, section, timeEl } from './dom.js';

const ROLES = ['clinician', 'supervisor', 'admin'];

export async function adminView({ me, view }) {
  const staffBody = h('tbody');
  const programList = h('ul', { class: 'plain' });
  let programs = [];

  const programBoxes = (chosen) => h('fieldset', {}, h('legend', {}, 'Programs'),
    programs.filter((p) => p.active).map((p) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'programs', value: p.code, checked: chosen.includes(p.code) }), ` ${p.name}`)));
  const chosenPrograms = (form) => [...form.querySelectorAll('input[name=programs]:checked')].map((i) => i.value);

  async function load() {
    const [people, progs] = await Promise.all([api('/api/staff/admin/staff'), api('/api/staff/programs')]);
    programs = progs.items;
    clear(programList).append(...programs.map((p) => h('li', {}, h('strong', {}, p.name), ` (${p.code})`, p.active ? '' : ' · inactive')));
    clear(staffBody).append(...people.items.map((s) => h('tr', { 'data-staff-id': s.id, class: s.active ? '' : 'inactive' },
      h('td', {}, h('strong', {}, s.username), s.id === me.id ? ' (you)' : ''),
      h('td', {}, s.role), h('td', {}, s.programs.join(', ') || '—'),
      h('td', {}, !s.active ? pill('Deactivated', 'warn') : s.locked_until && Date.parse(s.locked_until) > Date.now()
        ? pill('Locked', 'bad') : s.must_change_password ? pill('One-time password', 'warn') : pill('Active', 'good')),
      h('td', {}, timeEl(s.created_at)),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'quiet', onclick: () => edit(s), 'aria-label': `Edit ${s.username}` }, 'Edit'),
        h('button', { type: 'button', class: 'quiet', onclick: () => reset(s), 'aria-label': `Reset ${s.username}'s password` }, 'Reset password'),
        s.id === me.id ? null : s.active
          ? h('button', { type: 'button', class: 'quiet danger', onclick: () => deactivate(s), 'aria-label': `Deactivate ${s.username}` }, 'Deactivate…')
          : h('button', { type: 'button', class: 'quiet', onclick: () => reactivate(s), 'aria-label': `Reactivate ${s.username}` }, 'Reactivate')))));
  }

  // Its own action: what they hold, who takes it, then a confirmation (staff_handover.py).
  async function deactivate(s) {
    const held = await api(`/api/staff/admin/staff/${s.id}/holdings`);
    const heldText = held.clients
      ? `${s.username} is primary clinician for ${held.clients} active client${held.clients === 1 ? '' : 's'}, with ${held.open_flags} open flag${held.open_flags === 1 ? '' : 's'} and ${held.open_follow_ups} open follow-up${held.open_follow_ups === 1 ? '' : 's'}.`
      : `${s.username} holds no clients, open flags or follow-ups.`;
    const target = h('select', { name: 'reassign_to' },
      h('option', { value: '' }, held.clients ? 'Choose a clinician…' : 'Nobody needed'),
      held.candidates.map((c) => h('option', { value: String(c.id) }, `${c.username} (${c.programs.join(', ')})`)));
    const content = h('div', { class: 'stack' }, h('p', { id: 'holdings' }, heldText),
      held.clients && !held.candidates.length
        ? h('p', { class: 'banner warning' }, `No other active clinician works in ${held.programs.join(', ')}. Add or assign one first.`)
        : null,
      held.clients ? field('Hand their clients to', target, 'Their open flags and follow-ups go with the clients.') : null,
      h('p', { class: 'muted small' }, 'They are signed out everywhere and can no longer sign in. Their history stays.'));
    const result = await ask({ title: `Deactivate ${s.username}?`, submit: 'Deactivate', danger: true, content,
      onSubmit: () => {
        if (held.clients && !target.value) throw new Error('Choose who takes their clients.');
        return api(`/api/staff/admin/staff/${s.id}/deactivate`, { method: 'POST',
          body: target.value ? { reassign_to: Number(target.value) } : {} });
      } });
    if (result) {
      const said = `${s.username} is deactivated.${result.clients_moved ? ` ${result.clients_moved} clients moved to ${target.selectedOptions[0].textContent.split(' (')[0]}.` : ''}`;
      await load();
      announce(said);
      tell('Deactivated', h('p', {}, said));
    }
  }

  async function reactivate(s) {
    const done = await ask({ title: `Reactivate ${s.username}?`, submit: 'Reactivate',
      content: h('p', {}, 'They can sign in again with their password.'),
      onSubmit: () => api(`/api/staff/admin/staff/${s.id}`, { method: 'POST', body: { active: true } }) });
    if (done) { await load(); announce(`${s.username} is active again.`); }
  }

  async function edit(s) {
    const role = h('select', { name: 'role' }, ROLES.map((r) => h('option', { value: r, selected: r === s.role }, r)));
    const content = h('div', { class: 'stack' }, field('Role', role), programBoxes(s.programs),
      h('p', { class: 'muted small' }, 'Changing the role signs them out everywhere. To deactivate, use Deactivate… in the list.'));
    const done = await ask({ title: `Edit ${s.username}`, submit: 'Save', content,
      onSubmit: (form) => api(`/api/staff/admin/staff/${s.id}`, { method: 'POST',
        body: { role: role.value, programs: chosenPrograms(form) } }) });
    if (done) { await load(); announce(`${s.username} saved.`); }
  }

  async function reset(s) {
    const result = await ask({ title: `Reset ${s.username}'s password?`, submit: 'Reset', danger: true,
      content: h('p', {}, 'They are signed out everywhere and must choose a new password when they next sign in.'),
      onSubmit: () => api(`/api/staff/admin/staff/${s.id}/reset-password`, { method: 'POST' }) });
    if (result) {
      tell('First-login link', h('p', {}, `Send this link to ${s.username} only. It works once, for ${result.link_expires_hours} hours; using it yourself is recorded under your name.`),
        copyable(result.first_login_url, 'First-login link'));
      load();
    }
  }

  async function add() {
    const username = h('input', { name: 'username', required: true, maxlength: 64, autocomplete: 'off' });
    const role = h('select', { name: 'role' }, ROLES.map((r) => h('option', { value: r }, r)));
    const content = h('div', { class: 'stack' }, field('Username', username, 'One person, one account. Never shared.'),
      field('Role', role), programBoxes(['iop']));
    const result = await ask({ title: 'Add a staff member', submit: 'Add', content,
      onSubmit: (form) => api('/api/staff/admin/staff', { method: 'POST',
        body: { username: username.value.trim(), role: role.value, programs: chosenPrograms(form) } }) });
    if (result) {
      tell('Account created', h('p', {}, `First-login link for ${result.staff.username} only (works once, for ${result.link_expires_hours} hours):`),
        copyable(result.first_login_url, 'First-login link'));
      load();
    }
  }

  async function addProgram() {
    const code = h('input', { required: true, maxlength: 64, pattern: '[a-z0-9][a-z0-9_-]*' });
    const name = h('input', { required: true, maxlength: 120 });
    const done = await ask({ title: 'Add a program', submit: 'Add',
      content: h('div', { class: 'stack' }, field('Code', code, 'Short, lowercase, like iop-evening.'), field('Name', name)),
      onSubmit: () => api('/api/staff/programs', { method: 'POST', body: { code: code.value.trim(), name: name.value.trim() } }) });
    if (done) load();
  }

  view.append(h('div', { class: 'pagehead' }, h('h1', {}, 'Staff and programs'),
    h('button', { type: 'button', class: 'primary', onclick: add }, 'Add staff member')),
  section('Staff', h('div', { class: 'tablewrap', tabindex: '0', role: 'region', 'aria-label': 'Staff accounts' }, h('table', { id: 'staff' },
    h('thead', {}, h('tr', {}, ['Username', 'Role', 'Programs', 'Status', 'Created', ''].map((t) => h('th', { scope: 'col' }, t)))),
    staffBody))),
  section('Programs', programList, h('button', { type: 'button', class: 'quiet', onclick: addProgram }, 'Add program')));
  await load();
}

export async function auditView({ view }) {
  const actor = h('input', { maxlength: 64, placeholder: 'username' });
  const client = h('input', { maxlength: 32, placeholder: 'c_…' });
  const action = h('select', {});
  const outcome = h('select', {}, ['', 'ok', 'failed', 'denied'].map((o) => h('option', { value: o }, o || 'any')));
  const since = h('input', { type: 'date' });
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'quiet', hidden: true }, 'Older entries');
  let before = null;

  async function load(append) {
    const q = new URLSearchParams({ limit: '100' });
    if (actor.value.trim()) q.set('actor', actor.value.trim());
    if (client.value.trim()) q.set('client_id', client.value.trim());
    if (action.value) q.set('action', action.value);
    if (outcome.value) q.set('outcome', outcome.value);
    if (since.value) q.set('since', new Date(`${since.value}T00:00:00`).toISOString());
    if (append && before) q.set('before_id', String(before));
    const data = await api(`/api/staff/admin/audit?${q}`);
    if (!action.options.length) {
      action.append(h('option', { value: '' }, 'any'), ...data.actions.map((a) => h('option', { value: a }, a.replace(/_/g, ' '))));
    }
    if (!append) clear(body);
    body.append(...data.items.map((r) => h('tr', { class: r.outcome === 'ok' ? '' : 'flagged' },
      h('td', {}, timeEl(r.at)), h('td', {}, r.actor || '—'), h('td', {}, r.action.replace(/_/g, ' ')),
      h('td', {}, r.outcome), h('td', {}, r.target_type ? `${r.target_type} ${r.target_id}` : '—'),
      h('td', {}, r.client_id || '—'), h('td', {}, r.ip || '—'), h('td', {}, r.detail || ''))));
    if (!body.children.length) body.append(h('tr', {}, h('td', { colspan: 8 }, empty('No entries match.'))));
    before = data.next_before_id;
    more.hidden = !before;
  }

  const form = h('form', { class: 'toolbar' }, field('Who', actor), field('Action', action), field('Outcome', outcome),
    field('Client', client), field('Since', since), h('button', { type: 'submit', class: 'primary' }, 'Filter'));
  form.addEventListener('submit', (e) => { e.preventDefault(); load(false); });
  more.addEventListener('click', () => load(true));
  view.append(h('div', { class: 'pagehead' }, h('h1', {}, 'Audit log')),
    h('section', { class: 'card' }, h('p', { class: 'muted' }, 'Append-only: nobody, admins included, can change or delete an entry.'),
      form, h('div', { class: 'tablewrap', tabindex: '0', role: 'region', 'aria-label': 'Audit entries' }, h('table', { id: 'audit' }, h('thead', {}, h('tr', {},
        ['When', 'Who', 'Action', 'Outcome', 'Target', 'Client', 'IP', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))), body)), more));
  await load(false);
}
