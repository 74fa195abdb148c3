import { type ApiDeps, authenticateWidgetRequest } from '@flywheel/api';
import { Hono } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { httpError, widgetAuthError } from '../http-error.ts';
import type { ClientAddress } from '../remote-address.ts';

/** New visitor ids one client address may get per hour: a device needs one (it keeps it), but offices and mobile carriers put thousands behind one address. */
export const ANONYMOUS_IDS_PER_CLIENT_PER_HOUR = 1000;

/**
 * `POST /api/anonymous-ids`: a new visitor id for this tenant, signed, which the widget kit keeps
 * in the browser's storage and sends with every event. Events from browsers must carry one the BFF
 * issued, and one client address gets a bounded number, so results cannot be filled with made-up
 * visitors.
 */
export function anonymousIdRoutes(deps: Pick<ApiDeps, 'tenants' | 'anonymousIds'>, clientAddress: ClientAddress, perHour?: number) {
  return new Hono().post(
    '/',
    rateLimiter({
      windowMs: 3_600_000,
      limit: perHour ?? ANONYMOUS_IDS_PER_CLIENT_PER_HOUR,
      standardHeaders: 'draft-7',
      keyGenerator: (c) => `anonymous-ids:${clientAddress(c)}`,
      handler: (c) => httpError(c, 429, 'rate_limited', 'Too many new visitor ids from this network; keep the one you have.'),
    }),
    async (c) => {
      const auth = await authenticateWidgetRequest(deps.tenants, c.req.raw.headers, c.req.url);
      if (auth.status !== 'ok') return widgetAuthError(c, auth);
      return c.json({ anonymousId: deps.anonymousIds.issue(auth.tenant.id) }, 201, { 'cache-control': 'no-store' });
    },
  );
}
