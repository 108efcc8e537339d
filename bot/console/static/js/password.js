// Change your own password (and replace a one-time password before anything else).
import { api } from './api.js';
import { field, h } from './dom.js';

export async function passwordView({ me, view }) {
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true,
    minlength: 12, maxlength: 1024 });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true });
  const error = h('p', { class: 'banner danger', role: 'alert', hidden: true });
  const form = h('form', { class: 'stack narrow' },
    field(me.must_change_password ? 'One-time password' : 'Current password', current),
    field('New password', next, 'At least 12 characters. A short sentence is easy to remember.'),
    field('New password again', again), error,
    h('button', { class: 'primary', type: 'submit' }, 'Save new password'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (next.value !== again.value) {
      error.textContent = 'The two new passwords are not the same.';
      error.hidden = false;
      return;
    }
    try {
      await api('/api/staff/password', { method: 'POST',
        body: { current_password: current.value, new_password: next.value } });
      location.assign('/staff');
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  view.append(h('section', { class: 'card' },
    h('h1', {}, me.must_change_password ? 'Choose your own password' : 'Change password'),
    me.must_change_password
      ? h('p', {}, 'You signed in with a one-time password. Choose your own before you continue.')
      : h('p', { class: 'muted' }, 'Changing it signs you out on every other device.'),
    form));
}
