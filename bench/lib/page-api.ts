/** What bench/page/*.js puts on `window.__bench`, typed for the page.evaluate calls in Node. */

export interface PopRecord {
  phone: string;
  cdrId?: string;
  /** Date.now() when `voip-ring` fired. */
  eventAt: number;
  /** performance.now() of the same moment. */
  tEvent: number;
  /** After `updateComplete`: the card is in the shadow DOM. */
  tRendered: number;
  renderedAt: number;
  /** The card shows this call's number. */
  shown: boolean;
  /** The next animation frame (absent in a hidden page). */
  tFrame?: number;
  /** The task after that frame: painted. */
  tPainted?: number;
  paintedAt?: number;
  /** The JSONP answer (getLongWaterLine or recvMsg) that carried the ring, and its responseEnd. */
  answerMethod?: string;
  tAnswer?: number;
  /** When the JSONP callback of that answer was called (the widget's code starts there). */
  tCallback?: number;
  hidden: boolean;
}

export interface LiveTimers {
  timeouts: number;
  intervals: number;
  /** Timers pending in the widget's worker clock. */
  worker: number;
  workers: number;
}

export interface PageStats {
  /** `<script>` elements beyond the page's own. */
  scripts: number;
  jsonpGlobals: number;
  /** Enumerable window properties beyond those present after load. */
  globals: number;
  timers: LiveTimers;
  nodes: number;
  updates: number;
  mutations: number;
  status: string | undefined;
  visibility: DocumentVisibilityState;
}

export interface StartupResult {
  ms: number;
  /** From connected to the start of the first request. */
  firstRequestMs: number | null;
  statuses: { status: string; ms: number }[];
  roundTrips: number;
  methods: string[];
  rttMs: number[];
}

export interface BenchApi {
  raw: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout; setInterval: typeof setInterval; clearInterval: typeof clearInterval };
  answers: { method: string; startTime: number; responseEnd: number }[];
  answersSeen: number;
  callbacks: { method: string; t: number }[];
  updates: number;
  mutations: number;
  pops: PopRecord[];
  el: (HTMLElement & { status: string }) | null;
  start(config: Record<string, string>): HTMLElement;
  startTimed(config: Record<string, string>): Promise<StartupResult>;
  /** ms from connect to the callback of one bare JSONP request, alone or beside the smallest widget's first frame. */
  floorTimed(server: string, beside: boolean): Promise<number>;
  waitOnline(): Promise<boolean>;
  remove(): void;
  stats(): PageStats;
  controlGaps: { at: number; gap: number }[];
  startControlTimer(ms: number): void;
  requestLoop(url: string, ms: number): () => void;
  liveTimers(): LiveTimers;
}

declare global {
  interface Window {
    __bench: BenchApi;
  }
}
