/** What the client asks a transport to do: one GET-like request, one JSON answer. */

export type ParamValue = string | number | boolean | undefined | null;
export type Params = Record<string, ParamValue>;

export interface RequestOptions {
  /** Cancels the request; the promise rejects with a VoipError of code LocalCode.Aborted. */
  signal?: AbortSignal;
  /** Milliseconds before the request fails with code -1. */
  timeoutMs?: number;
  /** The API method, for error messages. */
  method?: string;
}

export interface Transport {
  /** `jsonp` answers through a `<script>` (cross-origin); `fetch` reads JSON (same origin / proxy). */
  readonly kind: 'jsonp' | 'fetch';
  /** Sends `params` to `url` and resolves with the parsed answer (untrusted `unknown`). */
  request(url: string, params: Params, options?: RequestOptions): Promise<unknown>;
}

/** The default request timeout (issue: 10 s); long polls pass their own. */
export const DEFAULT_TIMEOUT_MS = 10_000;
