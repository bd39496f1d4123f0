/**
 * `npm start` (after the build): says where the portable folder is, which file
 * to double-click, and serves it on a local URL for those who prefer http.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveStatic } from './lib/static-server.ts';

const dist = resolve('dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/index.html is missing: run "npm run build" first.');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 5173);
const server = await serveStatic(dist, port).catch(() => serveStatic(dist, 0));
console.log(`
Bản đồ phong trào đã sẵn sàng / The movement atlas is ready.

  Thư mục di động / Portable folder:  ${dist}
  Mở tệp này / Open this file:        ${pathToFileURL(join(dist, 'index.html')).href}
  Hoặc địa chỉ / Or this local URL:   ${server.url}

Chép cả thư mục dist/ lên ổ dùng chung rồi nháy đúp index.html.
Copy the whole dist/ folder to a shared drive and double-click index.html.
(Ctrl+C dừng máy chủ cục bộ / stops the local server.)
`);
