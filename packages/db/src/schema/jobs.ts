import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, type Json, tenantId } from './columns.ts';

export const jobStatus = pgEnum('job_status', ['pending', 'done', 'dead']);
export type JobStatus = (typeof jobStatus.enumValues)[number];

/**
 * Scheduled and delayed work (a reward leaving its hold, later streak expiry and nightly scores).
 * `(tenant_id, key)` is unique, so scheduling the same work twice schedules it once, and a lease
 * taken with SKIP LOCKED runs it on one replica only.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    key: text('key').notNull(),
    payload: jsonb('payload').$type<Json>().notNull().default({}),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    status: jobStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The worker holding the lease, and until when: a crashed worker's lease runs out and another takes over. */
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('jobs_tenant_key').on(t.tenantId, t.key), index('jobs_due').on(t.runAt).where(sql`status = 'pending'`)],
);
