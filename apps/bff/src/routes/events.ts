import { type ApiDeps, authenticateWidgetRequest, EventNotAllowedError, ingestBatch, MessageIdReusedError } from '@flywheel/api';
import { eventBatch, MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from '@flywheel/contracts/events';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { httpError, invalidRequest, widgetAuthError } from '../http-error.ts';
import type { Metrics } from '../metrics.ts';

/**
 * `POST /api/events`: a batch of track / identify / page events in the Segment spec's shape.
 * All-or-nothing and idempotent by messageId. Widgets send the publishable key and the customer
 * token in headers (fetch keepalive on page hide); tenants' servers send their secret key.
 */
export function eventsRoutes(deps: ApiDeps, metrics: Pick<Metrics, 'countIngested'>) {
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
