// The REST API with the operator's bearer token. Every failure becomes an ApiError (HTTP status, the API's
// error code and message) for the banner; status 0 means the controller could not be reached.

const KEY = 'edgeladder.token';
export const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  toString() {
    return this.status === 0 ? this.message : `${this.status} ${this.code}: ${this.message}`;
  }
}

/** Kept in sessionStorage: survives a reload, not the tab. */
export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

export function authHeaders() {
  return { Authorization: `Bearer ${token.get()}` };
}

export async function api(method, path, body) {
  const headers = authHeaders();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'unreachable', `the controller cannot be reached (${method} ${path}: ${e.message})`);
  }
  if (!res.ok) throw await errorOf(res);
  return res.status === 204 ? null : res.json();
}

/** The API's {error, field, message} body as an ApiError; any other body as its text. */
export async function errorOf(res) {
  const text = await res.text();
  try {
    const json = JSON.parse(text);
    return new ApiError(res.status, json.error ?? `http_${res.status}`, json.message ?? text);
  } catch {
    return new ApiError(res.status, `http_${res.status}`, text || res.statusText);
  }
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
