// Served by `build.py serve` only, never published: reloads the page when the site changes.
// The server sends its generation number on /__dvk/events (Server-Sent Events) at once and after
// every change; the page knows the generation it was rendered at, so a change that happened while
// the page loaded is not missed. The scroll position survives the reload.

const script = document.currentScript || document.querySelector("script[data-generation]");
const rendered = script ? script.dataset.generation : null;
const SCROLL_KEY = `dvk-scroll:${location.pathname}`;

const saved = sessionStorage.getItem(SCROLL_KEY);
if (saved !== null) {
  sessionStorage.removeItem(SCROLL_KEY);
  window.scrollTo(0, Number(saved));
}

const events = new EventSource("/__dvk/events");
events.onmessage = (event) => {
  if (event.data !== rendered) {
    sessionStorage.setItem(SCROLL_KEY, String(window.scrollY));
    events.close();
    location.reload();
  }
};
