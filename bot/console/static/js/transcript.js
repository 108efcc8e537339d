// A conversation as staff read it: a scrollable region reachable by keyboard (it has a name
// and takes focus), opened at the newest message (the timeline) or at the flagged one (the
// flag page). A message carries its flag's level, which the crisis dialogue may have raised
// above what the screen first said. Text is only ever set as textContent (XS-1).
import { empty, h, levelBadge, pill, section, timeEl, words } from './dom.js';

function message(m) {
  const level = m.flag_level || (m.risk_level && m.risk_level !== 'none' ? m.risk_level : null);
  return h('li', { class: `msg ${m.direction}${m.flagged ? ' flagged' : ''}`, 'data-message-id': m.id },
    m.flagged ? h('p', { class: 'flagged-label' }, pill('Flagged message', 'bad')) : null,
    h('p', { class: 'bubble' }, m.text),
    h('p', { class: 'meta' }, m.direction === 'in' ? 'Client' : 'Assistant', ` · ${m.channel} · `, timeEl(m.at),
      level ? [' · ', levelBadge(level), m.flag_level ? ' flag' : '', m.risk_category ? ` ${words(m.risk_category)}` : ''] : null));
}

// scrollTo: 'end' (newest in view) or 'flagged' (the flagged message in view).
export function conversation(messages, { id, title, scrollTo = 'end' }) {
  if (!messages.length) return section(title, empty('No messages yet.'));
  const list = h('ol', { class: 'transcript', id }, messages.map(message));
  const box = h('div', { class: 'scrollbox', role: 'region', tabindex: '0', 'aria-label': title }, list);
  setTimeout(() => {
    const target = scrollTo === 'flagged' ? list.querySelector('.flagged') : null;
    box.scrollTop = target ? Math.max(0, target.offsetTop - box.clientHeight / 3) : box.scrollHeight;
  }, 0);
  return section(title, box);
}
