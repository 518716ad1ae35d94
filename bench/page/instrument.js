// Runs before the widget's IIFE: counts live timers (page and worker), keeps the timing of every
// JSONP answer, and creates window.__bench. Plain JS, no build step. The bench's own timers use
// the original functions (__bench.raw), so they are never counted.
(() => {
  'use strict';
  const raw = {
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    setInterval: window.setInterval.bind(window),
    clearInterval: window.clearInterval.bind(window),
  };

  /** Live page timers: id -> 'timeout' | 'interval'. A timeout leaves when it fires or is cleared. */
  const timers = new Map();
  window.setTimeout = function setTimeout(handler, ms, ...args) {
    const id = raw.setTimeout((...a) => {
      timers.delete(id);
      if (typeof handler === 'function') handler(...a);
    }, ms, ...args);
    timers.set(id, 'timeout');
    return id;
  };
  window.setInterval = function setInterval(handler, ms, ...args) {
    const id = raw.setInterval(handler, ms, ...args);
    timers.set(id, 'interval');
    return id;
  };
  // In browsers either clear function clears either kind of timer.
  window.clearTimeout = function clearTimeout(id) {
    timers.delete(id);
    raw.clearTimeout(id);
  };
  window.clearInterval = function clearInterval(id) {
    timers.delete(id);
    raw.clearInterval(id);
  };

  // Timers the widget runs in its worker clock (src/session/worker-clock.ts): the page posts
  // [id, ms] to set one and [id, -1] to clear it; the worker posts id back when it fires.
  const workerTimers = new Set();
  let workers = 0;
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class extends NativeWorker {
      constructor(url, options) {
        super(url, options);
        workers++;
        this.addEventListener('message', (e) => {
          if (typeof e.data === 'number') workerTimers.delete(e.data);
        });
      }
      postMessage(message, ...rest) {
        if (Array.isArray(message) && message.length === 2 && typeof message[0] === 'number') {
          if (message[1] < 0) workerTimers.delete(message[0]);
          else workerTimers.add(message[0]);
        }
        return super.postMessage(message, ...rest);
      }
    };
  }

  // `bench-trace=off`: no Resource Timing observer and no callback wrapping (idle cost, long run),
  // so the bench's own work does not add to what is measured.
  const trace = new URLSearchParams(location.search).get('bench-trace') !== 'off';

  /** The last JSONP answers: { method, startTime, responseEnd } in performance.now() time. */
  const answers = [];
  let answersSeen = 0;
  const methodOf = (url) => /[?&]method=([^&]+)/.exec(url)?.[1] ?? '';
  if (trace) try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.name.includes('/voip/api/jsonpdata.jsonp')) continue;
        answersSeen++;
        answers.push({ method: methodOf(e.name), startTime: e.startTime, responseEnd: e.responseEnd });
        if (answers.length > 200) answers.splice(0, answers.length - 200);
      }
    }).observe({ type: 'resource', buffered: true });
  } catch {
    /* no resource timing: "ours" is not measured */
  }
  // The observer sees every entry; the page's own buffer only needs to stay out of the way.
  performance.addEventListener('resourcetimingbufferfull', () => performance.clearResourceTimings());

  // When each JSONP callback is called: the widget installs window[callback] before it appends
  // the <script>, so a MutationObserver (a microtask after the append, long before the script
  // can run) can wrap it. Splits "answer → ring event" into the browser's part (script load,
  // compile, run) and ours (from the callback on).
  const callbacks = [];
  if (trace) new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeName !== 'SCRIPT' || !node.src.includes('/voip/api/jsonpdata.jsonp')) continue;
        const url = new URL(node.src);
        const name = url.searchParams.get('callback');
        const method = url.searchParams.get('method') ?? '';
        const original = name && window[name];
        if (typeof original !== 'function') continue;
        window[name] = function (...args) {
          callbacks.push({ method, t: performance.now() });
          if (callbacks.length > 200) callbacks.splice(0, callbacks.length - 200);
          return original.apply(this, args);
        };
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  window.__bench = {
    raw: { ...raw },
    answers,
    callbacks,
    get answersSeen() {
      return answersSeen;
    },
    liveTimers() {
      let timeouts = 0;
      let intervals = 0;
      for (const kind of timers.values()) kind === 'interval' ? intervals++ : timeouts++;
      return { timeouts, intervals, worker: workerTimers.size, workers };
    },
  };
})();
