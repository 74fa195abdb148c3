import type { IngestResult, TrackedEvent } from '@flywheel/contracts/events';
import { type Db, schema } from '@flywheel/db';
import { sql } from 'drizzle-orm';
import type { Caller } from '../identity/authenticate.ts';
import { onEventsStored } from '../referral/lifecycle.ts';

/** An event the caller may not send, e.g. for another customer; the route answers 403. */
export class EventNotAllowedError extends Error {
  override name = 'EventNotAllowedError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/**
 * A customer may only speak for themselves, an anonymous visitor only anonymously; the tenant's
 * server (secret key) may speak for anyone. Events without userId get the customer's.
 */
function authorize(events: TrackedEvent[], caller: Caller): TrackedEvent[] {
  return events.map((event, index) => {
    if (caller.kind === 'server') return event;
    if (caller.kind === 'customer') {
      if (event.userId !== undefined && event.userId !== caller.claims.sub) {
        throw new EventNotAllowedError(`batch.${index}.userId`, 'a customer token can only send its own events');
      }
      return { ...event, userId: caller.claims.sub };
    }
    if (event.userId !== undefined) {
      throw new EventNotAllowedError(`batch.${index}.userId`, 'needs a customer token for this user or the secret key');
    }
    return event;
  });
}

/** Segment's reserved identify traits `email` and `name` fill the customer's columns. */
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

function toRow(tenantId: string, event: TrackedEvent, receivedAt: Date) {
  const details =
    event.type === 'track'
      ? { event: event.event, properties: event.properties ?? {} }
      : event.type === 'page'
        ? { event: event.name ?? null, properties: event.properties ?? {} }
        : { event: null, properties: event.traits ?? {} };
  return {
    tenantId,
    messageId: event.messageId,
    type: event.type,
    userId: event.userId ?? null,
    anonymousId: event.anonymousId ?? null,
    context: event.context ?? {},
    timestamp: event.timestamp ? new Date(event.timestamp) : receivedAt,
    receivedAt,
    ...details,
  };
}

/**
 * Stores a batch all-or-nothing, idempotently: a messageId already stored (by an earlier
 * request, a concurrent one, or earlier in the same batch) is skipped, not duplicated. Identify
 * events that are new update the customer's traits and stitch their anonymous id.
 */
export async function ingestBatch(
  db: Db,
  tenantId: string,
  caller: Caller,
  events: TrackedEvent[],
  receivedAt = new Date(),
): Promise<IngestResult> {
  const allowed = authorize(events, caller);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(schema.events)
      .values(allowed.map((event) => toRow(tenantId, event, receivedAt)))
      .onConflictDoNothing({ target: [schema.events.tenantId, schema.events.messageId] })
      .returning({ messageId: schema.events.messageId });
    const fresh = new Set(inserted.map((row) => row.messageId));
    const freshEvents = allowed.filter((event) => fresh.has(event.messageId));

    for (const event of allowed) {
      if (event.type !== 'identify' || !event.userId || !fresh.has(event.messageId)) continue;
      fresh.delete(event.messageId);
      const [customer] = await tx
        .insert(schema.customers)
        .values({
          tenantId,
          externalId: event.userId,
          traits: event.traits ?? {},
          email: text(event.traits?.email),
          name: text(event.traits?.name),
        })
        .onConflictDoUpdate({
          target: [schema.customers.tenantId, schema.customers.externalId],
          set: {
            traits: sql`${schema.customers.traits} || excluded.traits`,
            email: sql`coalesce(excluded.email, ${schema.customers.email})`,
            name: sql`coalesce(excluded.name, ${schema.customers.name})`,
            lastSeenAt: sql`now()`,
          },
        })
        .returning({ id: schema.customers.id });
      if (customer && event.anonymousId) {
        await tx
          .insert(schema.customerAliases)
          .values({ tenantId, anonymousId: event.anonymousId, customerId: customer.id })
          .onConflictDoNothing();
      }
    }
    await onEventsStored(tx, tenantId, caller.kind === 'server', freshEvents);
    return { accepted: inserted.length, duplicates: allowed.length - inserted.length };
  });
}
