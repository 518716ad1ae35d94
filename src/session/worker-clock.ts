/**
 * A Clock whose timers run in a dedicated Worker. Chrome throttles timers of hidden pages (to
 * once a minute after five minutes hidden); a worker's timers are not throttled, so a widget in a
 * background tab still polls on time. Where a worker cannot start (a CSP without `worker-src
 * blob:`, no Worker at all) the page's own timers are used.
 */
import { trustedScriptUrl } from '../transport/trusted-types.js';
import { systemClock, type Clock } from './clock.js';

const WORKER_SOURCE = `const t=new Map();onmessage=e=>{const[i,ms]=e.data;if(ms<0){clearTimeout(t.get(i));t.delete(i)}else t.set(i,setTimeout(()=>{t.delete(i);postMessage(i)},ms))}`;

let shared: Clock | undefined;

/**
 * One worker for every widget on the page, started by the first timer: starting a worker costs
 * the page a few milliseconds, which would otherwise delay the widget's first request.
 */
export function workerClock(): Clock {
  return (shared ??= lazyClock(() => createWorkerClock() ?? systemClock));
}

function lazyClock(create: () => Clock): Clock {
  let clock: Clock | undefined;
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => (clock ??= create()).setTimeout(callback, ms),
    clearTimeout: (handle) => clock?.clearTimeout(handle),
  };
}

function createWorkerClock(): Clock | undefined {
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') return undefined;
  let worker: Worker;
  try {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    worker = new Worker(trustedScriptUrl(url)); // a page with Trusted Types wants a TrustedScriptURL
    URL.revokeObjectURL(url);
  } catch {
    return undefined;
  }
  const callbacks = new Map<number, () => void>();
  let next = 1;
  let broken = false;
  worker.onmessage = (event: MessageEvent<number>) => {
    const callback = callbacks.get(event.data);
    callbacks.delete(event.data);
    callback?.();
  };
  // A worker blocked after creation (CSP reports it asynchronously): fall back for good.
  worker.onerror = () => {
    broken = true;
    const pending = [...callbacks.values()];
    callbacks.clear();
    for (const callback of pending) systemClock.setTimeout(callback, 0);
  };
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      if (broken) return { fallback: systemClock.setTimeout(callback, ms) };
      const id = next++;
      callbacks.set(id, callback);
      worker.postMessage([id, Math.max(0, ms)]);
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') {
        if (callbacks.delete(handle)) worker.postMessage([handle, -1]);
      } else if (handle && typeof handle === 'object' && 'fallback' in handle) {
        systemClock.clearTimeout((handle as { fallback: unknown }).fallback);
      }
    },
  };
}
