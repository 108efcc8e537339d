// One flag: what was said, who the person is, and the steps that close the loop:
// acknowledge (stops the paging ladder), notes, resolve with a disposition, follow-up.
import { api } from './api.js';
import {
  clear, duration, empty, field, h, isoFromLocal, levelBadge, link, localInputValue, pill,
  section, timeEl, words,
} from './dom.js';

const DISPOSITIONS = [
  ['reached_safe', 'Reached client – safe'],
  ['reached_referred', 'Reached client – referred or sent to ER/911'],
  ['not_reached_follow_up', 'Could not reach – follow-up scheduled'],
  ['false_alarm', 'False alarm'],
];

export async function escalationView({ view, banner }, id) {
  let e = await api(`/api/staff/escalations/${id}`);

  async function step(path, body) {
    e = await api(`/api/staff/escalations/${id}/${path}`, { method: 'POST', body });
    render();
  }

  function header() {
    const overdue = e.sla.overdue;
    return h('div', { class: 'pagehead' },
      h('h1', {}, levelBadge(e.level), ` ${words(e.category)} `, h('span', { class: 'muted' }, `· flag #${e.id}`)),
      pill(e.state === 'open' ? 'Waiting for acknowledgement' : e.state === 'acknowledged' ? 'In progress' : 'Resolved',
        e.state === 'open' ? (overdue ? 'bad' : 'warn') : e.state === 'resolved' ? 'good' : ''),
      h('p', { class: 'muted small' }, 'Raised ', timeEl(e.created_at),
        e.state === 'open' ? ` · acknowledge within ${e.sla.target}${overdue ? ' (overdue)' : ''}` : ''));
  }

  function person() {
    const rows = [];
    if (e.client_id) {
      rows.push(h('p', {}, h('strong', {}, link(`/staff/clients/${e.client_id}`, e.client_name || e.client_id)),
        h('span', { class: 'muted' }, ` · ${e.client_id}`)));
    } else {
      rows.push(h('p', {}, h('strong', {}, 'Unknown sender'),
        e.sender_phone ? [' · ', h('a', { href: `tel:${e.sender_phone}` }, e.sender_phone)] : null));
    }
    if (e.sms_opted_out) {
      rows.push(h('p', { class: 'banner warning' }, 'This number has opted out of texts. ' +
        'Reach the person another way: call them, or use the emergency contact on file.'));
    }
    rows.push(h('p', { class: 'muted small' }, `Channel: ${e.channel || 'unknown'} · found by ${e.source === 'dialogue' ? 'the assistant' : 'the risk screen'} · paging step ${e.ladder_step + 1}`));
    if (e.excerpt) rows.push(h('blockquote', { class: 'said', id: 'flag-text' }, e.excerpt));
    return section('Who and what', ...rows);
  }

  function steps() {
    const body = [];
    if (e.state === 'open') {
      body.push(h('p', {}, 'Acknowledging tells the team you are on it and stops the paging ladder.'),
        h('button', { type: 'button', class: 'primary big', id: 'ack',
          onclick: (ev) => { ev.currentTarget.disabled = true; step('acknowledge').catch(fail); } },
        'Acknowledge'));
    } else {
      body.push(h('p', {}, `Acknowledged by ${e.acknowledged_by} `, timeEl(e.acknowledged_at),
        ` (${duration(Date.parse(e.acknowledged_at) - Date.parse(e.created_at))} after it was raised).`));
    }
    if (e.state === 'resolved') {
      body.push(h('p', {}, h('strong', {}, e.disposition_label), ` · resolved by ${e.resolved_by} `,
        timeEl(e.resolved_at)));
    } else body.push(resolveForm());
    return section('Steps', ...body);
  }

  function resolveForm() {
    const later = new Date(Date.now() + 2 * 3600 * 1000);
    const due = h('input', { type: 'datetime-local', name: 'follow_up_at', value: localInputValue(later) });
    const schedule = h('input', { type: 'checkbox', name: 'schedule' });
    const note = h('textarea', { name: 'note', rows: 3, maxlength: 4000,
      placeholder: 'What happened: who you spoke to, what was agreed (optional)' });
    const radios = DISPOSITIONS.map(([value, label]) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'disposition', value, required: true }), ` ${label}`));
    const followUpBox = h('div', { class: 'followup' },
      h('label', { class: 'choice' }, schedule, ' Schedule a follow-up'),
      field('Follow up by', due, 'Required when you could not reach the person.'));
    const error = h('p', { class: 'banner danger', role: 'alert', hidden: true });
    const form = h('form', { class: 'stack', id: 'resolve' },
      h('h3', {}, 'Resolve'), h('fieldset', {}, h('legend', {}, 'Outcome'), ...radios),
      followUpBox, field('Note', note), error,
      h('button', { type: 'submit', class: 'primary' }, 'Resolve'));
    form.addEventListener('change', () => {
      if (form.disposition.value === 'not_reached_follow_up') schedule.checked = true;
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      const disposition = form.disposition.value;
      if (!disposition) { error.textContent = 'Choose an outcome.'; error.hidden = false; return; }
      const body = { disposition };
      if (note.value.trim()) body.note = note.value.trim();
      if (schedule.checked || disposition === 'not_reached_follow_up') body.follow_up_at = isoFromLocal(due.value);
      try { await step('resolve', body); } catch (err) { error.textContent = err.message; error.hidden = false; }
    });
    return form;
  }

  function notes() {
    const text = h('textarea', { name: 'text', rows: 3, maxlength: 4000, required: true,
      'aria-label': 'New note', placeholder: 'Add a note: calls made, messages left, plans' });
    const form = h('form', { class: 'stack', id: 'add-note' }, text,
      h('button', { type: 'submit', class: 'quiet' }, 'Add note'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      step('notes', { text: text.value.trim() }).catch(fail);
    });
    const list = e.notes.length ? h('ol', { class: 'notes' }, e.notes.map((n) => h('li', {},
      h('p', { class: 'note-text' }, n.text), h('p', { class: 'muted small' }, `${n.author} · `, timeEl(n.created_at)))))
      : empty('No notes yet.');
    return section('Notes', list, form);
  }

  function followUps() {
    const items = e.follow_ups.map((t) => h('li', { 'data-follow-up-id': t.id },
      h('strong', {}, t.status === 'done' ? 'Done' : 'Due '), t.status === 'done' ? ` by ${t.done_by} ` : '',
      timeEl(t.status === 'done' ? t.done_at : t.due_at), t.note ? ` · ${t.note}` : '',
      h('span', { class: 'muted small' }, ` · set by ${t.created_by}`)));
    return section('Follow-ups', items.length ? h('ul', { class: 'plain' }, items) : empty('No follow-up scheduled.'));
  }

  function fail(err) { banner('step-error', 'danger', err.message); render(); }

  function render() {
    banner('step-error');
    clear(view).append(h('p', {}, link('/staff', '← Back to the queue')), header(),
      h('div', { class: 'grid two' }, h('div', {}, person(), followUps()), h('div', {}, steps(), notes())));
  }

  render();
  return { dispose: () => banner('step-error') };
}
