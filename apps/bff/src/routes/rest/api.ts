import { type ApiDeps, EventNotAllowedError, ingestBatch, MessageIdReusedError, publicApi } from '@flywheel/api';
import { MAX_BATCH_BYTES } from '@flywheel/contracts/events';
import { OpenAPIHono } from '@hono/zod-openapi';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { rateLimiter } from 'hono-rate-limiter';
import { httpError, invalidRequest } from '../../http-error.ts';
import { type RestEnv, secretKeyAuth } from './auth.ts';
import { idempotency } from './idempotency.ts';
import * as routes from './routes.ts';

export type RestOptions = {
  /** Requests per key per minute; each replica counts its own (decision 018). */
  requestsPerMinute?: number;
};

export const OPENAPI_INFO = {
  title: 'Flywheel REST API',
  version: '1.0.0',
  description:
    'For your servers: customers, events, points, rewards, referrals, badges, success plans and submissions. Authenticate with your secret key (`Authorization: Bearer sk_…`); never send it from a browser. Lists page with `cursor`/`nextCursor`; POSTs take an `Idempotency-Key`; each key may make a limited number of requests a minute (see the `RateLimit` headers). Errors have one shape: `error` (a code), `message` (naming the field) and, for invalid input, `issues`.',
};

/** Domain errors (the services throw tRPC's) in the REST API's error shape. */
function domainError(c: Context, error: unknown) {
  if (error instanceof EventNotAllowedError) return httpError(c, 403, 'forbidden', error.message);
  if (error instanceof MessageIdReusedError) return httpError(c, 409, 'message_id_reused', error.message);
  if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') throw error;
  const status = getHTTPStatusCodeFromError(error) as ContentfulStatusCode;
  return httpError(c, status, error.code.toLowerCase(), error.message);
}

/** A 404 in the error shape, typed with its status so each route's declared responses check it. */
const notFound = (c: Context, error: string, message: string) => c.json({ error, message }, 404);
const customerNotFound = (c: Context, id: string) => notFound(c, 'customer_not_found', `customerId: no customer ${id} in this tenant.`);

/**
 * `/api/v1`: the public REST API, one OpenAPIHono app whose routes (routes.ts) are both the
 * validation and the OpenAPI document (`/api/v1/openapi.json`).
 */
export function restApi(deps: ApiDeps, options: RestOptions = {}) {
  const app = new OpenAPIHono<RestEnv>({
    defaultHook: (result, c) => (result.success ? undefined : invalidRequest(c, result.error)),
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Your secret key (sk_test_… or sk_live_…), from `pnpm flywheel tenant create` or a rotation in Console → Settings.',
  });
  app.doc31('/openapi.json', { openapi: '3.1.0', info: OPENAPI_INFO, servers: [{ url: '/api/v1' }] });

  app.use('/customers/*', secretKeyAuth(deps.tenants));
  app.use('/events', secretKeyAuth(deps.tenants));
  app.use('/submissions', secretKeyAuth(deps.tenants));
  app.use(
    '*',
    rateLimiter<RestEnv>({
      windowMs: 60_000,
      limit: options.requestsPerMinute ?? 600,
      standardHeaders: 'draft-7',
      // openapi.json is public; everything else has a tenant by now.
      skip: (c) => c.get('tenant') === undefined,
      keyGenerator: (c) => c.get('tenant').id,
      handler: (c) =>
        httpError(c, 429, 'rate_limited', 'Too many requests for this key: wait until the RateLimit header says it resets, then retry.'),
    }),
  );
  // Before anything reads a body (the idempotency key's digest does): a batch is the largest there is.
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BATCH_BYTES,
      onError: (c) =>
        httpError(c, 413, 'payload_too_large', `A request body may be at most ${MAX_BATCH_BYTES} bytes; send fewer events per batch.`),
    }),
  );
  app.use('*', idempotency(deps.db));
  app.onError((error, c) => domainError(c, error));

  /** The customer a path names, or a 404 answer. */
  const customerOf = async (c: Context<RestEnv>, id: string) => publicApi.findCustomer(deps.db, c.get('tenant').id, id);

  app.openapi(routes.getCustomer, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await publicApi.customerById(deps.db, c.get('tenant').id, customerId);
    return customer ? c.json(customer, 200) : customerNotFound(c, customerId);
  });

  app.openapi(routes.putCustomer, async (c) => {
    const { customerId } = c.req.valid('param');
    return c.json(await publicApi.putCustomer(deps.db, c.get('tenant').id, customerId, c.req.valid('json')), 200);
  });

  app.openapi(routes.deleteCustomer, async (c) => {
    const { customerId } = c.req.valid('param');
    const erased = await publicApi.eraseCustomer(deps, c.get('tenant').id, customerId);
    return erased ? c.json(erased, 200) : customerNotFound(c, customerId);
  });

  app.openapi(routes.postEvents, async (c) => {
    const { batch } = c.req.valid('json');
    return c.json(await ingestBatch(deps, c.get('tenant').id, { kind: 'server' }, batch), 200);
  });

  app.openapi(routes.getPoints, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    return c.json(await publicApi.pointsBalance(deps.db, customer.tenantId, customer.id), 200);
  });

  app.openapi(routes.getPointsHistory, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    return c.json(await publicApi.pointsHistory(deps.db, customer.tenantId, customer.id, c.req.valid('query')), 200);
  });

  app.openapi(routes.postPointsAdjustment, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    const { amount, reason } = c.req.valid('json');
    const balance = await publicApi.adjustPoints(deps.db, {
      tenantId: customer.tenantId,
      customerId: customer.id,
      amount,
      reason,
      // The idempotency key, when sent, also keys the ledger entry: a replay cannot post twice.
      key: `api:${c.req.header('idempotency-key') ?? crypto.randomUUID()}`,
      adjustedBy: null,
    });
    return c.json(balance, 200);
  });

  app.openapi(routes.getRewards, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    return c.json({ items: await publicApi.rewardsOf(deps.db, customer.tenantId, customer.id) }, 200);
  });

  app.openapi(routes.getReferrals, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    return c.json({ items: await publicApi.referralsBy(deps.db, customer.tenantId, customer.id) }, 200);
  });

  app.openapi(routes.getBadges, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    return c.json({ items: await publicApi.awardsOf(deps.db, customer.tenantId, customer.id) }, 200);
  });

  app.openapi(routes.postBadge, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    const input = c.req.valid('json');
    return c.json(await publicApi.awardBySlug(deps, { tenantId: customer.tenantId, customerId: customer.id, ...input }), 200);
  });

  app.openapi(routes.deleteBadge, async (c) => {
    const { customerId, awardId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    const revoked = await publicApi.revokeAward(deps, { tenantId: customer.tenantId, customerId: customer.id, awardId });
    return revoked ? c.json(revoked, 200) : notFound(c, 'award_not_found', `awardId: ${customerId} has no award ${awardId}.`);
  });

  app.openapi(routes.getSuccessPlan, async (c) => {
    const { customerId } = c.req.valid('param');
    const customer = await customerOf(c, customerId);
    if (!customer) return customerNotFound(c, customerId);
    const plan = await publicApi.successPlanOf(deps.db, customer.tenantId, customer);
    return plan ? c.json(plan, 200) : notFound(c, 'plan_not_found', `customerId: ${customerId} has no success plan yet.`);
  });

  app.openapi(routes.getSubmissions, async (c) => {
    const origin = deps.publicUrl ?? new URL(c.req.url).origin;
    return c.json(await publicApi.submissionsPage(deps.db, c.get('tenant').id, c.req.valid('query'), origin), 200);
  });

  return app;
}
