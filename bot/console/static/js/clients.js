// The client list (search, open flags, last contact and craving, SMS opt-out) and enrolment.
import { api } from './api.js';
import { copyable } from './dialog.js';
import { clear, empty, field, h, link, pill, timeEl } from './dom.js';

export async function clientsView({ view }) {
  const search = h('input', { type: 'search', placeholder: 'Search by name, id or phone',
    'aria-label': 'Search clients', maxlength: 120 });
  const inactive = h('input', { type: 'checkbox' });
  const body = h('tbody');
  view.append(
    h('div', { class: 'pagehead' }, h('h1', {}, 'Clients'),
      link('/staff/clients/new', 'Enrol a client', { class: 'button primary' })),
    h('section', { class: 'card' },
      h('div', { class: 'toolbar' }, search, h('label', { class: 'choice' }, inactive, ' Show deactivated')),
      h('div', { class: 'tablewrap', tabindex: '0', role: 'region', 'aria-label': 'Client list' }, h('table', { id: 'clients' },
        h('thead', {}, h('tr', {}, ['Client', 'Program', 'Clinician', 'Open flags', 'Last contact',
          'Last craving', 'SMS'].map((t) => h('th', { scope: 'col' }, t)))), body))));

  async function load() {
    const q = new URLSearchParams();
    if (search.value.trim()) q.set('q', search.value.trim());
    if (inactive.checked) q.set('inactive', 'true');
    const data = await api(`/api/staff/clients?${q}`);
    clear(body).append(...(data.items.length ? data.items.map(row)
      : [h('tr', {}, h('td', { colspan: 7 }, empty(search.value ? 'No client matches that search.' : 'No clients yet.')))]));
  }

  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  inactive.addEventListener('change', load);
  await load();
  return { dispose: () => clearTimeout(timer) };
}

function row(c) {
  return h('tr', { 'data-client-id': c.id, class: c.active ? '' : 'inactive' },
    h('td', {}, link(`/staff/clients/${c.id}`, c.display_name), h('div', { class: 'muted small' }, c.id)),
    h('td', {}, c.program),
    h('td', {}, c.primary_clinician || '—',
      c.primary_clinician_active === false ? [' ', pill('deactivated', 'warn')] : null),
    h('td', {}, c.open_flags ? pill(`${c.open_flags} open`, 'bad') : h('span', { class: 'muted' }, 'none'),
      c.open_follow_ups ? pill(`${c.open_follow_ups} follow-up`, 'warn') : null),
    h('td', {}, timeEl(c.last_contact_at)),
    h('td', {}, c.last_craving === null ? '—' : h('span', {}, h('strong', {}, `${c.last_craving}/10`), ' ',
      h('span', { class: 'muted small' }, timeEl(c.last_craving_at)))),
    h('td', {}, !c.phone ? h('span', { class: 'muted' }, 'no phone')
      : c.sms_opted_out ? pill('Opted out', 'warn') : pill('OK', 'good')),
  );
}

const PART2_NOTICE = 'Your records in this program are protected by federal law (42 CFR Part 2 ' +
  'and HIPAA). We will not share them without your written consent, except as the law allows ' +
  '(for example, a medical emergency). Your care team can see what you write in the chat, and ' +
  'is alerted when a message suggests you may be at risk. The chat is not watched all the ' +
  'time: in an emergency call 911, or call or text 988.';

export async function enrolView({ me, view }) {
  const [programs, clinicians] = await Promise.all([
    api('/api/staff/programs'), api('/api/staff/clinicians')]);
  const mine = programs.items.filter((p) => me.programs.includes(p.code) && p.active);
  const name = h('input', { name: 'name', required: true, maxlength: 120, autocomplete: 'off' });
  const phone = h('input', { name: 'phone', type: 'tel', maxlength: 32, placeholder: '+15551234567', autocomplete: 'off' });
  const program = h('select', { name: 'program', required: true },
    mine.map((p) => h('option', { value: p.code }, `${p.name} (${p.code})`)));
  const clinician = h('select', { name: 'clinician', required: true },
    me.role === 'clinician' ? h('option', { value: String(me.id) }, `${me.username} (you)`)
      : [h('option', { value: '' }, 'Choose…'), ...clinicians.items.map((c) =>
        h('option', { value: String(c.id) }, `${c.username} (${c.programs.join(', ')})`))]);
  const consent = h('input', { type: 'checkbox', name: 'sms_consent' });
  const source = h('select', { name: 'consent_source' },
    ['signed consent form', 'verbal consent, recorded by staff', 'texted START'].map((s) => h('option', { value: s }, s)));
  const part2 = h('input', { type: 'checkbox', name: 'part2', required: true });
  const error = h('p', { class: 'banner danger', role: 'alert', hidden: true });
  const form = h('form', { class: 'stack narrow', id: 'enrol' },
    field('Name or alias', name, 'What the care team calls them. An alias is fine.'),
    field('Mobile phone (optional)', phone, 'For text messages. E.164 form, like +15551234567.'),
    h('fieldset', {}, h('legend', {}, 'SMS consent'),
      h('label', { class: 'choice' }, consent, ' The client agreed to receive text messages'),
      field('How consent was given', source)),
    field('Program', program),
    field('Primary clinician', clinician),
    h('fieldset', { class: 'notice' }, h('legend', {}, 'Confidentiality notice (42 CFR Part 2)'),
      h('p', {}, PART2_NOTICE),
      h('label', { class: 'choice' }, part2, ' The client has received this notice and acknowledged it')),
    error, h('button', { class: 'primary', type: 'submit' }, 'Enrol and create chat link'));
  const result = h('div');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const body = {
      name: name.value.trim(), program: program.value, sms_consent: consent.checked,
      part2_acknowledged: part2.checked,
    };
    if (phone.value.trim()) { body.phone = phone.value.trim(); body.consent_source = source.value; }
    if (clinician.value) body.primary_clinician_id = Number(clinician.value);
    try {
      const made = await api('/api/staff/clients', { method: 'POST', body });
      clear(result).append(h('section', { class: 'card success', id: 'enrolled' },
        h('h2', {}, `${made.client.display_name} is enrolled`),
        h('p', {}, 'Give this chat link to the client. It works once, on one device; it is not shown again.'),
        copyable(made.chat_url, 'Chat link'),
        h('p', {}, link(`/staff/clients/${made.client.id}`, 'Open their record →'))));
      form.hidden = true;
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  view.append(h('p', {}, link('/staff/clients', '← Clients')),
    h('section', { class: 'card' }, h('h1', {}, 'Enrol a client'),
      mine.length ? form : empty('You are not assigned to a program yet. Ask an admin.')), result);
}
