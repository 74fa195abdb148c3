import { createHash } from 'node:crypto';
import type { PayloadSource, TenantDirectory } from '@flywheel/api';
import { Hono } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { corsFirst } from '../middleware/headers-first.ts';

export type StreamTiming = {
  /** Keep-alive comment interval (GrowthBook's proxy: 30 s). */
  pingMs: number;
  /** Streams end after this long; the SDK reconnects after `retry` (proxy: 60 s). */
  maxDurationMs: number;
};

/**
 * Keeps a server-sent stream open with keep-alive pings until the client goes away or its
 * maximum duration is over (clients reconnect), then runs `cleanup`.
 */
export async function holdStream(stream: SSEStreamingApi, timing: StreamTiming, cleanup: () => void) {
  const ping = setInterval(() => void stream.writeSSE({ data: '' }).catch(() => {}), timing.pingMs);
  await new Promise<void>((resolve) => {
    const end = setTimeout(resolve, timing.maxDurationMs);
    stream.onAbort(() => {
      clearTimeout(end);
      resolve();
    });
  });
  clearInterval(ping);
  cleanup();
}

/**
 * The GrowthBook SDK endpoints (GROWTHBOOK.md §1): `GET /api/features/:clientKey` with the payload,
 * and `GET /sub/:clientKey`, the SSE stream GrowthBook's proxy serves, so any official SDK with
 * `apiHost` set to the BFF just works, and open pages update live. The client key is the tenant's
 * publishable key. Public and CORS `*`, as in GrowthBook: payloads hold no customer data.
 */
export function featuresRoutes(tenants: TenantDirectory, payloads: PayloadSource, timing: StreamTiming) {
  const app = new Hono();
  // Scoped to these two paths: mounted at the root, an unscoped `use` would answer `*` for every
  // route registered after it.
  const publicCors = corsFirst({ origin: '*', exposeHeaders: ['x-sse-support'] });
  app.use('/api/features/*', publicCors);
  app.use('/sub/*', publicCors);

  const tenantFor = async (clientKey: string) => (await tenants.byPublishableKey(clientKey))?.id;
  // The body and its ETag, made once per payload (the store keeps one object per version), not
  // once per request: every page load asks for them.
  const encoded = new WeakMap<object, { body: string; etag: string }>();
  const encode = (payload: object) => {
    let hit = encoded.get(payload);
    if (!hit) {
      const body = JSON.stringify({ status: 200, ...payload });
      hit = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      encoded.set(payload, hit);
    }
    return hit;
  };
  const invalidKey = { status: 400, error: 'Invalid API key' };

  app.get('/api/features/:clientKey', async (c) => {
    const tenantId = await tenantFor(c.req.param('clientKey'));
    if (!tenantId) {
      c.header('x-unrecoverable', '1');
      return c.json(invalidKey, 400);
    }
    const { body, etag } = encode(await payloads.payloadFor(tenantId));
    c.header('etag', etag);
    c.header('cache-control', 'no-cache');
    c.header('x-sse-support', 'enabled');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('content-type', 'application/json');
    return c.body(body);
  });

  app.get('/sub/:clientKey', async (c) => {
    const tenantId = await tenantFor(c.req.param('clientKey'));
    if (!tenantId) return c.json(invalidKey, 400);
    return streamSSE(c, async (stream) => {
      let eventId = 0;
      const send = async () => {
        const payload = await payloads.payloadFor(tenantId);
        await stream.writeSSE({ event: 'features', data: JSON.stringify(payload), id: String(++eventId) });
      };
      await stream.write('retry: 10000\n\n');
      // The current payload first: a change between the SDK's fetch and this connection is not lost
      // (the SDK ignores it if dateUpdated is unchanged).
      await send();
      const unsubscribe = payloads.onChange((changed) => {
        if (changed === tenantId) void send().catch(() => {});
      });
      await holdStream(stream, timing, unsubscribe);
    });
  });
  return app;
}
