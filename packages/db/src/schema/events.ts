import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, type Json, tenantId } from './columns.ts';

export const eventType = pgEnum('event_type', ['track', 'identify', 'page']);

/**
 * Who sent an event: a customer's widget (token), an anonymous visitor, the tenant's server
 * (secret key) or a Flywheel domain (`emit`). Reactions run after the request is gone, so trust is
 * stored with the event: only `server` and `domain` events may move money or spendable points.
 */
export const eventProducer = pgEnum('event_producer', ['customer', 'anonymous', 'server', 'domain']);
export type EventProducer = (typeof eventProducer.enumValues)[number];

/**
 * Every event, in the Segment spec's shape: the tenant's, the widgets', and those the domains
 * record with `emit()`. A message id is unique per tenant and sender (the tenant's server,
 * Flywheel's domains, or browsers), which is what makes ingestion idempotent without letting one
 * sender spend another's ids: a customer cannot send the id the server's refund will use and so
 * make that refund a "duplicate". A browser keeps its ids across signing in (anonymous and
 * customer are one sender). Identify traits are stored in `properties`.
 */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    messageId: text('message_id').notNull(),
    type: eventType('type').notNull(),
    producer: eventProducer('producer').notNull().default('customer'),
    /** The track event name, or the page name. */
    event: text('event'),
    /** The tenant's customer id (`sub`), when known. */
    userId: text('user_id'),
    anonymousId: text('anonymous_id'),
    properties: jsonb('properties').$type<Json>().notNull().default({}),
    context: jsonb('context').$type<Json>().notNull().default({}),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_tenant_sender_message_id').on(
      t.tenantId,
      // The sender: browsers (anonymous or signed in) 0, the tenant's server 1, Flywheel's domains 2.
      sql`(case when ${t.producer} in ('customer', 'anonymous') then 0 when ${t.producer} = 'server' then 1 else 2 end)`,
      t.messageId,
    ),
    index('events_tenant_event_timestamp').on(t.tenantId, t.event, t.timestamp),
    index('events_tenant_user_id').on(t.tenantId, t.userId),
  ],
);

export const deliveryStatus = pgEnum('delivery_status', ['pending', 'done', 'dead']);
export type DeliveryStatus = (typeof deliveryStatus.enumValues)[number];

/**
 * One row per (reaction, event), written in the transaction that stores the event: the unique
 * key is what makes every event reach every matching reaction exactly once. `subject` orders
 * deliveries: a reaction sees one subject's events (usually one customer's) in event order.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    reaction: text('reaction').notNull(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    status: deliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    /** The worker holding the lease, and until when: a crashed worker's lease runs out and another takes over. */
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deliveries_reaction_event').on(t.reaction, t.eventId),
    index('deliveries_due').on(t.runAfter).where(sql`status = 'pending'`),
    index('deliveries_subject_order').on(t.tenantId, t.reaction, t.subject, t.id).where(sql`status = 'pending'`),
    index('deliveries_dead').on(t.tenantId, t.reaction).where(sql`status = 'dead'`),
  ],
);
