/**
 * The bench page's origin: a tiny node:http server on 127.0.0.1 that serves the fixture page
 * (bench/page/) and the IIFE build. The build is read once, when the bench starts, so a
 * concurrent `npm run build` (which empties dist/) cannot pull it away in the middle of a run.
 * It runs on its own port, not the mock server's, so JSONP is cross-origin as on a real CRM page.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { IIFE_PATH, PAGE_DIR } from './paths.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
};

export interface StaticServer {
  url: string;
  /** The bench page's URL with these query parameters. */
  pageUrl(params: Record<string, string | number | boolean>): string;
  close(): Promise<void>;
}

export async function startStaticServer(iife: Buffer = readFileSync(IIFE_PATH)): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://bench.invalid').pathname;
    let body: Buffer | undefined;
    let type = TYPES['.js']!;
    if (path === '/dist/voip-softphone.iife.js') {
      body = iife;
    } else if (path.startsWith('/bench/page/')) {
      const name = basename(path);
      const file = join(PAGE_DIR, name);
      const ext = name.slice(name.lastIndexOf('.'));
      if (TYPES[ext] && existsSync(file)) {
        body = readFileSync(file);
        type = TYPES[ext]!;
      }
    }
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pageUrl: (params) => {
      const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
      return `${url}/bench/page/index.html?${query}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
