// A client's check-ins and reminders on their timeline: what is set, and a dialog to change it
// on their behalf (POST /api/staff/clients/{id}/outreach; the server checks quiet hours).
import { api } from './api.js';
import { ask } from './dialog.js';
import { empty, field, h, pill, section } from './dom.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix',
  'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'America/Puerto_Rico'];

function line(label, s) {
  if (!s || !s.active) return h('li', {}, `${label}: `, pill('Off'));
  const at = s.day ? `${s.day}s at ${s.time_spoken}` : `every day at ${s.time_spoken}`;
  return h('li', {}, `${label}: ${at}`, s.next_due_local ? h('span', { class: 'muted small' },
    ` · next ${s.next_due_local} client time`) : null);
}

async function change(id, o) {
  const daily = h('input', { type: 'time', value: o.daily && o.daily.active ? o.daily.time : '' });
  const weeklyOn = h('input', { type: 'checkbox', checked: Boolean(o.weekly && o.weekly.active) });
  const weeklyDay = h('select', {}, DAYS.map((d) => h('option', { value: d,
    selected: o.weekly && o.weekly.day === d }, d)));
  const weeklyTime = h('input', { type: 'time', value: o.weekly ? o.weekly.time : '17:00' });
  const zone = h('select', {}, [...new Set([o.timezone, ...ZONES])].map((z) =>
    h('option', { value: z, selected: z === o.timezone }, z)));
  const reminders = h('input', { type: 'checkbox', checked: o.session_reminders });
  return ask({ title: 'Outreach schedule', submit: 'Save',
    content: h('div', { class: 'stack' },
      h('p', { class: 'small' }, `Times are on the client's clock. Nothing is sent between ${o.quiet_hours}.`),
      field('Time zone', zone),
      field('Daily check-in', daily, 'Leave empty for none.'),
      h('label', { class: 'field' }, weeklyOn, ' Weekly check-in'), field('Day', weeklyDay), field('Time', weeklyTime),
      h('label', { class: 'field' }, reminders, ' Group session reminders')),
    onSubmit: () => api(`/api/staff/clients/${id}/outreach`, { method: 'POST', body: {
      // Only a real choice is saved: the clinic's default stays a default.
      timezone: zone.value === o.timezone && o.timezone_is_clinic_default ? undefined : zone.value,
      daily_time: daily.value || null,
      weekly: weeklyOn.checked ? { day: weeklyDay.value, time: weeklyTime.value } : null,
      session_reminders: reminders.checked,
    } }) });
}

// A card that fills itself in; `active` hides the change button for a deactivated client.
export function outreachSection(id, active) {
  const card = section('Outreach schedule', empty('Loading…'));
  async function load() {
    let o;
    try { o = await api(`/api/staff/clients/${id}/outreach`); } catch (err) {
      card.replaceChildren(h('h2', {}, 'Outreach schedule'), empty(err.message));
      return;
    }
    const button = active ? h('button', { type: 'button', class: 'quiet',
      onclick: async () => { if (await change(id, o)) load(); } }, 'Change') : null;
    card.replaceChildren(h('h2', {}, 'Outreach schedule'),
      h('ul', { class: 'plain' }, line('Daily check-in', o.daily), line('Weekly check-in', o.weekly),
        h('li', {}, 'Group reminders: ', o.session_reminders ? 'on' : pill('Off')),
        h('li', {}, `Time zone: ${o.timezone_label}${o.timezone_is_clinic_default ? ' (clinic default)' : ''}`),
        o.missed_in_row ? h('li', {}, pill(`${o.missed_in_row} missed in a row`, 'warn')) : null),
      button);
  }
  load();
  return card;
}
