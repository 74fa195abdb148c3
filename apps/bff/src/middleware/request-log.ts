import type { MiddlewareHandler } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import type { Logger } from 'pino';

/**
 * One structured line per request: method, path (never the query, which may carry keys),
 * status, duration and request id. Headers are never logged: they carry tokens.
 */
export function requestLog(logger: Logger): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async function requestLogMiddleware(c, next) {
    const started = performance.now();
    await next();
    const line = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (c.res.status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  };
}
