import { catalogueEntry } from '@flywheel/contracts/event-catalogue';
import { type Db, schema, type Tx } from '@flywheel/db';
import { evalCondition } from '@growthbook/growthbook';
import { sql } from 'drizzle-orm';
import { type Emit, type EventContent, eventKey, type Job, type Reaction, type Schedule, type StoredEvent } from './define.ts';

/** NOTIFY channel that wakes every worker (in this process and in others) when work is written. */
export const WORK_CHANNEL = 'flywheel_work';

/**
 * NOTIFY channel for customers' open widgets: one message per customer a domain event concerns,
 * sent by the transaction that records it, so it arrives only once the change is committed.
 */
export const LIVE_CHANNEL = 'flywheel_live';

/**
 * A change one customer's widgets show: for the customer the event is about, its name (the page
 * tells its host "a badge was awarded"); for the others who see it (`alsoShownTo`), none.
 */
export type LiveMessage = { tenantId: string; userId: string; event: string | null };
export const liveMessage = (tenantId: string, userId: string, event: string | null) =>
  JSON.stringify({ tenantId, userId, event } satisfies LiveMessage);

/** The columns every reader of events selects, so reactions always see the same shape. */
export const storedEventColumns = {
  id: schema.events.id,
  tenantId: schema.events.tenantId,
  messageId: schema.events.messageId,
  type: schema.events.type,
  event: schema.events.event,
  producer: schema.events.producer,
  userId: schema.events.userId,
  anonymousId: schema.events.anonymousId,
  properties: schema.events.properties,
  timestamp: schema.events.timestamp,
};

/** A delivery to write for an event, once the event has its id. */
export type PlannedDelivery = { messageId: string; reaction: string; subject: string };

export type Platform = {
  emit: Emit;
  schedule: Schedule;
  /** The deliveries these events get: every reaction they match, with its ordering subject. */
  plan(events: EventContent[]): PlannedDelivery[];
  /** Whether any of these events has an inline reaction, so it must be stored in a transaction with them. */
  hasInline(events: EventContent[]): boolean;
  /** Runs the inline reactions of freshly stored events, in order, in the transaction that stored them. */
  runInline(tx: Tx, events: StoredEvent[]): Promise<void>;
  /** Writes the deliveries of freshly stored events, in the transaction that stored them. */
  deliver(tx: Tx, events: StoredEvent[]): Promise<number>;
  /**
   * Says, after a commit, that deliveries or jobs were written: wakes this process's workers at
   * once and the other processes' through one NOTIFY per 100 ms at most. Only latency depends on
   * it; workers also poll.
   */
  announce(db: Db): void;
  /** Called on every announcement in this process; returns the function that stops it. */
  onAnnounce(listener: () => void): () => void;
  reaction(name: string): Reaction | undefined;
  job(name: string): Job<unknown> | undefined;
  reactionNames: string[];
  jobNames: string[];
};

/**
 * Builds emit/schedule/deliver over a fixed set of reactions and jobs (the domains' registry, or
 * a test's own). Domains receive these through their context and never import the registry, so
 * no domain depends on another to be told what happened.
 */
