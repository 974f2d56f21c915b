/**
 * A plain static file server, like the one a teacher's host would be: it serves `dir` under a
 * path prefix (e.g. /kube-netplay/) and nothing else, with no SPA fallback, optional extra headers
 * (a strict Content-Security-Policy) and a hook to change a file's bytes (a "new version").
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

export interface StaticHost {
  /** The app's address, ending in the prefix (http://127.0.0.1:PORT/kube-netplay/). */
  readonly url: string;
  /** Every path requested, in order. */
  readonly requests: string[];
  /** Replaces a file's content as served (a path relative to `dir`, e.g. 'sw.js'). */
  rewrite(file: string, change: (content: string) => string): void;
  close(): Promise<void>;
}

export async function startStaticHost(
  dir: string,
  prefix: string,
  headers: Record<string, string> = {},
): Promise<StaticHost> {
  const rewrites = new Map<string, (content: string) => string>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
      requests.push(path);
      if (path === prefix.replace(/\/$/, '')) {
        res.writeHead(301, { location: prefix }).end();
        return;
      }
      if (!path.startsWith(prefix)) {
        res.writeHead(404).end('not found');
        return;
      }
      const relative = normalize(path.slice(prefix.length) || 'index.html').replace(
        /^(\.\.[/\\])+/,
        '',
      );
      const file = relative.endsWith('/') ? join(relative, 'index.html') : relative;
      try {
        let body: Buffer | string = await readFile(join(dir, file));
        const change = rewrites.get(file);
        if (change) body = change(body.toString('utf8'));
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
          ...headers,
        });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    rewrite: (file, change) => rewrites.set(file, change),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
