import type { CustomerSegments } from '@flywheel/contracts/flag-attributes';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, customerRef, type Json, tenantId } from './columns.ts';

/** An end customer of a tenant, known by the id the tenant's own product uses (`sub` in the token). */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    externalId: text('external_id').notNull(),
    email: text('email'),
    name: text('name'),
    traits: jsonb('traits').$type<Json>().notNull().default({}),
    /**
     * What Flywheel computes about the customer (tier, value band, health band, NPS group): the
     * insights domain writes it through the customers domain; evaluations read it with the traits.
     */
    segments: jsonb('segments').$type<CustomerSegments>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customers_tenant_external_id').on(t.tenantId, t.externalId)],
);

/**
 * Anonymous ids (a browser, a referral link's visitor cookie) stitched to customers by
 * `identify`. One device may belong to several customers (a shared laptop, or someone signing up
 * a second account), which is what the same-device fraud rule looks for.
 */
export const customerAliases = pgTable(
  'customer_aliases',
  {
    tenantId: tenantId(),
    anonymousId: text('anonymous_id').notNull(),
    customerId: customerRef('customer_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.anonymousId, t.customerId] }),
    index('customer_aliases_tenant_customer').on(t.tenantId, t.customerId),
  ],
);
