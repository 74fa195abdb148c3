import { type Db, schema } from '@flywheel/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { WORK_CHANNEL } from './platform.ts';

export type DeadLetterFilter = { tenantId?: string | undefined; reaction?: string | undefined; ids?: number[] | undefined };

const where = (filter: DeadLetterFilter) =>
  and(
    eq(schema.deliveries.status, 'dead'),
    filter.tenantId ? eq(schema.deliveries.tenantId, filter.tenantId) : undefined,
    filter.reaction ? eq(schema.deliveries.reaction, filter.reaction) : undefined,
    filter.ids ? inArray(schema.deliveries.id, filter.ids) : undefined,
  );

/** Deliveries that ran out of attempts, newest first, with the error and the event they were for. */
export async function listDeadLetters(db: Db, filter: DeadLetterFilter, limit = 100) {
  return db
    .select({
      id: schema.deliveries.id,
      reaction: schema.deliveries.reaction,
      attempts: schema.deliveries.attempts,
      lastError: schema.deliveries.lastError,
      receivedAt: schema.deliveries.createdAt,
      event: schema.events.event,
      messageId: schema.events.messageId,
      userId: schema.events.userId,
    })
    .from(schema.deliveries)
    .innerJoin(schema.events, eq(schema.events.id, schema.deliveries.eventId))
    .where(where(filter))
    .orderBy(desc(schema.deliveries.id))
    .limit(limit);
}

/**
 * Puts dead letters back in line with fresh attempts: all of a tenant's, one reaction's, or the
 * given deliveries. Resolves to how many were requeued; the worker handles each once.
 */
export async function replayDeadLetters(db: Db, filter: DeadLetterFilter): Promise<number> {
  const requeued = await db
    .update(schema.deliveries)
    .set({ status: 'pending', attempts: 0, runAfter: sql`now()`, lockedBy: null, lockedUntil: null })
    .where(where(filter))
    .returning({ id: schema.deliveries.id });
  if (requeued.length > 0) await db.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`);
  return requeued.length;
}
