import type { IngestResult, TrackedEvent } from '@flywheel/contracts/events';
import type { Traits } from '@flywheel/contracts/json';
import { type Db, type EventProducer, schema } from '@flywheel/db';
import { stitchAlias, upsertCustomer } from '../customers/index.ts';
import type { Caller } from '../identity/index.ts';
import { type Platform, storedEventColumns } from '../platform/index.ts';

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

const PRODUCER: Record<Caller['kind'], EventProducer> = { server: 'server', customer: 'customer', anonymous: 'anonymous' };

function toRow(tenantId: string, producer: EventProducer, event: TrackedEvent, receivedAt: Date) {
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
    producer,
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
 * request, a concurrent one, or earlier in the same batch) is skipped, not duplicated. New
 * identify events update the customer and stitch their anonymous id (identity is part of
 * ingestion); every new event gets its deliveries to the reactions that match it, in the same
 * transaction, and the reactions run afterwards, off the request.
 */
export async function ingestBatch(
  deps: { db: Db; platform: Platform },
  tenantId: string,
  caller: Caller,
  events: TrackedEvent[],
  receivedAt = new Date(),
): Promise<IngestResult> {
  const allowed = authorize(events, caller);
  const producer = PRODUCER[caller.kind];
  return deps.db.transaction(async (tx) => {
    const stored = await tx
      .insert(schema.events)
      .values(allowed.map((event) => toRow(tenantId, producer, event, receivedAt)))
      .onConflictDoNothing({ target: [schema.events.tenantId, schema.events.messageId] })
      .returning(storedEventColumns);
    stored.sort((a, b) => a.id - b.id);
    for (const event of stored) {
      if (event.type !== 'identify' || !event.userId) continue;
      const customer = await upsertCustomer(tx, tenantId, { externalId: event.userId, traits: event.properties as Traits });
      if (event.anonymousId) await stitchAlias(tx, tenantId, customer.id, event.anonymousId);
    }
    await deps.platform.deliver(tx, stored);
    return { accepted: stored.length, duplicates: allowed.length - stored.length };
  });
}
