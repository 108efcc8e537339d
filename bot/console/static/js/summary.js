// Program trigger summary for group sessions: de-identified counts by category and week.
import { api } from './api.js';
import { clear, empty, field, h, words } from './dom.js';

export async function summaryView({ me, view }) {
  const programs = (await api('/api/staff/programs')).items.filter((p) => me.programs.includes(p.code));
  const select = h('select', {}, programs.map((p) => h('option', { value: p.code }, p.name)));
  const weeks = h('select', {}, [4, 8, 12].map((n) => h('option', { value: String(n), selected: n === 8 }, `${n} weeks`)));
  const out = h('div');
  view.append(h('div', { class: 'pagehead' }, h('h1', {}, 'Group summary')),
    h('section', { class: 'card' },
      h('p', {}, 'Trigger counts for the whole program by week, for group sessions. No names or ' +
        'messages, and counts under 3 are hidden so no one can be picked out.'),
      h('div', { class: 'toolbar' }, field('Program', select), field('Period', weeks)), out));

  async function load() {
    if (!select.value) { clear(out).append(empty('You are not assigned to a program.')); return; }
    const s = await api(`/api/staff/programs/${encodeURIComponent(select.value)}/trigger-summary?weeks=${weeks.value}`);
    const cell = (w, c) => s.cells.find((x) => x.week === w && x.category === c);
    const label = (w) => new Date(`${w}T12:00:00`).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
    clear(out).append(s.categories.length ? h('div', { class: 'tablewrap', tabindex: '0', role: 'region', 'aria-label': 'Trigger counts by week' }, h('table', { id: 'summary', class: 'numbers' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Trigger'), s.weeks.map((w) => h('th', { scope: 'col' }, `Week of ${label(w)}`)))),
      h('tbody', {}, s.categories.map((c) => h('tr', {}, h('th', { scope: 'row' }, words(c)),
        s.weeks.map((w) => { const x = cell(w, c); return h('td', {}, x.count === null ? `<${s.suppress_below}` : String(x.count)); }))))))
      : empty('No triggers logged in this period.'));
  }
  select.addEventListener('change', load);
  weeks.addEventListener('change', load);
  await load();
}
