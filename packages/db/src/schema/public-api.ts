import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from './columns.ts';

/**
 * The public REST API's `Idempotency-Key`s: a tenant's server retries a POST with the same key
 * and gets the first response back, unchanged, instead of a second write. The row is claimed
 * (status null) before the request runs, so two racing retries cannot both run it.
 */
export const apiIdempotencyKeys = pgTable(
  'api_idempotency_keys',
  {
    tenantId: tenantId(),
    key: text('key').notNull(),
    /** `POST /api/v1/...` and a SHA-256 of the body: the same key with another request is refused. */
    request: text('request').notNull(),
    requestDigest: text('request_digest').notNull(),
    /** Null while the first request is still running. */
    status: integer('status'),
    response: jsonb('response').$type<unknown>(),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), index('api_idempotency_keys_age').on(t.createdAt)],
);
