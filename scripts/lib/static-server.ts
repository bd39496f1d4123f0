/**
 * A minimal static file server for a built folder, bound to 127.0.0.1 only.
 * Used by `npm start` (to offer a local URL next to the file path) and by the
 * e2e tests and benchmark (the http variant).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.topojson': 'application/json; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.stream',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
};

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

export async function serveStatic(dir: string, port = 0): Promise<RunningServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    let path: string;
    try {
      path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = join(root, path);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return { url: `http://127.0.0.1:${actual}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}
