import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

// `/api/docs`: the REST API's interactive reference (Swagger UI over /api/v1/openapi.json),
// served from this BFF with its own assets: no CDN, nothing a strict network policy blocks.

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

const ASSET_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Flywheel REST API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/start.js"></script>
</body>
</html>`;

// A file, not an inline script: the page's CSP allows scripts from this origin only.
const START = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', deepLinking: true, persistAuthorization: false });`;

export function docsRoutes() {
  const cache = new Map<string, Buffer>();
  return new Hono()
    .use(async (c, next) => {
      await next();
      // Swagger UI sets styles inline; its requests go to this origin only.
      c.header(
        'content-security-policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
      );
    })
    .get('/', (c) => c.html(PAGE))
    .get('/assets/start.js', (c) => c.body(START, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }))
    .get('/assets/:file', async (c) => {
      const file = c.req.param('file');
      if (!Object.hasOwn(ASSETS, file)) return c.notFound();
      let bytes = cache.get(file);
      if (!bytes) {
        bytes = await readFile(join(ASSET_DIR, file));
        cache.set(file, bytes);
      }
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': ASSETS[file as keyof typeof ASSETS],
        'cache-control': 'public, max-age=3600',
      });
    });
}
