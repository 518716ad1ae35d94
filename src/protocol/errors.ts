import { codeText, ResultCode, UNREACHABLE_TEXTS, type Lang } from './codes.js';

/** Codes at or below this are ours (LocalCode), not the server's. */
const LOCAL_CODE_FLOOR = -1000;

export interface VoipErrorOptions {
  /** The API method (or desktop command, or local operation) that failed. */
  method?: string;
  cause?: unknown;
  /** The message in each UI language, when we wrote it ourselves (the widget shows the right one). */
  texts?: Partial<Record<Lang, string>>;
}

/**
 * The one error type of the package. `code` is the server's result code (docs/800ing-api.md §2), or one of
 * our `LocalCode`s; `message` is the server's text when it gave one, else the code table's.
 */
export class VoipError extends Error {
  override readonly name = 'VoipError' as const;
  readonly code: number;
  readonly method: string | undefined;
  readonly #texts: Partial<Record<Lang, string>> | undefined;

  constructor(code: number, message?: string, options: VoipErrorOptions = {}) {
    super(message && message.trim() ? message : codeText(code, 'en'), { cause: options.cause });
    this.code = code;
    this.method = options.method;
    this.#texts = options.texts;
  }

  /**
   * The message in the user's language. Our own errors: the text we wrote for that language, else
   * the English detail (en) or the code table's text (zh-CN). Server codes: in English, the code
   * table's English text (the server writes Chinese, which an English UI must not show); in
   * Chinese, the server's own text when it sent one (it is more specific than the table, e.g.
   * 帐号或密码错误 for -2), else the table's. Unknown codes name the code. The server's text stays
   * in `serverMessage` either way.
   */
  localized(lang: Lang): string {
    const own = this.#texts?.[lang];
    if (own) return own;
    if (this.code <= LOCAL_CODE_FLOOR) return lang === 'en' ? this.message : codeText(this.code, lang);
    return (lang === 'zh-CN' && this.serverMessage) || codeText(this.code, lang);
  }

  /** True when the server could not be reached at all (see `unreachableError`). */
  get unreachable(): boolean {
    return this.#texts === UNREACHABLE_TEXTS;
  }

  /** The server's own text, kept apart so a UI in another language can still show it. */
  get serverMessage(): string | undefined {
    return this.message === codeText(this.code, 'en') ? undefined : this.message;
  }

  toJSON(): { name: 'VoipError'; code: number; message: string; method?: string } {
    return { name: this.name, code: this.code, message: this.message, ...(this.method ? { method: this.method } : {}) };
  }
}

/**
 * The server could not be reached (the request failed, timed out, or a gateway said so): code -1,
 * the technical `detail` as `message`, and a short local sentence as the localized text.
 */
export function unreachableError(detail: string, method: string | undefined, cause?: unknown): VoipError {
  return new VoipError(ResultCode.Network, detail, { method, cause, texts: UNREACHABLE_TEXTS });
}

/** True for a VoipError from any copy of this package (compares `name`, not only `instanceof`). */
export function isVoipError(value: unknown): value is VoipError {
  return (
    value instanceof VoipError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'VoipError' &&
      typeof (value as { code?: unknown }).code === 'number')
  );
}
