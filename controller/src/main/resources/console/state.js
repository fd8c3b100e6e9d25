// State shared by the views: the live figures and the error banner.
import { ApiError } from './api.js';

const $ = (id) => document.getElementById(id);

/** The latest live figures per agent id (from the feed's snapshot and updates), and a bus for the views. */
export const live = { agents: new Map(), bus: new EventTarget() };

/** The error banner: shows status, the API's error code and its message. */
export const banner = {
  show(e, source = 'view') {
    const b = $('banner');
    b.textContent = e instanceof ApiError ? e.toString() : `error: ${e.message ?? e}`;
    b.dataset.source = source;
    b.hidden = false;
  },
  clear(source) {
    const b = $('banner');
    if (source && b.dataset.source !== source) return;
    b.hidden = true;
    b.textContent = '';
  },
};
