import { type ApiDeps, authenticateWidgetRequest, type LiveHub } from '@flywheel/api';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { widgetAuthError } from '../http-error.ts';
import { holdStream, type StreamTiming } from './features.ts';

/**
 * `GET /api/live`: the signed-in customer's server-sent stream. It says `changed` whenever a
 * domain records something that customer's widgets show (a friend signed up, a reward was
 * approved), and the page refetches what it has open. It carries only the name of the customer's
 * own domain event (`{"event":"badge_awarded"}`, or null), which the page passes on to its host
 * (`Flywheel.on('badge', …)`); the data itself comes through the usual authenticated procedures. Anonymous visitors get 204 (nothing
 * can change for them), which tells the client not to reconnect.
 */
export function liveRoutes(deps: Pick<ApiDeps, 'tenants'>, hub: LiveHub, timing: StreamTiming) {
  return new Hono().get('/', async (c) => {
    const auth = await authenticateWidgetRequest(deps.tenants, c.req.raw.headers, c.req.url);
    if (auth.status !== 'ok') return widgetAuthError(c, auth);
    if (auth.caller.kind !== 'customer') return c.body(null, 204);
    const { tenant } = auth;
    const userId = auth.caller.claims.sub;
    return streamSSE(c, async (stream) => {
      // Subscribed before `ready`, so nothing committed after the client sees `ready` is missed.
      const unsubscribe = hub.subscribe(
        tenant.id,
        userId,
        (event) => void stream.writeSSE({ event: 'changed', data: JSON.stringify({ event }) }).catch(() => {}),
      );
      await stream.writeSSE({ event: 'ready', data: '' });
      await holdStream(stream, timing, unsubscribe);
    });
  });
}
