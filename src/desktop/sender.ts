/**
 * DesktopClient: sends docs/800ing-api.md §6 commands to the vendor desktop softphone on this machine.
 *
 * The client answers plain GETs on 127.0.0.1 but sends no CORS headers the vendor documents, so
 * a page cannot read the answer: we send with `mode: 'no-cors'` and take an (opaque) answer as
 * "the client took the command". A refused connection (the fetch rejects with a TypeError) or no
 * answer within the timeout means the client is not running: VoipError(LocalCode.DesktopUnreachable).
 * Loopback is exempt from mixed-content blocking, so this also works from an https: CRM page.
 */
import { LocalCode, type Lang } from '../protocol/codes.js';
import { VoipError } from '../protocol/index.js';
import {
  DEFAULT_DESKTOP_HOST,
  DEFAULT_DESKTOP_PORT,
  DESKTOP_METHOD,
  DesktopType,
  buildDesktopRequest,
  type AnyDesktopParams,
  type DesktopCommonParams,
  type DesktopParams,
  type DesktopParamsArg,
  type DesktopRequest,
} from './commands.js';

/** How long a command may take before the client counts as not running. */
export const DEFAULT_DESKTOP_TIMEOUT_MS = 3000;

export interface DesktopClientOptions {
  /** Default 10800; a command's `httpPort` overrides it. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 3000 ms. */
  timeoutMs?: number;
  /** Injected for tests and for environments with their own fetch; default the global one. */
  fetch?: typeof fetch;
  /** Language of the "not running" message; default `zh-CN`. */
  lang?: Lang;
}

export interface DesktopSendOptions {
  /** Cancels the command: the promise rejects with LocalCode.Aborted. */
  signal?: AbortSignal;
}

/** `send`'s arguments after the type: the parameters (optional where none is required), then options. */
export type DesktopSendArgs<T extends DesktopType> = [...DesktopParamsArg<T>, options?: DesktopSendOptions];

/** Options of the convenience methods: the common parameters and the send options. */
export type DesktopCallOptions = DesktopCommonParams & DesktopSendOptions;

export class DesktopClient {
  readonly #port: number;
  readonly #host: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #lang: Lang;

  constructor(options: DesktopClientOptions = {}) {
    this.#port = options.port ?? DEFAULT_DESKTOP_PORT;
    this.#host = options.host ?? DEFAULT_DESKTOP_HOST;
    const timeoutMs = options.timeoutMs ?? DEFAULT_DESKTOP_TIMEOUT_MS;
    // An invalid timeout falls back to the default rather than making every command fail at once.
    this.#timeoutMs = Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_DESKTOP_TIMEOUT_MS;
    // Looked up at call time, not bound now: a page may polyfill or patch fetch later.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#lang = options.lang === 'en' ? 'en' : 'zh-CN';
  }

  get port(): number {
    return this.#port;
  }

  get host(): string {
    return this.#host;
  }

  /** The exact URL `send` would request (validated the same way). */
  urlFor<T extends DesktopType>(type: T, ...[params]: DesktopParamsArg<T>): string {
    return this.#request(type, params).url;
  }

  /**
   * Sends one command. Resolves when the client accepted it; rejects with a VoipError:
   * LocalCode.BadInput (invalid type or parameters, nothing sent), LocalCode.DesktopUnreachable
   * (refused, or no answer within `timeoutMs`), LocalCode.Aborted (the signal fired).
   */
  async send<T extends DesktopType>(type: T, ...args: DesktopSendArgs<T>): Promise<void> {
    // The tuple's shape depends on T; at run time it is always [params?, options?].
    const [params, options] = args as unknown as [AnyDesktopParams | undefined, DesktopSendOptions | undefined];
    return this.#send(this.#request(type, params), options?.signal);
  }

  /** 0: call `phone`. `hold: true` shows the pop window, `disablePop: true` suppresses it. */
  dial(phone: string, options: Omit<DesktopParams<typeof DesktopType.Dial>, 'phone'> & DesktopSendOptions = {}): Promise<void> {
    const { signal, ...params } = options;
    return this.send(DesktopType.Dial, { ...params, phone }, { signal });
  }

  /** 1: hang up. */
  hangup(options: DesktopCallOptions = {}): Promise<void> {
    return this.#simple(DesktopType.Hangup, options);
  }

