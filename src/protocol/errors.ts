import { codeText, type Lang } from './codes.js';

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
 * The one error type of the package. `code` is the server's result code (spec §2), or one of
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
   * The message in the user's language: the server's own text if it sent one, else ours. Our own
   * (local) errors carry an English detail; in Chinese the code table's text stands for it.
   */
  localized(lang: Lang): string {
    const own = this.#texts?.[lang];
    if (own) return own;
    if (this.code <= LOCAL_CODE_FLOOR) return lang === 'en' ? this.message : codeText(this.code, lang);
    return this.serverMessage ?? codeText(this.code, lang);
  }

  /** The server's own text, kept apart so a UI in another language can still show it. */
  get serverMessage(): string | undefined {
    return this.message === codeText(this.code, 'en') ? undefined : this.message;
  }

  toJSON(): { name: 'VoipError'; code: number; message: string; method?: string } {
    return { name: this.name, code: this.code, message: this.message, ...(this.method ? { method: this.method } : {}) };
  }
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
