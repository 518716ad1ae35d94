/**
 * Resolves once the page has fired `load` (at once if it already has), or after `maxWaitMs`.
 *
 * Why: a `<script>` inserted before `load` delays the page's `load` event until it has loaded.
 * A JSONP long poll is held by the server for up to ~40 s, and the next one starts the moment it
 * answers, so a poller started early would keep the CRM page from ever firing `load` (its own
 * onload code never runs, the tab's spinner never stops). The watching session therefore waits
 * for this before its polls (see jsonpPollGate); the login, one quick request, does not wait.
 * `maxWaitMs` bounds the wait for a page whose `load` is slow (a hung image): calls must still
 * be watched.
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

/**
 * What the session awaits before each JSONP poll. The first call waits for `load` (at most
 * `firstWaitMs`); later ones, while the page still has not loaded, wait for it at most `gapMs`:
 * polls then never follow each other without a pause in which no script is loading, and the page
 * fires `load` once its own resources are done (Chromium checks for it on a task of its own,
 * so yielding a single task is not enough). Once loaded, each call resolves at once.
 */
export function jsonpPollGate(firstWaitMs = 10_000, gapMs = 250): () => Promise<void> {
  let first = true;
  return () => {
    const wait = pageLoaded(first ? firstWaitMs : gapMs);
    first = false;
    return wait;
  };
}
