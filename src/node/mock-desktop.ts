/**
 * startMockDesktop: a stand-in for the vendor desktop softphone's control port (docs/800ing-api.md §6) on a
 * real HTTP port. It records every command it receives, decoded, and answers `200 ok` like the
 * real client; it can also play a slow client (`delayMs`) or one that drops every connection
 * (`refuse`).
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { DEFAULT_DESKTOP_HOST, DEFAULT_DESKTOP_PORT, DesktopParam } from '../desktop/index.js';
import { listen } from './listen.js';

export interface MockDesktopOptions {
  /** Default 10800 (the real client's port); `0` picks a free one. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Answer each command only after this many ms (a slow or hung client). Default 0. */
  delayMs?: number;
  /** Destroy every connection at once, before reading it (a client that refuses). Default false. */
  refuse?: boolean;
}

/** One command as the mock desktop received it. */
export interface DesktopCommand {
  /** The `type` parameter as a number (NaN when it is not one). */
  type: number;
  /** Every query parameter, percent-decoded (`url` still in Base64). */
  params: Record<string, string>;
  /** The `url` parameter, Base64-decoded to the plain URL (type 1000). */
  url?: string;
  /** The request target as received, e.g. `/?type=0&phone=139`. */
  raw: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface MockDesktopEvents {
  /** A command arrived (emitted on arrival, before a `delayMs` answer). */
  command: [command: DesktopCommand];
}

export class MockDesktop extends EventEmitter<MockDesktopEvents> {
  /** Answer delay in ms; may be changed between commands. */
  delayMs: number;
  /** Drop connections at once; may be switched on and off. */
  refuse: boolean;
  readonly #host: string;
  readonly #requestedPort: number;
  readonly #http: Server;
  readonly #commands: DesktopCommand[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #closing: Promise<void> | undefined;
  #port = 0;
  #url = '';

  /** Use startMockDesktop(); it is not listening until that resolves. */
  constructor(options: MockDesktopOptions = {}) {
    super();
    this.#requestedPort = options.port ?? DEFAULT_DESKTOP_PORT;
    this.#host = options.host ?? DEFAULT_DESKTOP_HOST;
    this.delayMs = options.delayMs ?? 0;
    this.refuse = options.refuse ?? false;
    this.#http = createServer((req, res) => this.#handle(req, res));
    this.#http.on('connection', (socket: Socket) => {
      if (this.refuse) socket.destroy();
    });
  }

  get port(): number {
    return this.#port;
  }

  /** Base URL, e.g. `http://127.0.0.1:10800` (no trailing slash). */
  get url(): string {
    return this.#url;
  }

  /** Every command received so far, oldest first (a copy). */
  get commands(): DesktopCommand[] {
    return [...this.#commands];
  }

  /** Forgets the commands received so far. */
  clear(): void {
    this.#commands.length = 0;
  }

  /** Starts listening; startMockDesktop calls it. */
  async listen(): Promise<this> {
    const { port: bound, url } = await listen(this.#http, this.#requestedPort, this.#host);
    this.#port = bound;
    this.#url = url;
    return this;
  }

  /** Stops listening, drops delayed answers and open connections. Calling it again returns the same promise. */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closing = new Promise<void>((resolve) => {
      for (const timer of this.#timers) clearTimeout(timer);
      this.#timers.clear();
      if (!this.#http.listening) {
        resolve();
        return;
      }
      this.#http.close(() => resolve());
      this.#http.closeAllConnections();
    });
    return this.#closing;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    // Also for a keep-alive connection opened before `refuse` was switched on.
    if (this.refuse) {
      req.socket.destroy();
      return;
    }
    const raw = req.url ?? '/';
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    if (req.method === 'OPTIONS') {
      // A CORS / private-network preflight, should a browser send one.
      res.writeHead(204, {
        ...headers,
        'Access-Control-Allow-Methods': 'GET',
        'Access-Control-Allow-Private-Network': 'true',
      });
      res.end();
      return;
    }
    const command = decodeCommand(raw);
    if (command) {
      this.#commands.push(command);
      this.emit('command', command);
    }
    const answer = (): void => {
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(200, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
    };
    if (this.delayMs <= 0) {
      answer();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      answer();
    }, this.delayMs);
    this.#timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    });
  }
}

/** The decoded command of a request target, or undefined when it has no `type` (e.g. /favicon.ico). */
export function decodeCommand(raw: string, at = Date.now()): DesktopCommand | undefined {
  const query = new URL(raw, 'http://desktop.invalid').searchParams;
  const typeText = query.get(DesktopParam.Type);
  if (typeText === null) return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in params)) params[key] = value;
  const command: DesktopCommand = { type: typeText.trim() === '' ? Number.NaN : Number(typeText), params, raw, at };
  const encoded = params[DesktopParam.Url];
  if (encoded !== undefined) command.url = Buffer.from(encoded, 'base64').toString('utf8');
  return command;
}

/** Starts a mock desktop client; resolves once it listens. */
export async function startMockDesktop(options: MockDesktopOptions = {}): Promise<MockDesktop> {
  return new MockDesktop(options).listen();
}