  /** 2: transfer the call to `phone` (a number or an extension). */
  transfer(phone: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.Transfer, phone, options);
  }

  /** 3: show the customer data of `phone` without popping the window. */
  showCustomer(phone: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.ShowCustomer, phone, options);
  }

  /** 4: call several numbers. */
  batchDial(phones: string | readonly string[], options: DesktopCallOptions = {}): Promise<void> {
    const { signal, ...params } = options;
    return this.send(DesktopType.BatchDial, { ...params, phone: phones }, { signal });
  }

  /** 992: listen in on an agent's call. */
  monitor(extension: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.Monitor, extension, options);
  }

  /** 993: speak to the agent only (coach). */
  whisper(extension: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.Whisper, extension, options);
  }

  /** 994: join an agent's call. */
  bargeIn(extension: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.BargeIn, extension, options);
  }

  /** 981: end an agent's call. */
  forceHangup(extension: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.ForceHangup, extension, options);
  }

  /** 1000: open `url` (plain; sent as Base64) in the client's pop window. */
  openUrl(url: string, options: Omit<DesktopParams<typeof DesktopType.OpenUrl>, 'url'> & DesktopSendOptions = {}): Promise<void> {
    const { signal, ...params } = options;
    return this.send(DesktopType.OpenUrl, { ...params, url }, { signal });
  }

  /** 1001: print the work order `orderId`; `caption` is its work-order type name. */
  printWorkOrder(orderId: string, options: DesktopCallOptions & { caption?: string } = {}): Promise<void> {
    return this.#withPhone(DesktopType.PrintWorkOrder, orderId, options);
  }

  /** 1002: design the work-order form; `caption` is the work-order type name. */
  designWorkOrder(orderId: string, options: DesktopCallOptions & { caption?: string } = {}): Promise<void> {
    return this.#withPhone(DesktopType.DesignWorkOrder, orderId, options);
  }

  /** 1003: close the pop window (optionally naming the number it was popped for). */
  closePop(options: DesktopCallOptions & { phone?: string } = {}): Promise<void> {
    return this.#simple(DesktopType.ClosePop, options);
  }

  /** 1005: design the order form. */
  designOrder(orderId: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.DesignOrder, orderId, options);
  }

  /** 1006: print the order. */
  printOrder(orderId: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.PrintOrder, orderId, options);
  }

  /** 1007: design the waybill form. */
  designWaybill(orderId: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.DesignWaybill, orderId, options);
  }

  /** 1008: print the waybill. */
  printWaybill(orderId: string, options: DesktopCallOptions = {}): Promise<void> {
    return this.#withPhone(DesktopType.PrintWaybill, orderId, options);
  }

  /** 2001: log the client in to `host` (e.g. `voip.800ing.com`) as `user` with `pass`. */
  login(host: string, user: string, pass: string, options: DesktopCallOptions = {}): Promise<void> {
    const { signal, ...params } = options;
    return this.send(DesktopType.Login, { ...params, host, user, pass }, { signal });
  }

  /** 2002: bring the client window up on inbound/outbound calls. */
  showWindow(options: DesktopCallOptions = {}): Promise<void> {
    return this.#simple(DesktopType.ShowWindow, options);
  }

  #withPhone(type: DesktopType, phone: string, options: DesktopSendOptions & AnyDesktopParams): Promise<void> {
    const { signal, ...params } = options;
    return this.#sendLoose(type, { ...params, phone }, signal);
  }

  #simple(type: DesktopType, options: DesktopSendOptions & AnyDesktopParams): Promise<void> {
    const { signal, ...params } = options;
    return this.#sendLoose(type, params, signal);
  }

  async #sendLoose(type: DesktopType, params: AnyDesktopParams, signal: AbortSignal | undefined): Promise<void> {
    return this.#send(this.#request(type, params), signal);
  }

  #request(type: number, params: AnyDesktopParams | undefined): DesktopRequest {
    return buildDesktopRequest(type, params, { port: this.#port, host: this.#host });
  }

  async #send(request: DesktopRequest, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) throw aborted(signal.reason);
    const timeoutMs = this.#timeoutMs;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    // Settles only by rejecting: at the timeout or on the caller's abort. Raced against the fetch
    // so that even a fetch that ignores its signal cannot make us hang.
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(this.#unreachable(request, new Error(`no answer within ${timeoutMs} ms`)));
        controller.abort();
      }, timeoutMs);
      onAbort = () => {
        reject(aborted(signal?.reason));
        controller.abort(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });

    let answer: Promise<Response>;
    try {
      answer = Promise.resolve(this.#fetch(request.url, { mode: 'no-cors', cache: 'no-store', signal: controller.signal }));
    } catch (error) {
      answer = Promise.reject(error);
    }
    // Whenever (if ever) an answer arrives, drop its body so the connection is freed; a rejection
    // that arrives after the race is lost is handled here too, never left unhandled.
    answer.then(discardBody, () => undefined);

    try {
      await Promise.race([answer, stop]);
    } catch (error) {
      if (error instanceof VoipError) throw error;
      throw this.#unreachable(request, error);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  #unreachable(request: DesktopRequest, cause: unknown): VoipError {
    const where = `${request.host}:${request.port}`;
    const texts = { en: `desktop client not running on ${where}`, 'zh-CN': `桌面客户端未在 ${where} 运行` };
    return new VoipError(LocalCode.DesktopUnreachable, texts[this.#lang], { method: DESKTOP_METHOD, cause, texts });
  }
}

function aborted(cause: unknown): VoipError {
  return new VoipError(LocalCode.Aborted, undefined, { method: DESKTOP_METHOD, cause });
}

/** The answer is opaque in a browser (no body); in Node it is `ok`, read by nobody. */
function discardBody(response: Response): void {
  const body = (response as Partial<Response> | null | undefined)?.body;
  if (body && !body.locked) body.cancel().catch(() => undefined);
}
