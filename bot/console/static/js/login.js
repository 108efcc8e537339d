// Sign-in page: no data from the server is ever inserted as markup.
import { api, ApiError } from './api.js';

const form = document.getElementById('signin');
const error = document.getElementById('error');
const notice = document.getElementById('notice');
const params = new URLSearchParams(location.search);
const REASONS = {
  expired: 'You were signed out after a period without activity. Please sign in again.',
  out: 'You are signed out.',
};

function safeNext() {
  const next = params.get('next') || '/staff';
  // Only our own console paths: never an open redirect.
  return /^\/staff(\/[A-Za-z0-9_\-/]*)?$/.test(next) ? next : '/staff';
}

if (REASONS[params.get('why')]) {
  notice.textContent = REASONS[params.get('why')];
  notice.hidden = false;
}

// A first-login link (#setup=TOKEN, from an admin): the fragment never reaches a server log.
// Trade it for a session that can only choose a password, and wipe it from the address bar.
const setup = new URLSearchParams(location.hash.slice(1)).get('setup');
if (setup) {
  history.replaceState({}, '', '/staff/login');
  api('/api/staff/welcome', { method: 'POST', body: { token: setup } })
    .then(() => location.assign('/staff/password'))
    .catch((err) => {
      error.textContent = err instanceof ApiError ? err.message : 'The console cannot be reached.';
      error.hidden = false;
    });
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const result = await api('/api/staff/login', {
      method: 'POST',
      body: { username: form.username.value.trim(), password: form.password.value },
    });
    const user = result.user;
    location.assign(user.must_change_password ? '/staff/password' : safeNext());
  } catch (err) {
    error.textContent = err instanceof ApiError ? err.message
      : 'The console cannot be reached. Check your connection and try again.';
    error.hidden = false;
    form.password.value = '';
    form.password.focus();
  } finally {
    button.disabled = false;
  }
});
