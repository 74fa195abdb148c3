import type { MiddlewareHandler } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import type { Logger } from 'pino';

/** A request that took this long is worth a line even when it succeeded. */
const SLOW_MS = 1000;

/**
 * One structured line per request worth reading: method, path (never the query, which may carry
 * keys), status, duration and request id. Headers are never logged: they carry tokens. Failures
 * (error), refusals (info) and slow requests (warn) are always logged; a quick success only at
 * `debug`: at `info` a line for each of them cost the features endpoint a third of its
 * throughput (`pnpm --filter @flywheel/e2e bench:http`), and /metrics already counts them.
 */
export function requestLog(logger: Logger): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async function requestLogMiddleware(c, next) {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const { status } = c.res;
    const level = status >= 500 ? 'error' : ms >= SLOW_MS ? 'warn' : status >= 400 ? 'info' : 'debug';
    if (!logger.isLevelEnabled(level)) return;
    const line = { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status, ms };
    logger[level](line, status >= 500 ? 'request failed' : ms >= SLOW_MS ? 'slow request' : 'request');
  };
}
