import { createHash } from 'node:crypto';
import { idempotencyHeaders } from '@flywheel/contracts/rest';
import { type Db, schema } from '@flywheel/db';
import { and, eq, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { httpError, invalidRequest } from '../../http-error.ts';
import type { RestEnv } from './auth.ts';

/** How long a key is remembered: a retry later than this runs as a new request. */
const KEY_LIFETIME = sql`interval '24 hours'`;

/**
 * `Idempotency-Key` on POSTs, as Stripe does it: the first request with a key claims it (one row
 * per tenant and key, so of two racing retries only one runs), and its response is stored; a
 * retry gets that response back, marked `Idempotent-Replayed: true`, and writes nothing. The same
 * key with another request is a 422; while the first still runs, a 409. A 5xx is not stored, so
 * the retry runs again.
 */
export function idempotency(db: Db): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const header = idempotencyHeaders.safeParse({ 'idempotency-key': c.req.header('idempotency-key') });
    if (!header.success) return invalidRequest(c, header.error);
    const key = header.data['idempotency-key'];
    if (key === undefined) return next();

    const tenantId = c.get('tenant').id;
    const request = `${c.req.method} ${c.req.path}`;
    const requestDigest = createHash('sha256')
      .update(await c.req.text())
      .digest('hex');
    const k = schema.apiIdempotencyKeys;
    const [claimed] = await db
      .insert(k)
      .values({ tenantId, key, request, requestDigest })
      .onConflictDoUpdate({
        target: [k.tenantId, k.key],
        set: { request, requestDigest, status: null, response: null, createdAt: sql`now()`, completedAt: null },
        setWhere: sql`${k.createdAt} < now() - ${KEY_LIFETIME}`,
      })
      .returning({ key: k.key });

    if (!claimed) {
      const [first] = await db
        .select()
        .from(k)
        .where(and(eq(k.tenantId, tenantId), eq(k.key, key)));
      if (!first || first.request !== request || first.requestDigest !== requestDigest) {
        return httpError(
          c,
          422,
          'idempotency_key_reused',
          'idempotency-key: was used with a different request; use a new key per operation.',
        );
      }
      if (first.status === null) {
        c.header('retry-after', '1');
        return httpError(
          c,
          409,
          'idempotency_key_in_use',
          'idempotency-key: the first request with this key is still running; retry shortly.',
        );
      }
      c.header('idempotent-replayed', 'true');
      return c.json(first.response, first.status as ContentfulStatusCode);
    }

    const release = () => db.delete(k).where(and(eq(k.tenantId, tenantId), eq(k.key, key)));
    try {
      await next();
    } catch (error) {
      await release();
      throw error;
    }
    if (c.res.status >= 500 || !c.res.headers.get('content-type')?.includes('application/json')) {
      await release();
      return;
    }
    const response: unknown = await c.res.clone().json();
    await db
      .update(k)
      .set({ status: c.res.status, response, completedAt: sql`now()` })
      .where(and(eq(k.tenantId, tenantId), eq(k.key, key)));
  };
}
