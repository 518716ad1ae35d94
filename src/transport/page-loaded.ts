/**
 * Resolves once the page has fired `load` (at once if it already has), or after `maxWaitMs`.
 *
 * Why: a `<script>` inserted before `load` delays the page's `load` event until it has loaded.
 * A JSONP long poll is held by the server for up to ~40 s, and the next one starts the moment it
 * answers, so a poller started early would keep the CRM page from ever firing `load` (its own
 * onload code never runs, the tab's spinner never stops). The watching session therefore waits
 * for this before its first poll; the login, one quick request, does not wait. `maxWaitMs` bounds
 * the wait for a page whose `load` never comes (a hung image): calls must still be watched.
 */
export function pageLoaded(maxWaitMs = 10_000): Promise<void> {
  if (typeof document === 'undefined' || document.readyState === 'complete') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      removeEventListener('load', done);
      resolve();
    };
    const timer = setTimeout(done, maxWaitMs);
    addEventListener('load', done);
  });
}
