import { type ApiDeps, authenticateWidgetRequest, EventNotAllowedError, ingestBatch, MessageIdReusedError } from '@flywheel/api';
import { eventBatch, MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from '@flywheel/contracts/events';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { httpError, invalidRequest, widgetAuthError } from '../http-error.ts';
import type { Metrics } from '../metrics.ts';
import { rateWindow } from '../rate-window.ts';
import type { ClientAddress } from '../remote-address.ts';

export type EventLimits = {
  /** Batches one client address may send from browsers per minute (a page sends one every 2 s at most). */
  requestsPerClientPerMinute: number;
  /** Events one visitor or customer may send from browsers per minute, across requests and replicas' own counts. */
  eventsPerUnitPerMinute: number;
};

export const EVENT_LIMITS: EventLimits = { requestsPerClientPerMinute: 600, eventsPerUnitPerMinute: 300 };

/**
 * `POST /api/events`: a batch of track / identify / page events in the Segment spec's shape.
 * All-or-nothing and idempotent by messageId. Widgets send the publishable key and the customer
 * token in headers (fetch keepalive on page hide); tenants' servers send their secret key.
 * Browsers are rate-limited per client address and per unit (the visitor or customer the events
 * are about), so one script cannot flood results; the tenant's server is not.
 */
export function eventsRoutes(
  deps: ApiDeps,
  metrics: Pick<Metrics, 'countIngested'>,
  clientAddress: ClientAddress,
  limits: EventLimits = EVENT_LIMITS,
) {
  const perClient = rateWindow(60_000, limits.requestsPerClientPerMinute);
  const perUnit = rateWindow(60_000, limits.eventsPerUnitPerMinute);
  return new Hono().post(
    '/',
    bodyLimit({
      maxSize: MAX_BATCH_BYTES,
      onError: (c) =>
        httpError(c, 413, 'payload_too_large', `A batch may be at most ${MAX_BATCH_BYTES} bytes; send fewer events per request.`),
    }),
    async (c) => {
      const auth = await authenticateWidgetRequest(deps.tenants, c.req.raw.headers, c.req.url);
      if (auth.status !== 'ok') return widgetAuthError(c, auth);
      const fromBrowser = auth.caller.kind !== 'server';
      if (fromBrowser) {
        const client = perClient.take(`${auth.tenant.id}:${clientAddress(c)}`);
        if (!client.allowed) {
          c.header('retry-after', String(client.retryAfterSeconds));
          return httpError(c, 429, 'rate_limited', 'Too many event batches from this network; retry after the Retry-After header.');
        }
      }

      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return httpError(c, 400, 'invalid_json', 'body: is not valid JSON.');
      }
      const batch = (body as { batch?: unknown } | null)?.batch;
      if (Array.isArray(batch) && batch.length > MAX_BATCH_EVENTS) {
        return httpError(c, 413, 'payload_too_large', `A batch may hold at most ${MAX_BATCH_EVENTS} events; send more requests.`);
      }
      const parsed = eventBatch.safeParse(body);
      if (!parsed.success) return invalidRequest(c, parsed.error);
      if (fromBrowser) {
        const unitOf = (event: (typeof parsed.data.batch)[number]) =>
          auth.caller.kind === 'customer' ? `user:${auth.caller.claims.sub}` : `anonymous:${event.anonymousId}`;
        const counts = new Map<string, number>();
        for (const event of parsed.data.batch) counts.set(unitOf(event), (counts.get(unitOf(event)) ?? 0) + 1);
        for (const [unit, hits] of counts) {
          const taken = perUnit.take(`${auth.tenant.id}:${unit}`, hits);
          if (!taken.allowed) {
            c.header('retry-after', String(taken.retryAfterSeconds));
            return httpError(
              c,
              429,
              'rate_limited',
              `More than ${limits.eventsPerUnitPerMinute} events a minute for one ${unit.startsWith('user:') ? 'customer' : 'visitor'}; the rest of this minute's are refused.`,
            );
          }
        }
      }

      try {
        const result = await ingestBatch(deps, auth.tenant.id, auth.caller, parsed.data.batch);
        metrics.countIngested(result.accepted);
        return c.json(result);
      } catch (error) {
        if (error instanceof EventNotAllowedError) return httpError(c, 403, 'forbidden', error.message);
        if (error instanceof MessageIdReusedError) return httpError(c, 409, 'message_id_reused', error.message);
        throw error;
      }
    },
  );
}
