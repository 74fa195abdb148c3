import { bigint, boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from './columns.ts';

export const webhookEndpointStatus = pgEnum('webhook_endpoint_status', ['enabled', 'disabled']);

/** A tenant's URL that receives Flywheel's events, signed per the Standard Webhooks specification. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    url: text('url').notNull(),
    /** Event names delivered here; `*` for every domain event. */
    eventTypes: text('event_types').array().notNull(),
    /** `whsec_…` encrypted with TENANT_SECRETS_KEY; shown once, at creation. */
    secretCiphertext: text('secret_ciphertext').notNull(),
    status: webhookEndpointStatus('status').notNull().default('enabled'),
    /** Why it was disabled (too many failures in a row), for the console's notice. */
    disabledReason: text('disabled_reason'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('webhook_endpoints_tenant_url').on(t.tenantId, t.url)],
);

/** Every attempt to deliver a webhook: what was sent where, and what came back. Never updated. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** `webhook-id`: the same on every retry of one message, so the receiver can deduplicate. */
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    attempt: integer('attempt').notNull(),
    succeeded: boolean('succeeded').notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_attempts_endpoint').on(t.endpointId, t.id)],
);
