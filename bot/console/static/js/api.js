// The console's only way to the server: JSON over fetch, with the CSRF token on every change
// (CS-1). A 401 means the session ended, so the page goes back to sign-in and says why.

let csrf = null;
let lastActivity = Date.now();
const listeners = [];

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `The server answered ${status}.`);
    this.status = status;
    this.code = body && body.error;
  }
}

export function setCsrf(token) { csrf = token; }
export function idleSince() { return lastActivity; }
export function onActivity(fn) { listeners.push(fn); }

export function signIn(reason) {
  const next = encodeURIComponent(location.pathname);
  const why = reason ? `&why=${encodeURIComponent(reason)}` : '';
  location.assign(`/staff/login?next=${next}${why}`);
}

// `poll: true` marks a background refresh: it must not keep an unattended session alive.
export async function api(path, { method = 'GET', body, poll = false, raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  if (poll) headers['X-Staff-Poll'] = '1';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && !path.endsWith('/login')) {
    signIn('expired');
    throw new ApiError(401, { message: 'Your session ended.' });
  }
  if (!poll) {
    lastActivity = Date.now();
    listeners.forEach((fn) => fn(lastActivity));
  }
  if (raw && response.ok) return response;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}
