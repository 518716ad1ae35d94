/**
 * A tolerant reader for message `content` (docs/800ing-api.md §3). The server writes it as strict JSON or as a
 * JavaScript object literal (unquoted keys, single quotes); the vendor's own client evaluates it.
 * We never evaluate server text: this is a small recursive-descent parser of the JSON5 subset the
 * server is seen to write. Integers too large for a double stay strings, so a long `cdrId` keeps
 * every digit.
 */

export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

export class LiteralSyntaxError extends Error {
  override readonly name = 'LiteralSyntaxError';
  constructor(message: string, readonly position: number) {
    super(`${message} at ${position}`);
  }
}

/** Nesting deeper than this is refused: hostile content must not overflow our stack. */
const MAX_DEPTH = 64;

const IDENT_START = /[A-Za-z_$\u00a0-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u00a0-\uffff]/;

class Reader {
  #pos = 0;
  constructor(readonly text: string) {}

  parseDocument(): Literal {
    const value = this.#value(0);
    this.#skipSpace();
    if (this.#pos < this.text.length) this.#fail('unexpected text after the value');
    return value;
  }

  #fail(message: string): never {
    throw new LiteralSyntaxError(message, this.#pos);
  }

  #skipSpace(): void {
    const t = this.text;
    for (;;) {
      const c = t[this.#pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff' || c === '\u00a0') {
        this.#pos++;
      } else if (c === '/' && t[this.#pos + 1] === '/') {
        while (this.#pos < t.length && t[this.#pos] !== '\n') this.#pos++;
      } else if (c === '/' && t[this.#pos + 1] === '*') {
        const end = t.indexOf('*/', this.#pos + 2);
        if (end < 0) this.#fail('unterminated comment');
        this.#pos = end + 2;
      } else {
        return;
      }
    }
  }

  #value(depth: number): Literal {
    if (depth > MAX_DEPTH) this.#fail('nested too deeply');
    this.#skipSpace();
    const c = this.text[this.#pos];
    if (c === '{') return this.#object(depth);
    if (c === '[') return this.#array(depth);
    if (c === '"' || c === "'") return this.#string();
    if (c === '-' || c === '+' || c === '.' || (c !== undefined && c >= '0' && c <= '9')) return this.#number();
    if (c !== undefined && IDENT_START.test(c)) {
      const word = this.#identifier();
      switch (word) {
        case 'true':
          return true;
        case 'false':
          return false;
        case 'null':
        case 'undefined':
          return null;
        case 'NaN':
          return Number.NaN;
        case 'Infinity':
          return Number.POSITIVE_INFINITY;
        default:
          this.#fail(`unexpected word "${word.slice(0, 20)}"`);
      }
    }
    this.#fail(c === undefined ? 'unexpected end' : `unexpected character "${c}"`);
  }

  #object(depth: number): { [key: string]: Literal } {
    this.#pos++; // {
    // A null prototype: a key named __proto__ in hostile content stays a plain key.
    const out = Object.create(null) as { [key: string]: Literal };
    this.#skipSpace();
    if (this.text[this.#pos] === '}') {
      this.#pos++;
      return out;
    }
    for (;;) {
      this.#skipSpace();
      const c = this.text[this.#pos];
      let key: string;
      if (c === '"' || c === "'") key = this.#string();
      else if (c !== undefined && /[0-9]/.test(c)) key = String(this.#number());
      else if (c !== undefined && IDENT_START.test(c)) key = this.#identifier();
      else this.#fail('expected a key');
      this.#skipSpace();
      if (this.text[this.#pos] !== ':') this.#fail('expected ":"');
      this.#pos++;
      out[key] = this.#value(depth + 1);
      this.#skipSpace();
      const sep = this.text[this.#pos];
      if (sep === ',') {
        this.#pos++;
        this.#skipSpace();
        if (this.text[this.#pos] === '}') {
          this.#pos++;
          return out;
        }
      } else if (sep === '}') {
        this.#pos++;
        return out;
      } else {
        this.#fail('expected "," or "}"');
      }
    }
  }

  #array(depth: number): Literal[] {
    this.#pos++; // [
    const out: Literal[] = [];
    this.#skipSpace();
    if (this.text[this.#pos] === ']') {
      this.#pos++;
      return out;
    }
    for (;;) {
      out.push(this.#value(depth + 1));
      this.#skipSpace();
      const sep = this.text[this.#pos];
      if (sep === ',') {
        this.#pos++;
        this.#skipSpace();
        if (this.text[this.#pos] === ']') {
          this.#pos++;
          return out;
        }
      } else if (sep === ']') {
        this.#pos++;
        return out;
      } else {
        this.#fail('expected "," or "]"');
      }
    }
  }

  #identifier(): string {
    const start = this.#pos;
    while (this.#pos < this.text.length && IDENT_PART.test(this.text[this.#pos]!)) this.#pos++;
    return this.text.slice(start, this.#pos);
  }

  #string(): string {
    const quote = this.text[this.#pos++];
    let out = '';
    for (;;) {
      const c = this.text[this.#pos++];
      if (c === undefined) this.#fail('unterminated string');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.#pos++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'v':
          out += '\v';
          break;
        case '0':
          out += '\0';
          break;
        case 'u': {
          const hex = this.text.slice(this.#pos, this.#pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.#fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.#pos += 4;
          break;
        }
        case 'x': {
          const hex = this.text.slice(this.#pos, this.#pos + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.#fail('bad \\x escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.#pos += 2;
          break;
        }
        case '\r':
          if (this.text[this.#pos] === '\n') this.#pos++;
          break;
        case '\n':
          break;
        case undefined:
          this.#fail('unterminated string');
          break;
        default:
          out += e; // \' \" \\ \/ and any other escaped character stand for themselves
      }
    }
  }

  #number(): number | string {
    const rest = this.text.slice(this.#pos);
    const m = /^[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(rest);
    if (!m) this.#fail('bad number');
    this.#pos += m[0].length;
    const text = m[0];
    const value = Number(text);
    if (/^[+-]?\d+$/.test(text) && !Number.isSafeInteger(value)) return text.replace(/^\+/, '');
    return value;
  }
}

/** Parses strict JSON or a JavaScript object literal without evaluating it; throws LiteralSyntaxError. */
export function parseLiteral(text: string): Literal {
  return new Reader(text).parseDocument();
}

/** Parses message content; returns undefined for text that is not an object (SMS bodies, garbage). */
export function parseContent(text: unknown): Record<string, Literal> | undefined {
  if (typeof text !== 'string') {
    return typeof text === 'object' && text !== null && !Array.isArray(text)
      ? (text as Record<string, Literal>)
      : undefined;
  }
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value = parseLiteral(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
