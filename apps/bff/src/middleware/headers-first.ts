import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';

type CORSOptions = NonNullable<Parameters<typeof cors>[0]>;
type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/*
 * Hono's secureHeaders() sets its headers after the handler has answered, and its cors() reads
 * `c.res` before the handler runs. Either makes Hono copy every response (a new Response whose
 * body is re-read through a web stream) instead of letting @hono/node-server write the handler's
 * body as it is: /api/features answered 0.20× as many requests as a bare node:http server sending
 * the same bytes (`pnpm --filter @flywheel/e2e bench:http`). The two middlewares below send the
 * same headers, set before the handler, into the response it makes.
 */

/**
 * secureHeaders() with these options, its headers learned once from secureHeaders() itself on a
 * bare response (without a CSP nonce they depend on the options only, never on the request). A
 * header the handler sets itself (the console's `x-frame-options: DENY`) wins.
 */
export function securityHeadersFirst(options: SecureHeadersOptions): MiddlewareHandler {
  const probe = new Hono().use(secureHeaders(options)).get('/', (c) => c.body(null));
  let learning: Promise<[string, string][]> | undefined;
  let headers: [string, string][] | undefined;
  return async function securityHeaders(c, next) {
    if (!headers) {
      learning ??= Promise.resolve(probe.request('/')).then((response) => [...response.headers]);
      headers = await learning;
    }
    for (const [name, value] of headers) c.header(name, value);
    await next();
  };
}

/** cors() with these options: preflights answered by cors() itself, every other request's headers set before the handler. */
export function corsFirst(options: CORSOptions): MiddlewareHandler {
  const preflight = cors(options);
  const { origin = '*', credentials, exposeHeaders } = options;
  const exposed = exposeHeaders?.length ? exposeHeaders.join(',') : undefined;
  return async function corsHeaders(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const requestOrigin = c.req.header('origin') ?? '';
    const allowed =
      typeof origin === 'function'
        ? await origin(requestOrigin, c)
        : origin === '*'
          ? '*'
          : (typeof origin === 'string' ? [origin] : origin).includes(requestOrigin)
            ? requestOrigin
            : null;
    if (allowed) c.header('access-control-allow-origin', allowed);
    if (credentials) c.header('access-control-allow-credentials', 'true');
    if (exposed) c.header('access-control-expose-headers', exposed);
    // The answer depends on the page's origin unless every origin gets the same one.
    if (origin !== '*') c.header('vary', 'Origin', { append: true });
    await next();
  };
}
