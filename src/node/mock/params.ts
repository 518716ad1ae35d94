/**
 * Request parameters (query and form body merged) with typed reads. A missing required
 * parameter is the server's code -3 with a message naming it, as the spec asks.
 */
import { ResultCode, VoipError } from '../../protocol/index.js';

export class Params {
  readonly #values: Map<string, string>;

  constructor(values: Map<string, string>) {
    this.#values = values;
  }

  /** The raw value; undefined when absent (an empty value is ''). */
  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  text(name: string, fallback = ''): string {
    return this.#values.get(name) ?? fallback;
  }

  /** A value that must be present; it may be empty (a caller id the server wrote as ''). */
  requirePresent(name: string): string {
    const value = this.#values.get(name);
    if (value === undefined) throw new VoipError(ResultCode.Internal, `缺少参数 ${name} (missing parameter ${name})`);
    return value;
  }

  /** A value that must be present and non-empty. */
  require(name: string): string {
    const value = this.#values.get(name);
    if (value === undefined || value.trim() === '') {
      throw new VoipError(ResultCode.Internal, `缺少参数 ${name} (missing parameter ${name})`);
    }
    return value;
  }

  /** A number when present and non-empty; a value that is not a number is code -3. */
  number(name: string): number | undefined {
    const value = this.#values.get(name);
    if (value === undefined || value.trim() === '') return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) {
      throw new VoipError(ResultCode.Internal, `参数 ${name} 不是数字 (parameter ${name} is not a number)`);
    }
    return n;
  }

  requireNumber(name: string): number {
    this.require(name);
    return this.number(name)!;
  }

  /** Every parameter as received (for the request log). */
  toObject(): Record<string, string> {
    return Object.fromEntries(this.#values);
  }
}
