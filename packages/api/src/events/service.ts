import { catalogueEntry, type EventSender } from '@flywheel/contracts/event-catalogue';
import type { IngestResult, TrackedEvent } from '@flywheel/contracts/events';
import { type Db, type EventProducer, queryRows, schema, type Tx } from '@flywheel/db';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnonymousIds, Caller } from '../identity/index.ts';
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
 * server (secret key) may speak for anyone. Events without userId get the customer's. A
 * catalogued event comes only from the senders the catalogue names: a browser cannot claim a
 * purchase, nobody can claim a domain's `referral_qualified`. A browser's anonymous id is one the
 * BFF issued (POST /api/anonymous-ids), so a visitor cannot be made up per request.
 */
function authorize(events: TrackedEvent[], caller: Caller, tenantId: string, anonymousIds: AnonymousIds): TrackedEvent[] {
  const sender: EventSender = caller.kind === 'server' ? 'server' : 'widget';
  return events.map((event, index) => {
    const entry = event.type === 'track' ? catalogueEntry(event.event) : undefined;
    if (entry && !entry.senders.includes(sender)) {
      const who = entry.senders.includes('server') ? 'the tenant’s server (secret key)' : 'Flywheel itself';
      throw new EventNotAllowedError(`batch.${index}.event`, `only ${who} may record ${event.type === 'track' ? event.event : ''}`);
    }
    if (caller.kind === 'server') return event;
    if (event.anonymousId !== undefined && !anonymousIds.verify(tenantId, event.anonymousId)) {
      throw new EventNotAllowedError(
        `batch.${index}.anonymousId`,
        'was not issued by Flywheel; browsers get one from POST /api/anonymous-ids (the widget kit does this)',
      );
    }
    // The console's Preview plays a customer whose token says `preview: true`; a preview must never
    // enter results or the referral program, so nothing it sends is stored.
    if (caller.kind === 'customer' && caller.claims.traits?.preview === true) {
      throw new EventNotAllowedError(`batch.${index}`, 'a console preview records no events');
    }
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

/**
 * A customer (their token) or a browser may only set the traits the tenant lets customers own;
 * email, name, plan, tier, country and the rest are the tenant server's to say.
 */
async function checkCustomerOwnedTraits(db: Db, tenantId: string, events: TrackedEvent[], caller: Caller) {
  if (caller.kind === 'server') return;
  const identifies = events.flatMap((event, index) => (event.type === 'identify' && event.traits ? [{ index, traits: event.traits }] : []));
  if (identifies.length === 0) return;
  const [tenant] = await db
    .select({ owned: schema.tenants.customerOwnedTraits })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  const owned = new Set(tenant?.owned ?? []);
  for (const { index, traits } of identifies) {
    const foreign = Object.keys(traits).find((key) => !owned.has(key));
    if (foreign) {
      throw new EventNotAllowedError(
        `batch.${index}.traits.${foreign}`,
        'is the tenant’s to set (its server or the token it signs), not the customer’s',
      );
    }
  }
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

type EventRow = ReturnType<typeof toRow>;

/** A message id its sender already used for a different event: the retry is not a retry. */
export class MessageIdReusedError extends Error {
  override name = 'MessageIdReusedError';
  constructor(readonly path: string) {
    super(`${path}: was already used by this sender for a different event; a retry must send the same event, a new event a new id`);
  }
}

/** The sender a message id belongs to, as the events table's unique index groups producers. */
const senderOf = (producer: SQL) =>
  sql`(case when ${producer} in ('customer', 'anonymous') then 0 when ${producer} = 'server' then 1 else 2 end)`;

/** The batch as a relation (`incoming`), numbered in batch order; `timestamp_given` is false where the receive time stood in. */
function incomingRows(tenantId: string, rows: EventRow[], given: boolean[]) {
  return sql.join(
    rows.map(
      (r, i) =>
        sql`(${i}::int, ${tenantId}::uuid, ${r.messageId}::text, ${r.type}::event_type, ${r.producer}::event_producer, ${r.event}::text, ${r.userId}::text, ${r.anonymousId}::text,
          ${JSON.stringify(r.properties)}::jsonb, ${JSON.stringify(r.context)}::jsonb, ${r.timestamp.toISOString()}::timestamptz, ${given[i] ?? false}::boolean, ${r.receivedAt.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
}

/**
 * Index of the first event in the batch whose message id its sender already used for different
 * content (stored before, or earlier in this batch), or null. Same content is a retry.
 */
const conflictsOf = sql`
  select i.idx from incoming i
  join events e on e.tenant_id = i.tenant_id and ${senderOf(sql`e.producer`)} = ${senderOf(sql`i.producer`)} and e.message_id = i.message_id
  where e.type <> i.type or e.event is distinct from i.event or e.user_id is distinct from i.user_id
     or e.anonymous_id is distinct from i.anonymous_id or e.properties <> i.properties
     or (i.timestamp_given and e."timestamp" <> i."timestamp")
  union all
  select b.idx from incoming a
  join incoming b on b.idx > a.idx and ${senderOf(sql`b.producer`)} = ${senderOf(sql`a.producer`)} and b.message_id = a.message_id
  where b.type <> a.type or b.event is distinct from a.event or b.user_id is distinct from a.user_id
     or b.anonymous_id is distinct from a.anonymous_id or b.properties <> a.properties
     or (a.timestamp_given and b.timestamp_given and b."timestamp" <> a."timestamp")`;

const INCOMING_COLUMNS = sql`(idx, tenant_id, message_id, type, producer, event, user_id, anonymous_id, properties, context, "timestamp", timestamp_given, received_at)`;

/**
 * The common batch (no inline reactions): the events and their deliveries in one statement, so in one
 * round trip and atomically without an explicit transaction. Deliveries join the events the
 * statement actually inserted, so a duplicate messageId gets none; a reused one stores nothing.
 */
async function storeInOneStatement(db: Db, platform: Platform, tenantId: string, rows: EventRow[], given: boolean[]) {
  const planned = platform.plan(rows);
  const deliveries =
    planned.length === 0
      ? sql``
      : sql`, delivered as (
          insert into deliveries (tenant_id, reaction, event_id, subject)
          select ${tenantId}::uuid, p.reaction, stored.id, p.subject
          from (values ${sql.join(
            planned.map((p) => sql`(${p.messageId}, ${p.reaction}, ${p.subject})`),
            sql`, `,
          )}) as p (message_id, reaction, subject)
          join stored on stored.message_id = p.message_id
          on conflict do nothing
          returning 1)`;
  const [counts] = await queryRows<{ accepted: number; delivered: number; conflict: number | null }>(
    db,
    sql`with incoming ${INCOMING_COLUMNS} as (values ${incomingRows(tenantId, rows, given)}),
    conflicts as (${conflictsOf}),
    stored as (
      insert into events (tenant_id, message_id, type, producer, event, user_id, anonymous_id, properties, context, "timestamp", received_at)
      select tenant_id, message_id, type, producer, event, user_id, anonymous_id, properties, context, "timestamp", received_at
      from incoming where not exists (select 1 from conflicts) order by idx
      on conflict do nothing
      returning id, message_id)
    ${deliveries}
    select (select count(*) from stored)::int as accepted,
           ${planned.length === 0 ? sql`0` : sql`(select count(*) from delivered)::int`} as delivered,
           (select min(idx) from conflicts) as conflict`,
  );
  if (counts?.conflict !== null && counts?.conflict !== undefined) throw new MessageIdReusedError(`batch.${counts.conflict}.messageId`);
  return { accepted: counts?.accepted ?? 0, delivered: counts?.delivered ?? 0 };
}

/** A batch some event of which has an inline reaction (identify): they run in the transaction that stores it. */
async function storeWithInlineReactions(db: Db, platform: Platform, tenantId: string, rows: EventRow[], given: boolean[]) {
  return db.transaction(async (tx) => {
    const [conflict] = await queryRows<{ idx: number | null }>(
      tx,
      sql`with incoming ${INCOMING_COLUMNS} as (values ${incomingRows(tenantId, rows, given)}) select min(idx) as idx from (${conflictsOf}) c`,
    );
    if (conflict?.idx !== null && conflict?.idx !== undefined) throw new MessageIdReusedError(`batch.${conflict.idx}.messageId`);
    const stored = await tx
      .insert(schema.events)
      .values(rows)
      // The one unique index: a message id already stored by the same sender.
      .onConflictDoNothing()
      .returning(storedEventColumns);
    stored.sort((a, b) => a.id - b.id);
    await platform.runInline(tx, stored);
    return { accepted: stored.length, delivered: await platform.deliver(tx, stored) };
  });
}

/**
 * Stores a batch all-or-nothing, idempotently: a messageId already stored (by an earlier
 * request, a concurrent one, or earlier in the same batch) is skipped, not duplicated; one its
 * sender used for different content refuses the whole batch (MessageIdReusedError, a 409). Inline
 * reactions (identity) run in the same transaction; every new event gets its deliveries to the
 * other reactions that match it, atomically with the event, and those run afterwards, off the
 * request. Ingestion knows no domain: the platform knows the reactions.
 */
export async function ingestBatch(
  deps: { db: Db; platform: Platform; anonymousIds: AnonymousIds },
  tenantId: string,
  caller: Caller,
  events: TrackedEvent[],
  receivedAt = new Date(),
): Promise<IngestResult> {
  const producer = PRODUCER[caller.kind];
  const authorized = authorize(events, caller, tenantId, deps.anonymousIds);
  await checkCustomerOwnedTraits(deps.db, tenantId, authorized, caller);
  const rows = authorized.map((event) => toRow(tenantId, producer, event, receivedAt));
  const given = authorized.map((event) => event.timestamp !== undefined);
  const { accepted, delivered } = deps.platform.hasInline(rows)
    ? await storeWithInlineReactions(deps.db, deps.platform, tenantId, rows, given)
    : await storeInOneStatement(deps.db, deps.platform, tenantId, rows, given);
  if (delivered > 0) deps.platform.announce(deps.db);
  return { accepted, duplicates: rows.length - accepted };
}

/** One stored event, for a domain that sends it on (webhooks). */
export async function eventById(db: Db, eventId: number) {
  const [event] = await db.select().from(schema.events).where(eq(schema.events.id, eventId));
  return event ?? null;
}

/** Deletes every event a customer sent or was the subject of (by their id or their devices' anonymous ids). */
export async function eraseEvents(tx: Tx, tenantId: string, userId: string, anonymousIds: string[]): Promise<number> {
  const e = schema.events;
  const deleted = await tx
    .delete(e)
    .where(
      and(eq(e.tenantId, tenantId), or(eq(e.userId, userId), anonymousIds.length > 0 ? inArray(e.anonymousId, anonymousIds) : undefined)),
    )
    .returning({ id: e.id });
  return deleted.length;
}
