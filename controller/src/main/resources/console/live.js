// The live feed: GET /api/v1/live read with fetch() (EventSource cannot send the Authorization header) and
// parsed as server-sent events. Reconnects 3 s after a failure; the snapshot after each connect restores
// every agent's figures.
import { BASE, authHeaders, errorOf, ApiError } from './api.js';

const RETRY_MS = 3000;

/**
 * @param handlers {snapshot(agents), agent(agent), 'agent-event'(event)}
 * @param status called with 'connected' or an ApiError
 * @returns {close()}
 */
export function openLive(handlers, status) {
  let stopped = false;
  let controller;

  async function connect() {
    controller = new AbortController();
    let res;
    try {
      res = await fetch(`${BASE}/live`, { headers: authHeaders(), signal: controller.signal });
    } catch (e) {
      throw new ApiError(0, 'unreachable', `live updates: the controller cannot be reached (${e.message})`);
    }
    if (!res.ok) throw await errorOf(res);
    status('connected');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new ApiError(0, 'closed', 'live updates: the controller closed the stream');
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(frame) {
    let event = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (data && handlers[event]) handlers[event](JSON.parse(data));
  }

  async function run() {
    while (!stopped) {
      try {
        await connect();
      } catch (e) {
        if (stopped) return;
        status(e instanceof ApiError ? e : new ApiError(0, 'live', `live updates failed: ${e.message}`));
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  run();
  return {
    close() {
      stopped = true;
      controller?.abort();
    },
  };
}
