// One modal dialog for confirmations and small forms (native <dialog>, so focus and Escape
// work as people expect).
import { clear, h } from './dom.js';

const dialog = () => document.getElementById('dialog');

// Show `content`; resolves with what `onSubmit` returns, or null when cancelled.
export function ask({ title, content, submit = 'Continue', danger = false, onSubmit }) {
  const el = dialog();
  clear(el);
  const error = h('p', { class: 'banner danger', role: 'alert', hidden: true });
  const form = h('form', { method: 'dialog', class: 'stack' },
    h('h2', { id: 'dialog-title' }, title), content, error,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'quiet', value: 'cancel', onclick: () => el.close() },
        'Cancel'),
      h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submit)));
  el.append(form);
  return new Promise((resolve) => {
    let result = null;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      try {
        result = onSubmit ? await onSubmit(form) : true;
        el.close();
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
      }
    });
    el.addEventListener('close', () => resolve(result), { once: true });
    el.showModal();
    const first = form.querySelector('input, select, textarea');
    if (first) first.focus();
  });
}

export function tell(title, ...content) {
  const el = dialog();
  clear(el);
  el.append(h('div', { class: 'stack' }, h('h2', { id: 'dialog-title' }, title), ...content,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => el.close() }, 'Done'))));
  el.showModal();
}

export function copyable(value, label) {
  const input = h('input', { value, readonly: true, 'aria-label': label, class: 'copy' });
  const button = h('button', {
    type: 'button',
    class: 'quiet',
    onclick: async () => {
      input.select();
      try { await navigator.clipboard.writeText(value); button.textContent = 'Copied'; }
      catch { button.textContent = 'Select and copy'; }
    },
  }, 'Copy');
  return h('div', { class: 'copyrow' }, input, button);
}
