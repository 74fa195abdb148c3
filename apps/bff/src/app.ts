import { type ApiDeps, appRouter, backlogOf, createContext, type LiveHub } from '@flywheel/api';
import { type Database, isDatabaseUnavailable } from '@flywheel/db';
import { trpcServer } from '@hono/trpc-server';
import { TRPCError } from '@trpc/server';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { rateLimiter } from 'hono-rate-limiter';
import type { Logger } from 'pino';
import { httpError } from './http-error.ts';
import type { Metrics } from './metrics.ts';
import { securityHeadersFirst } from './middleware/headers-first.ts';
import { requestLog } from './middleware/request-log.ts';
import { widgetCors } from './middleware/widget-cors.ts';
import { clientAddressResolver } from './remote-address.ts';
import { anonymousIdRoutes } from './routes/anonymous-ids.ts';
import { badgeRoutes } from './routes/badges.ts';
import { demoRoutes } from './routes/demo.ts';
import { embedCheckRoutes } from './routes/embed-check.ts';
import { type EventLimits, eventsRoutes } from './routes/events.ts';
import { featuresRoutes, type StreamTiming } from './routes/features.ts';
import { liveRoutes } from './routes/live.ts';
import { referralLinkRoutes } from './routes/referral-links.ts';
import { remotesRoutes } from './routes/remotes.ts';
import { type RestOptions, restApi } from './routes/rest/api.ts';
import { docsRoutes } from './routes/rest/docs.ts';
import { ugcRoutes } from './routes/ugc.ts';
import { valueReportRoutes } from './routes/value-reports.ts';
import { type StaticRoots, staticRoutes } from './web/static.ts';
import { type RegistrySource, remoteOrigins } from './web/widgets.ts';

export type AppDeps = {
  database: Database;
  api: ApiDeps;
  logger: Logger;
  metrics: Metrics;
  /** `/metrics` needs `Authorization: Bearer <token>` when set; production serves it only then. */
  metricsToken?: string | undefined;
  /** /readyz reports `degraded` when the oldest due reaction or job has waited longer than this. */
  maxLagSeconds?: number;
  streamTiming?: StreamTiming;
  /** Customers' live streams: this process's share of the live channel (LISTEN started by the caller). */
  live: LiveHub;
  liveTiming?: StreamTiming;
  /** The public REST API's rate limit (tests lower it). */
  rest?: RestOptions;
  /** Browsers' event limits per client address and per unit (tests lower them). */
  eventLimits?: EventLimits;
  /** New anonymous ids one client address may get per hour (tests lower it). */
  anonymousIdsPerClientPerHour?: number;
  /** Failed console sign-ins one client address may make in 15 minutes (tests lower it). */
  signInFailuresPerClient?: number;
  /** The reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); none by default. */
  trustedProxies?: string[];
  web?: {
    registry: RegistrySource;
    /** The built front ends to serve (`pnpm start`); absent in `pnpm dev`, where dev servers do. */
    static?: StaticRoots;
    /** The BFF's public origin when it sits behind a proxy; otherwise the request's own. */
    publicUrl?: string;
  };
};

/** What a client waits before retrying while the database is unavailable. */
const RETRY_AFTER_SECONDS = '5';
const READY_TIMEOUT_MS = 2_000;
const MAX_BATCH_CALLS = 20;
/** Failed console sign-ins one client address may make in 15 minutes, across every account it tries. */
const SIGN_IN_FAILURES_PER_CLIENT = 30;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The whole BFF as a Hono app, with no port and no process state: `src/index.ts` listens,
 * tests call `app.request()`.
 */
