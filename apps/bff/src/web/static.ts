import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalWidget } from '@flywheel/config/widgets';
import { serveStatic as serveFiles } from '@hono/node-server/serve-static';
import { type Context, Hono, type Next } from 'hono';
import { etag } from 'hono/etag';

export type StaticRoots = {
  widgets: LocalWidget[];
  /** apps/shell/dist */
  shellDir: string;
  /** apps/console/dist, served at /console/ */
  consoleDir: string;
  /** packages/embed/dist: embed.js and host/ */
  embedDir: string;
};

// Content-hashed files never change under their name: cached for a year. Pages are revalidated on
// every load, and the few unhashed files widgets start from (mf-manifest.json, remoteEntry.js) are
// kept a minute, so a page view does not wait for a round trip and a release still reaches
// browsers within a minute. Revalidating is cheap: an ETag answers 304 with no body.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const BRIEFLY = 'public, max-age=60';
const REVALIDATE = 'no-cache';
/** `x.1a2b3c4d.js`, and its precompressed copies `x.1a2b3c4d.js.br` / `.gz`. */
const isHashed = (path: string) => /\.[0-9a-f]{8,}\.(js|css|woff2?|png|svg|jpg)(\.br|\.gz)?$/.test(path);
const compressible = (path: string) => /\.(js|mjs|css|html|json|svg|txt|map|ts)(\.br|\.gz)?$/.test(path);

/** Cache and Vary headers for a file, by the name it was found under. */
function decorate(response: Response, path: string) {
  response.headers.set('cache-control', isHashed(path) ? IMMUTABLE : /\.html(\.br|\.gz)?$/.test(path) ? REVALIDATE : BRIEFLY);
  // A cache between us and the browser must keep the brotli, gzip and plain copies apart.
  if (compressible(path)) response.headers.set('vary', 'Accept-Encoding');
}

const withEtag = etag();
/**
 * The built files as the build left them: the brotli or gzip copy the browser accepts (written by
 * the build, so no compression per request), cache headers by name, and an ETag on every file
 * that is revalidated rather than cached for good. The headers go on the file's response itself:
 * serveStatic's onFound runs after that response is made, too late for `c.header()`.
 */
function serveStatic(options: { root?: string; path?: string; rewriteRequestPath?: (path: string) => string }) {
  const found = new WeakMap<Context, string>();
  const files = serveFiles({ ...options, precompressed: true, onFound: (path, c) => void found.set(c, path) });
  return async (c: Context, next: Next) => {
    const serve = async () => {
      const response = await files(c, next);
      const path = found.get(c);
      if (response && path) {
        decorate(response, path);
        c.res = response;
      }
    };
    await (isHashed(c.req.path) ? serve() : withEtag(c, serve));
  };
}

/**
 * The CSP of the pages Flywheel serves (the shell and the console): scripts only from this origin
 * and the registry's remote origins, no plugins, no foreign base or form targets. Styles may be
 * inline: widgets adopt theirs into their roots at run time.
 */
export function pageSecurityPolicy(remoteOrigins: string[], frameAncestors: string): string {
  const remotes = remoteOrigins.join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' ${remotes}`.trim(),
    `connect-src 'self' ${remotes}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/**
 * In `pnpm start`, the BFF serves the built front ends itself: each remote at /remotes/<name>/
 * (any origin may load them: CORS *), embed.js and its host at /embed.js and /embed/, and the
 * marketer console at /console/, the demo shell at /. In production these are static files a CDN would serve the same way.
 */
export function staticRoutes({ widgets, shellDir, consoleDir, embedDir }: StaticRoots, remoteOrigins: string[] = []) {
  const app = new Hono();
  const policy = (frameAncestors: string) => pageSecurityPolicy(remoteOrigins, frameAncestors);
  for (const widget of widgets) {
    if (!existsSync(widget.distDir)) continue;
    const prefix = `/remotes/${widget.name}`;
    app.use(`${prefix}/*`, async (c, next) => {
      await next();
      c.header('access-control-allow-origin', '*');
    });
    app.use(`${prefix}/*`, serveStatic({ root: widget.distDir, rewriteRequestPath: (path) => path.slice(prefix.length) }));
  }
  if (existsSync(embedDir)) {
    app.use('/embed.js', async (c, next) => {
      await next();
      c.header('access-control-allow-origin', '*');
      // Pages embed this URL forever: short cache so releases reach them within minutes.
      c.header('cache-control', 'public, max-age=300');
    });
    app.use('/embed.js', serveStatic({ path: join(embedDir, 'embed.js') }));
    app.use('/embed/*', async (c, next) => {
      await next();
      c.header('access-control-allow-origin', '*');
      // The page API's declarations are TypeScript, not the MPEG stream `.ts` would say.
      if (c.req.path.endsWith('.d.ts')) c.header('content-type', 'text/plain; charset=utf-8');
    });
    app.use('/embed/*', serveStatic({ root: join(embedDir, 'host'), rewriteRequestPath: (p) => p.slice('/embed'.length) }));
  }
  if (existsSync(consoleDir)) {
    app.get('/console', (c) => c.redirect('/console/', 301));
    app.use('/console/*', async (c, next) => {
      await next();
      // The console changes live experiments: no other site may frame it (clickjacking).
      c.header('x-frame-options', 'DENY');
      c.header('content-security-policy', policy("'none'"));
    });
    app.use('/console/*', serveStatic({ root: consoleDir, rewriteRequestPath: (path) => path.slice('/console'.length) }));
  }
  if (existsSync(shellDir)) {
    app.use('/*', async (c, next) => {
      await next();
      if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('content-security-policy', policy("'self'"));
    });
    app.use('/*', serveStatic({ root: shellDir }));
    // The shell routes with #hash, so only / needs index.html; unknown paths stay 404s.
  }
  return app;
}