export function createPlatform({ reactions, jobs }: { reactions: readonly Reaction[]; jobs: readonly Job<unknown>[] }): Platform {
  const byName = new Map<string, Reaction>();
  const byEvent = new Map<string, Reaction[]>();
  for (const r of reactions) {
    if (byName.has(r.name)) throw new Error(`two reactions are named ${r.name}`);
    byName.set(r.name, r);
    for (const key of r.on) byEvent.set(key, [...(byEvent.get(key) ?? []), r]);
  }
  const jobsByName = new Map<string, Job<unknown>>();
  for (const j of jobs) {
    if (jobsByName.has(j.name)) throw new Error(`two jobs are named ${j.name}`);
    jobsByName.set(j.name, j);
  }

  const matching = (event: EventContent) =>
    [...(byEvent.get(eventKey(event)) ?? []), ...(byEvent.get('*') ?? [])].filter(
      (r) =>
        (!r.from || r.from.includes(event.producer)) &&
        (!r.when || (typeof r.when === 'function' ? r.when(event) : evalCondition(event.properties, r.when))),
    );

  const plan: Platform['plan'] = (events) =>
    events.flatMap((event) =>
      matching(event)
        .filter((r) => !r.inline)
        .map((r) => ({
          messageId: event.messageId,
          reaction: r.name,
          subject: r.subject?.(event) ?? event.userId ?? event.anonymousId ?? `message:${event.messageId}`,
        })),
    );

  const hasInline: Platform['hasInline'] = (events) => events.some((event) => matching(event).some((r) => r.inline));

  const runInline: Platform['runInline'] = async (tx, events) => {
    for (const event of events) {
      for (const r of matching(event)) if (r.inline) await r.handle({ tx, event, emit, schedule, now: new Date() });
    }
  };

  const deliver: Platform['deliver'] = async (tx, events) => {
    const ids = new Map(events.map((event) => [event.messageId, event]));
    const rows = plan(events).map((p) => {
      const event = ids.get(p.messageId) as StoredEvent;
      return { tenantId: event.tenantId, reaction: p.reaction, eventId: event.id, subject: p.subject };
    });
    if (rows.length === 0) return 0;
    const inserted = await tx.insert(schema.deliveries).values(rows).onConflictDoNothing().returning({ id: schema.deliveries.id });
    return inserted.length;
  };

  const listeners = new Set<() => void>();
  let notifyTimer: ReturnType<typeof setTimeout> | null = null;
  let notifyAgain = false;
  const announce: Platform['announce'] = (db) => {
    for (const listener of listeners) listener();
    // A NOTIFY takes a database-wide lock when it commits: one per 100 ms, not one per request.
    if (notifyTimer) {
      notifyAgain = true;
      return;
    }
    db.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`).catch(() => {});
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      if (notifyAgain) {
        notifyAgain = false;
        announce(db);
      }
    }, 100);
    notifyTimer.unref?.();
  };

  const emit: Emit = async (tx, event) => {
    const entry = catalogueEntry(event.event);
    if (entry) {
      // The catalogue is what ingestion, useTrack and experiments trust: a domain must match it too.
      const problem = entry.senders.includes('domain')
        ? entry.properties.safeParse(event.properties ?? {}).error?.issues[0]
        : { path: [], message: 'is not an event domains record' };
      if (problem) throw new Error(`emit ${event.event}: properties.${problem.path.join('.')}: ${problem.message}`);
    }
    const stored = await tx
      .insert(schema.events)
      .values({
        tenantId: event.tenantId,
        messageId: event.messageId,
        type: 'track',
        producer: 'domain',
        event: event.event,
        userId: event.userId,
        properties: event.properties ?? {},
        timestamp: event.timestamp ?? new Date(),
      })
      // The one unique index: a message id already stored by the same sender.
      .onConflictDoNothing()
      .returning(storedEventColumns);
    await runInline(tx, stored);
    await deliver(tx, stored);
    // What the customer (and whoever else sees this) has open refreshes once the transaction commits.
    if (stored.length > 0) {
      for (const userId of new Set([event.userId, ...(event.alsoShownTo ?? [])])) {
        const name = userId === event.userId ? event.event : null;
        await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${liveMessage(event.tenantId, userId, name)})`);
      }
    }
  };

  const schedule: Schedule = async (tx, job) => {
    if (!jobsByName.has(job.name)) throw new Error(`no job is named ${job.name}`);
    await tx
      .insert(schema.jobs)
      .values({ tenantId: job.tenantId, name: job.name, key: job.key, runAt: job.runAt, payload: job.payload ?? {} })
      .onConflictDoNothing({ target: [schema.jobs.tenantId, schema.jobs.key] });
  };

  return {
    emit,
    schedule,
    plan,
    hasInline,
    runInline,
    deliver,
    announce,
    onAnnounce: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reaction: (name) => byName.get(name),
    job: (name) => jobsByName.get(name),
    reactionNames: [...byName.keys()],
    jobNames: [...jobsByName.keys()],
  };
}
