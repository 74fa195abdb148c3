import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';
import { tenants } from './tenants.ts';

// Function declarations, not arrow constants: the domain files and this one import each other, and
// hoisted functions can be called while the cycle is still being evaluated.

export type Json = Record<string, unknown>;

export function createdAt() {
  return timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
}

/** Every tenant-owned row: deleting a tenant deletes its data. */
export function tenantId() {
  return uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });
}

/** A reference to a customer; their rows go with them. */
export function customerRef(column: string) {
  return uuid(column)
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' });
}
