import { corsFirst } from './headers-first.ts';

/**
 * CORS for routes widgets call from their host pages. Every origin may send and read: what
 * protects a tenant is the per-request check of its own allowed origins
 * (authenticateWidgetRequest), which refuses a page it did not allow. Letting that page read the
 * refusal (`origin_not_allowed`) is what lets embed.js tell its developer what to fix, instead of
 * a browser's opaque CORS error. No cookies travel on these routes, so reading grants nothing.
 */
export function widgetCors() {
  return corsFirst({
    origin: (origin) => origin,
    allowHeaders: ['authorization', 'content-type', 'x-flywheel-key', 'trpc-accept', 'x-trpc-source'],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    maxAge: 600,
  });
}
