// The bench's hooks into <voip-softphone>: creates the element from the query string, records
// every pop (ring event, card rendered, frame, painted) and the status, counts Lit renders and
// shadow-DOM mutations, and reports pops to Node through window.__benchReport when exposed.
(() => {
  'use strict';
  const B = window.__bench;
  const lib = window.VoipSoftphone;
  if (!B || !lib) throw new Error('bench page: instrument.js and the IIFE must load first');
  const { raw } = B;

  // Every Lit render of the element ends in updated(): count them.
  B.updates = 0;
  const proto = lib.VoipSoftphone.prototype;
  const updated = proto.updated;
  proto.updated = function (...args) {
    B.updates++;
    return updated.apply(this, args);
  };
  B.mutations = 0;
  B.pops = [];
  B.hangups = [];
  B.statuses = [];
  B.el = null;
  B.scriptsAtLoad = document.scripts.length;
  B.globalsAtLoad = Object.keys(window).length;

  const report = (kind, data) => {
    if (typeof window.__benchReport === 'function') window.__benchReport(kind, data);
  };
  /** A task after the current one (after the frame's paint when called from rAF). */
  const afterTask = (fn) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      fn();
    };
    channel.port2.postMessage(0);
  };

  /** Creates the element with these attributes (not yet connected). */
  B.build = (config) => {
    const el = document.createElement('voip-softphone');
    for (const [name, value] of Object.entries(config)) {
      if (name === 'autostart' || name.startsWith('bench-')) continue;
      el.setAttribute(name, String(value));
    }
    B.el = el;
    B.onlineAt = undefined;
    el.addEventListener('voip-status', (e) => {
      const t = performance.now();
      B.statuses.push({ status: e.detail.status, t, code: e.detail.error?.code });
      if (e.detail.status === 'online' && B.onlineAt === undefined) B.onlineAt = t;
      report('status', { status: e.detail.status, code: e.detail.error?.code });
    });
    el.addEventListener('voip-ring', (e) => onRing(el, e.detail.call));
    el.addEventListener('voip-hangup', (e) => {
      const rec = { phone: e.detail.call.phone, cdrId: e.detail.call.cdrId, eventAt: Date.now() };
      B.hangups.push(rec);
      report('hangup', rec);
    });
    return el;
  };

  B.start = (config) => {
    const el = B.build(config);
    document.body.append(el);
    observeShadow(el);
    return el;
  };

  /** Connects a built element and resolves when it is online: the start-up figure. */
  B.startTimed = (config) =>
    new Promise((resolve) => {
      const el = B.build(config);
      const t0 = performance.now();
      el.addEventListener('voip-status', (e) => {
        if (e.detail.status !== 'online') return;
        const tOnline = performance.now();
        // Resource entries reach the observer a little later than the answer itself.
        raw.setTimeout(() => {
          const before = B.answers.filter((a) => a.startTime >= t0 && a.responseEnd <= tOnline);
          resolve({
            ms: tOnline - t0,
            firstRequestMs: before.length ? before[0].startTime - t0 : null,
            statuses: B.statuses.filter((st) => st.t >= t0).map((st) => ({ status: st.status, ms: st.t - t0 })),
            roundTrips: before.length,
            methods: before.map((a) => a.method),
            rttMs: before.map((a) => a.responseEnd - a.startTime),
          });
        }, 50);
      });
      document.body.append(el);
    });

  /**
   * The floor under the start-up figure: one bare JSONP request to `server` (an unknown method,
   * which the mock answers at once), started at the moment an element would be connected; ms
   * until its callback runs. With `beside`, the smallest widget (a shadow root holding a status
   * text, an input and a button, no script of ours) is connected in the same task: the answer then
   * waits for the fresh page's first frame, as it would beside any widget.
   */
  B.floorTimed = (server, beside) =>
    new Promise((resolve) => {
      const name = `__benchFloor${Math.random().toString(36).slice(2)}`;
      let widget = null;
      if (beside) {
        widget = document.createElement('div');
        const root = widget.attachShadow({ mode: 'open' });
        const status = document.createElement('span');
        status.textContent = '连接中 connecting';
        root.append(status, document.createElement('input'), document.createElement('button'));
      }
      const script = document.createElement('script');
      script.src = `${server}/voip/api/jsonpdata.jsonp?method=benchFloor&callback=${name}`;
      const t0 = performance.now();
      window[name] = () => {
        const ms = performance.now() - t0;
        delete window[name];
        script.remove();
        resolve(ms);
      };
      if (widget) document.body.append(widget);
      document.head.appendChild(script);
    });

  B.waitOnline = () =>
    new Promise((resolve) => {
      if (B.el && B.el.status === 'online') return resolve(true);
      B.el.addEventListener('voip-status', function on(e) {
        if (e.detail.status !== 'online') return;
        B.el.removeEventListener('voip-status', on);
        resolve(true);
      });
    });

  B.remove = () => {
    B.el?.remove();
  };

  function observeShadow(el) {
    const root = el.shadowRoot;
    if (!root) return;
    new MutationObserver((records) => (B.mutations += records.length)).observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  }

  function onRing(el, call) {
    const tEvent = performance.now();
    const rec = { phone: call.phone, cdrId: call.cdrId, eventAt: Date.now(), tEvent, hidden: document.visibilityState === 'hidden' };
    el.updateComplete.then(() => {
      rec.tRendered = performance.now();
      rec.renderedAt = Date.now();
      rec.shown = el.shadowRoot?.querySelector('[part="phone"]')?.textContent?.trim() === call.phone;
      // A hidden page renders no frames: the DOM is the last step that can be seen.
      if (document.visibilityState === 'hidden') return finish();
      requestAnimationFrame(() => {
        rec.tFrame = performance.now();
        afterTask(() => {
          rec.tPainted = performance.now();
          rec.paintedAt = Date.now();
          finish();
        });
      });
    });
    function finish() {
      // The answer that carried the ring: the last poll or recvMsg answer before the event.
      raw.setTimeout(() => {
        let prior;
        for (const a of B.answers) {
          if ((a.method === 'getLongWaterLine' || a.method === 'recvMsg') && a.responseEnd <= tEvent) {
            if (!prior || a.responseEnd >= prior.responseEnd) prior = a;
          }
        }
        rec.answerMethod = prior?.method;
        rec.tAnswer = prior?.responseEnd;
        const called = B.callbacks.filter((c) => c.method === prior?.method && c.t <= tEvent).at(-1);
        rec.tCallback = called?.t;
        B.pops.push(rec);
        if (B.pops.length > 1000) B.pops.shift();
        report('pop', rec);
      }, 30);
    }
  }

  /**
   * The hidden-page control: a chain of page timers every `ms`, each gap recorded. Intensive
   * throttling holds such a chain to one wake-up a minute; ordinary hidden throttling to 1 s.
   */
  B.controlGaps = [];
  B.startControlTimer = (ms) => {
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      B.controlGaps.push({ at: now, gap: now - last });
      last = now;
      raw.setTimeout(tick, ms);
    };
    raw.setTimeout(tick, ms);
  };

  /**
   * The floor of the idle cost: no widget, just one JSONP request to `url` every `ms` from a page
   * timer, done as plainly as possible. Returns a function that stops it.
   */
  B.requestLoop = (url, ms) => {
    let n = 0;
    const one = () => {
      const name = `__benchLoop_${++n}`;
      const script = document.createElement('script');
      window[name] = () => {
        delete window[name];
        script.remove();
      };
      script.src = `${url}&callback=${name}`;
      document.head.append(script);
    };
    const id = raw.setInterval(one, ms);
    return () => raw.clearInterval(id);
  };

  /** Nodes in the document, shadow trees included. */
  function countNodes(root) {
    let n = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      n++;
      if (node.shadowRoot) n += countNodes(node.shadowRoot);
    }
    return n;
  }

  /** What is left in the page: scripts, globals, timers, nodes, renders. */
  B.stats = () => {
    const keys = Object.keys(window);
    return {
      scripts: document.scripts.length - B.scriptsAtLoad,
      jsonpGlobals: keys.filter((k) => k.startsWith('__voipJsonp_')).length,
      globals: keys.length - B.globalsAtLoad,
      timers: B.liveTimers(),
      nodes: countNodes(document),
      updates: B.updates,
      mutations: B.mutations,
      status: B.el?.status,
      visibility: document.visibilityState,
    };
  };

  const params = new URLSearchParams(location.search);
  if (params.has('server') && params.get('autostart') !== '0') {
    const config = Object.fromEntries(params);
    delete config.autostart;
    delete config['bench-trace'];
    if (document.body) B.start(config);
    else addEventListener('DOMContentLoaded', () => B.start(config));
  }
})();
