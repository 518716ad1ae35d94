/**
 * The password of an element that logs in (`password` / `password-md5`): a plain password is
 * hashed (MD5) as soon as it is set and never kept, and its attribute leaves the DOM; an MD5 given
 * instead is checked. The element keeps the two accessors (with their @property) and hands each
 * value set to `plain` or `md5`; the one set last counts.
 */
import type { ReactiveControllerHost } from 'lit';
import { passwordDigest } from '../client/credentials.js';

export class PasswordField {
  readonly #host: ReactiveControllerHost & Element;
  readonly #fail: (error: unknown) => void;
  #digest = '';

  /** `fail`: a malformed `password-md5` (a VoipError), which is not kept. */
  constructor(host: ReactiveControllerHost & Element, fail: (error: unknown) => void) {
    this.#host = host;
    this.#fail = fail;
  }

  /** The 32-hex MD5 (lower case), or '' while none is set. */
  get digest(): string {
    return this.#digest;
  }

  /** A plain password: hashed now, never kept; the `password` attribute is removed. Empty is ignored. */
  plain(value: string | null | undefined): void {
    if (!value) return;
    this.#use(passwordDigest(value, undefined));
    if (this.#host.hasAttribute('password')) this.#host.removeAttribute('password');
  }

  /** The MD5 itself. Empty is ignored. */
  md5(value: string | null | undefined): void {
    if (!value) return;
    try {
      this.#use(passwordDigest(undefined, value));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Forgets the digest (a logout). */
  clear(): void {
    this.#digest = '';
  }

  /** The host renders (and logs in again) only when the digest changed. */
  #use(digest: string): void {
    if (digest === this.#digest) return;
    this.#digest = digest;
    this.#host.requestUpdate();
  }
}
