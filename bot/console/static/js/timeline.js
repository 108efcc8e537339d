// One client's record over time. Opening it is audited on the server. Patient text is only
// ever set as textContent (XS-1).
import { api } from './api.js';
import { ask, copyable, tell } from './dialog.js';
import { outreachSection } from './outreach.js';
import { announce } from './announce.js';
import { conversation } from './transcript.js';
import {
  clear, empty, field, h, isoFromLocal, levelBadge, link, localInputValue, pill, section,
  timeEl, words,
} from './dom.js';

const SHOWN = 10;

export async function timelineView({ me, view, banner }, id) {
  let t = await api(`/api/staff/clients/${id}`);
  let days = 30;

  const chart = h('img', { id: 'craving-chart', alt: 'Craving intensity over time: strong cravings (7 and up) are red diamonds above the dashed line',
    width: 720, height: 280, src: `/api/staff/clients/${id}/cravings.svg?days=${days}` });

  async function reload() { t = await api(`/api/staff/clients/${id}`); render(); }

  async function newLink() {
    const url = await ask({ title: 'New chat link', submit: 'Create link',
      content: h('p', {}, 'The old links stop working and the client is signed out of the chat on every device.'),
      onSubmit: async () => (await api(`/api/staff/clients/${id}/chat-link`, { method: 'POST', body: { revoke_old: true } })).chat_url });
    if (url) tell('Chat link', h('p', {}, 'Give this to the client. It works once and is not shown again.'), copyable(url, 'Chat link'));
  }

  async function revoke() {
    const done = await ask({ title: 'Revoke chat access', submit: 'Revoke links', danger: true,
      content: h('p', {}, 'Every chat link stops working and the client is signed out of the chat. Their record stays.'),
      onSubmit: () => api(`/api/staff/clients/${id}/chat-link/revoke`, { method: 'POST' }) });
    if (done) banner('client-msg', 'info', 'Chat links revoked.');
  }

  async function deactivate() {
    const done = await ask({ title: `Deactivate ${t.client.display_name}?`, submit: 'Deactivate', danger: true,
      content: h('p', {}, 'They can no longer use the chat. The record, flags and follow-ups stay. Open flags still need resolving.'),
      onSubmit: () => api(`/api/staff/clients/${id}/deactivate`, { method: 'POST' }) });
    if (done) reload();
  }

  async function exportCsv() {
    const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
    await ask({ title: 'Export check-ins and triggers', submit: 'Download CSV',
      content: h('div', { class: 'stack' },
        h('p', {}, 'The file is covered by 42 CFR Part 2 and carries its redisclosure notice. Keep it on approved devices only. The export is logged.'),
        field('Your password', password)),
      onSubmit: async () => {
        const response = await api(`/api/staff/clients/${id}/export`, { method: 'POST', body: { password: password.value }, raw: true });
        const blob = await response.blob();
        const a = h('a', { href: URL.createObjectURL(blob), download: `client-${id}.csv` });
        document.body.append(a); a.click(); a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 5000);
        return true;
      } });
  }

  async function assign() {
    const people = await api('/api/staff/clinicians');
    const select = h('select', {}, people.items.filter((c) => c.programs.includes(t.client.program))
      .map((c) => h('option', { value: String(c.id), selected: c.id === t.client.primary_clinician_id }, c.username)));
    const done = await ask({ title: 'Change primary clinician', submit: 'Save', content: field('Clinician', select),
      onSubmit: () => api(`/api/staff/clients/${id}/assign`, { method: 'POST', body: { clinician_id: Number(select.value) } }) });
    if (done) reload();
  }

  function header() {
    const c = t.client;
    const actions = h('div', { class: 'actions' });
    if (c.active) {
      actions.append(h('button', { type: 'button', class: 'quiet', onclick: newLink }, 'New chat link'),
        h('button', { type: 'button', class: 'quiet', onclick: revoke }, 'Revoke chat links'));
    }
    actions.append(h('button', { type: 'button', class: 'quiet', onclick: exportCsv }, 'Export CSV'));
    if (me.role === 'supervisor') actions.append(h('button', { type: 'button', class: 'quiet', onclick: assign }, 'Change clinician'));
    if (c.active) actions.append(h('button', { type: 'button', class: 'quiet danger', onclick: deactivate }, 'Deactivate'));
    const consent = t.consent;
    return h('section', { class: 'card clienthead' },
      h('div', {}, h('h1', {}, c.display_name, c.active ? null : pill('Deactivated', 'warn')),
        h('p', { class: 'muted' }, `${c.id} · program ${c.program} · clinician ${c.primary_clinician || '—'}`,
          c.primary_clinician_active === false ? ' (deactivated: ask a supervisor to reassign)' : ''),
        h('p', { class: 'small' }, c.phone ? [h('a', { href: `tel:${c.phone}` }, c.phone), ' · '] : 'No phone · ',
          !consent ? 'no SMS record' : consent.opted_out
            ? pill(`SMS opted out (${consent.opt_out_source || 'unknown'})`, 'warn')
            : ['SMS consent ', timeEl(consent.consent_at), ` (${consent.consent_source || 'on record'})`],
          ' · Part 2 notice ', c.part2_notice_at ? timeEl(c.part2_notice_at) : 'not recorded')),
      actions);
  }

  function charts() {
    const toggles = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Chart period' },
      [14, 30, 90].map((d) => h('button', { type: 'button', class: d === days ? 'on' : '', 'aria-pressed': String(d === days),
        onclick: () => { days = d; chart.src = `/api/staff/clients/${id}/cravings.svg?days=${d}`; render(); } }, `${d} days`)));
    const bars = (rows) => (rows.length ? h('ol', { class: 'bars' }, rows.map((r) => {
      const max = Math.max(...rows.map((x) => x.count));
      const fill = h('span', { class: 'fill' });
      fill.style.width = `${Math.round((r.count / max) * 100)}%`;
      return h('li', {}, h('span', { class: 'name' }, words(r.category)), h('span', { class: 'bar' }, fill),
        h('span', { class: 'count' }, String(r.count)));
    })) : empty('None logged.'));
    return h('div', { class: 'grid two wide-left' },
      section('Cravings over time', toggles, h('div', { class: 'chart' }, chart)),
      section('Top triggers', h('h3', {}, 'Last 7 days'), bars(t.top_triggers_7d),
        h('h3', {}, 'Last 30 days'), bars(t.top_triggers_30d)));
  }

  function flags() {
    const rows = t.escalations.map((e) => h('li', { class: `flag level-${e.level}` }, levelBadge(e.level), ' ',
      link(`/staff/escalations/${e.id}`, `${words(e.category)} · #${e.id}`), ' · ', timeEl(e.created_at), ' · ',
      e.state === 'resolved' ? pill(e.disposition_label || 'Resolved', 'good')
        : pill(e.state === 'open' ? 'Waiting' : `In progress (${e.acknowledged_by})`, e.state === 'open' ? 'bad' : 'warn')));
    return section('Flags', rows.length ? h('ul', { class: 'plain' }, rows) : empty('No flags.'));
  }

  function tasks() {
    const due = h('input', { type: 'datetime-local', required: true, value: localInputValue(new Date(t.suggested_follow_up_at)) });
    const note = h('input', { maxlength: 2000, placeholder: 'What to follow up on' });
    const form = h('form', { class: 'inline' }, field('Due', due), field('Note', note),
      h('button', { type: 'submit', class: 'quiet' }, 'Add follow-up'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const task = await api('/api/staff/follow-ups', { method: 'POST', body: { client_id: id, due_at: isoFromLocal(due.value), note: note.value.trim() || undefined } });
        const said = `Follow-up added, due ${new Date(task.due_at).toLocaleString()}.`;
        await reload();
        banner('client-msg', 'info', said);
        announce(said);
        document.getElementById('h-follow-ups').focus();
      } catch (err) { banner('client-msg', 'danger', err.message); }
    });
    const items = t.follow_ups.map((f) => h('li', {}, f.status === 'done' ? pill('Done', 'good') : pill('Open', 'warn'), ' due ',
      timeEl(f.due_at), f.note ? ` · ${f.note}` : '', h('span', { class: 'muted small' }, ` · ${f.created_by}`)));
    return h('section', { class: 'card' }, h('h2', { id: 'h-follow-ups', tabindex: '-1' }, 'Follow-ups'),
      items.length ? h('ul', { class: 'plain' }, items) : empty('None.'), t.client.active ? form : null);
  }

  // Newest rows first; long tables show the latest ten until asked for the rest.
  function tableOf(title, headings, rows, none) {
    if (!rows.length) return section(title, empty(none));
    const body = h('tbody', {}, rows.slice(0, SHOWN));
    const more = rows.length > SHOWN ? h('button', { type: 'button', class: 'quiet more',
      onclick: () => { body.append(...rows.slice(SHOWN)); more.remove(); } }, `Show all ${rows.length}`) : null;
    return section(title, h('div', { class: 'tablewrap' }, h('table', {},
      h('thead', {}, h('tr', {}, headings.map((x) => h('th', { scope: 'col' }, x)))), body)), more);
  }

  function records() {
    const newest = (list) => [...list].reverse();
    return [
      tableOf('Check-ins', ['When', 'Craving', 'Substance', 'Situation', 'Coping'],
        newest(t.checkins).map((c) => h('tr', {}, h('td', {}, timeEl(c.at)),
          h('td', {}, c.intensity === null ? '—' : `${c.intensity}/10`), h('td', {}, c.substance || '—'),
          h('td', {}, c.situation || '—'), h('td', {}, c.coping || '—'))), 'No check-ins yet.'),
      tableOf('Triggers', ['When', 'Category', 'What happened', 'Intensity', 'Response'],
        newest(t.triggers).map((x) => h('tr', {}, h('td', {}, timeEl(x.at)), h('td', {}, words(x.category)),
          h('td', {}, x.description || '—'), h('td', {}, x.intensity === null ? '—' : `${x.intensity}/10`),
          h('td', {}, x.response || '—'))), 'No triggers logged.'),
      tableOf('Lapses', ['Reported', 'When', 'Substance', 'Alone or with others', 'What led up to it', 'What they need', 'Status'],
        newest(t.lapses || []).map((x) => h('tr', {}, h('td', {}, timeEl(x.at)), h('td', {}, x.when || '—'),
          h('td', {}, x.substance || '—'), h('td', {}, x.alone || '—'), h('td', {}, x.led_up || '—'),
          h('td', {}, x.need || '—'), h('td', {}, x.status === 'complete' ? 'all questions answered'
            : x.status === 'stopped' ? 'stopped early' : 'in progress'))), 'No lapses reported.'),
      tableOf('Contact requests', ['When', 'Reason', 'Status'],
        t.contact_requests.map((r) => h('tr', {}, h('td', {}, timeEl(r.at)), h('td', {}, r.reason || '—'),
          h('td', {}, r.status))), 'No requests to hear from the care team.'),
    ];
  }

  function transcript() {
    return conversation(t.messages, { id: 'transcript',
      title: `Conversation (${t.messages.length} most recent messages)`, scrollTo: 'end' });
  }

  function render() {
    clear(view).append(h('p', {}, link('/staff/clients', '← Clients')), header(), charts(),
      h('div', { class: 'grid two' }, flags(), tasks()), ...records(),
      outreachSection(id, t.client.active), transcript());
  }

  render();
  return { dispose: () => banner('client-msg') };
}