export function createApp(deps: AppDeps) {
  const { api, database, logger, metrics } = deps;
  const maxLagSeconds = deps.maxLagSeconds ?? 300;
  const clientAddress = clientAddressResolver(deps.trustedProxies ?? []);
  const app = new Hono();

  app.use(requestId());
  // Every response: no MIME sniffing, no framing by other sites, referrers only to this origin.
  // Cross-origin resource and opener policies stay off: remotes, embed.js and its host are loaded
  // by tenants' pages on other origins.
  app.use(
    securityHeadersFirst({
      crossOriginResourcePolicy: false,
      crossOriginOpenerPolicy: false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      strictTransportSecurity: api.isProduction ? 'max-age=15552000; includeSubDomains' : false,
    }),
  );
  app.use(metrics.middleware());
  app.use(requestLog(logger));
  app.onError((error, c) => {
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, path: c.req.path }, 'database unavailable');
      c.header('retry-after', RETRY_AFTER_SECONDS);
      return httpError(c, 503, 'unavailable', 'The service is briefly unavailable; try again in a few seconds.');
    }
    logger.error({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return httpError(c, 500, 'internal', `Something went wrong on our side (request ${c.get('requestId')}).`);
  });
  app.notFound((c) => httpError(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      // Answers within READY_TIMEOUT_MS: a hanging database is a not-ready replica, not a hanging probe.
      await withTimeout(database.ping(), READY_TIMEOUT_MS);
      // Lagging background work does not make this replica unfit for requests: degraded, still 200.
      const lagging = (await withTimeout(backlogOf(api.db), READY_TIMEOUT_MS)).filter((row) => row.lagSeconds > maxLagSeconds);
      if (lagging.length > 0) {
        return c.json({
          status: 'degraded',
          database: database.driver,
          lagging: lagging.map(({ kind, name, lagSeconds }) => ({ kind, name, lagSeconds })),
        });
      }
      // Serving flags from a fallback is degraded too: widgets work, but not with what marketers set.
      const flags = api.flags.source.degradation?.();
      if (flags) return c.json({ status: 'degraded', database: database.driver, flags });
      return c.json({ status: 'ready', database: database.driver });
    } catch (error) {
      logger.warn({ err: error }, 'database not reachable');
      return c.json({ status: 'unavailable', database: database.driver }, 503);
    }
  });

  app.get('/metrics', async (c) => {
    if (deps.metricsToken ? c.req.header('authorization') !== `Bearer ${deps.metricsToken}` : api.isProduction) {
      return httpError(c, 401, 'unauthenticated', 'Send the METRICS_TOKEN as a bearer token.');
    }
    return c.body(await metrics.render(), 200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  });

  app.use('/trpc/*', widgetCors());
  // Per client, on top of the per-account lock: one address guessing many accounts' passwords is
  // stopped too, before its scrypt runs fill the hashing queue. Only failures count.
  app.use(
    '/trpc/:paths',
    rateLimiter({
      windowMs: 15 * 60_000,
      limit: deps.signInFailuresPerClient ?? SIGN_IN_FAILURES_PER_CLIENT,
      standardHeaders: 'draft-7',
      skipSuccessfulRequests: true,
      skip: (c) => !c.req.param('paths')?.split(',').includes('console.auth.signIn'),
      keyGenerator: (c) => `sign-in:${clientAddress(c)}`,
      handler: (c) =>
        c.json(
          {
            error: {
              code: -32029,
              message: 'Too many failed sign-ins from your network. Try again in 15 minutes.',
              data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path: 'console.auth.signIn' },
            },
          },
          429,
        ),
    }),
  );
  // One request, at most MAX_BATCH_CALLS procedure calls: a batch must not multiply one request's cost.
  app.use('/trpc/:paths', async (c, next) => {
    if (c.req.param('paths').split(',').length > MAX_BATCH_CALLS) {
      return httpError(c, 413, 'too_many_calls', `A batch may call at most ${MAX_BATCH_CALLS} procedures; split it.`);
    }
    await next();
  });
  const trpc = trpcServer({
    router: appRouter,
    createContext: async (opts, c) => {
      try {
        return await createContext(api, opts.req, opts.resHeaders, clientAddress(c));
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        throw new TRPCError({
          code: 'SERVICE_UNAVAILABLE',
          message: 'The service is briefly unavailable; try again in a few seconds.',
          cause: error,
        });
      }
    },
    responseMeta: ({ errors }) =>
      errors.some((error) => error.code === 'SERVICE_UNAVAILABLE') ? { headers: new Headers({ 'retry-after': RETRY_AFTER_SECONDS }) } : {},
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error, path }, 'procedure failed');
    },
  });
  app.use('/trpc/*', async (c, next) => {
    // tRPC answers with a Response of its own; made again through the context, it carries the
    // headers the middlewares set before it (CORS, security: middleware/headers-first.ts).
    const response = await trpc(c, next);
    return response ? c.newResponse(response.body, response) : undefined;
  });

  app.route('/', featuresRoutes(api.tenants, api.flags.source, deps.streamTiming ?? { pingMs: 30_000, maxDurationMs: 60_000 }));

  app.use('/api/events', widgetCors());
  app.route('/api/events', eventsRoutes(api, metrics, clientAddress, deps.eventLimits));
  app.use('/api/anonymous-ids', widgetCors());
  app.route('/api/anonymous-ids', anonymousIdRoutes(api, clientAddress, deps.anonymousIdsPerClientPerHour));

  app.use('/api/live', widgetCors());
  app.route('/api/live', liveRoutes(api, deps.live, deps.liveTiming ?? { pingMs: 25_000, maxDurationMs: 300_000 }));

  app.route('/api/v1', restApi(api, deps.rest));
  app.route('/api/docs', docsRoutes());

  app.route('/r', referralLinkRoutes(api.db, clientAddress, deps.web?.publicUrl));
  app.route('/', badgeRoutes(api, deps.web?.publicUrl));
  app.route('/v', valueReportRoutes(api));
  app.use('/api/ugc/*', widgetCors());
  app.route('/', ugcRoutes(api));

  if (!api.isProduction) {
    app.route('/demo', demoRoutes(api));
  }
  if (deps.web) {
    app.route('/api/embed/check', embedCheckRoutes(api, deps.web.registry));
    app.route('/api/remotes', remotesRoutes(deps.web.registry, deps.web.publicUrl));
    if (deps.web.static) app.route('/', staticRoutes(deps.web.static, remoteOrigins(deps.web.registry)));
  }

  return app;
}

export type App = ReturnType<typeof createApp>;
