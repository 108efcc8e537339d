// One flag: the call-back the person asked for (on top), what was said and the conversation
// around it, and the steps that close the loop: acknowledge (stops the paging ladder), notes,
// resolve with a disposition (closes the call-back too), follow-up. Every step is confirmed
// on the page and in the status region, and focus moves to the confirmation.
import { api } from './api.js';
import { announce } from './announce.js';
import {
  clear, duration, empty, field, h, isoFromLocal, levelBadge, link, localInputValue, pill,
  section, timeEl, words,
} from './dom.js';
import { conversation } from './transcript.js';

const DISPOSITIONS = [
  ['reached_safe', 'Reached client – safe'],
  ['reached_referred', 'Reached client – referred or sent to ER/911'],
  ['not_reached_follow_up', 'Could not reach – follow-up scheduled'],
  ['false_alarm', 'False alarm'],
];

export async function escalationView({ view, banner }, id) {
  let e = await api(`/api/staff/escalations/${id}`);
  const done = h('p', { class: 'banner good', id: 'step-done', tabindex: '-1', hidden: true });
  const body = h('div');

  async function step(path, payload, said) {
    e = await api(`/api/staff/escalations/${id}/${path}`, { method: 'POST', body: payload });
    render();
    const text = said(e);
    done.textContent = text;
    done.hidden = false;
    announce(text);
    done.focus();
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

  function callbacks() {
    if (!e.callbacks.length) return null;
    const items = e.callbacks.map((c) => h('li', { 'data-request-id': c.id, class: c.urgent ? 'urgent' : '' },
      h('p', {}, c.urgent ? pill('Asked for a call back', 'bad') : pill('Asked to hear from the care team', 'warn'), ' ',
        h('strong', {}, c.phone ? ['Call ', h('a', { href: `tel:${c.phone}` }, c.phone)] : 'No phone - reply in chat'),
        h('span', { class: 'muted small' }, ' · asked ', timeEl(c.created_at))),
      h('p', { class: 'small' }, c.status === 'open'
        ? (c.escalation_id === e.id ? 'Closes when you resolve this flag.' : 'Still open on the queue.')
        : 'Handled.')));
    return h('section', { class: 'card callback', id: 'callback', 'aria-labelledby': 'h-callback' },
      h('h2', { id: 'h-callback' }, 'Call-back request'), h('ul', { class: 'plain' }, items));
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
    const parts = [];
    if (e.state === 'open') {
      parts.push(h('p', {}, 'Acknowledging tells the team you are on it and stops the paging ladder.'),
        h('button', { type: 'button', class: 'primary big', id: 'ack',
          onclick: (ev) => { ev.currentTarget.disabled = true; step('acknowledge', undefined,
            () => `Acknowledged flag #${e.id}. The paging ladder has stopped.`).catch(fail); } },
        'Acknowledge'));
    } else {
      parts.push(h('p', {}, `Acknowledged by ${e.acknowledged_by} `, timeEl(e.acknowledged_at),
        ` (${duration(Date.parse(e.acknowledged_at) - Date.parse(e.created_at))} after it was raised).`));
    }
    if (e.state === 'resolved') {
      parts.push(h('p', {}, h('strong', {}, e.disposition_label), ` · resolved by ${e.resolved_by} `,
        timeEl(e.resolved_at)));
    } else parts.push(resolveForm());
    return section('Steps', ...parts);
  }

  function resolved(x) {
    const closed = x.callbacks.filter((c) => c.escalation_id === x.id && c.status === 'done').length;
    const task = x.follow_ups.find((t) => t.status === 'open');
    return [`Resolved flag #${x.id}: ${x.disposition_label}.`,
      closed ? 'The call-back request is closed too.' : '',
      task ? `Follow-up scheduled for ${new Date(task.due_at).toLocaleString()}.` : ''].filter(Boolean).join(' ');
  }

  function resolveForm() {
    const due = h('input', { type: 'datetime-local', name: 'follow_up_at', id: 'follow-up-at',
      value: localInputValue(new Date(e.suggested_follow_up_at)) });
    const schedule = h('input', { type: 'checkbox', name: 'schedule' });
    const note = h('textarea', { name: 'note', rows: 3, maxlength: 4000,
      placeholder: 'What happened: who you spoke to, what was agreed (optional)' });
    const radios = DISPOSITIONS.map(([value, label]) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'disposition', value, required: true }), ` ${label}`));
    const followUpBox = h('div', { class: 'followup' },
      h('label', { class: 'choice' }, schedule, ' Schedule a follow-up'),
      field('Follow up by', due, `Set to the next clinic hour (${e.clinic_hours}). Required when you could not reach the person.`));
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
      const payload = { disposition };
      if (note.value.trim()) payload.note = note.value.trim();
      if (schedule.checked || disposition === 'not_reached_follow_up') payload.follow_up_at = isoFromLocal(due.value);
      try { await step('resolve', payload, resolved); } catch (err) { error.textContent = err.message; error.hidden = false; }
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
      step('notes', { text: text.value.trim() }, (x) => `Note added to flag #${x.id}.`).catch(fail);
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
    const talk = conversation(e.conversation, { id: 'flag-conversation', title: 'Conversation around the flag',
      scrollTo: 'flagged' });
    const [who, act, said, tasks] = [person(), steps(), notes(), followUps()];
    // On a tablet the steps come straight after who and what (.flag-grid in console.css).
    [who, act, talk, said, tasks].forEach((card, i) => card.classList.add(`order-${i + 1}`));
    clear(body).append(header(), callbacks(),
      h('div', { class: 'grid two flag-grid' }, h('div', { class: 'col' }, who, talk, tasks),
        h('div', { class: 'col' }, act, said)));
  }

  render();
  view.append(h('p', {}, link('/staff', '← Back to the queue')), done, body);
  return { dispose: () => banner('step-error') };
}
