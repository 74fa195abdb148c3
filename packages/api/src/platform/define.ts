import type { ConsoleRole, Db, EventProducer, Tx } from '@flywheel/db';
import type { ConditionInterface } from '@growthbook/growthbook';
import type { z } from 'zod';

/** An event as reactions receive it, read back from the events table. */
export type StoredEvent = {
  id: number;
  tenantId: string;
  messageId: string;
  type: 'track' | 'identify' | 'page';
  /** The track event name, the page name, or null for identify. */
  event: string | null;
  producer: EventProducer;
  userId: string | null;
  anonymousId: string | null;
  /** Track properties, or identify traits. */
  properties: Record<string, unknown>;
  timestamp: Date;
};

/** What matching a reaction may look at: the event's content, before it has an id. */
export type EventContent = Pick<StoredEvent, 'messageId' | 'type' | 'event' | 'producer' | 'userId' | 'anonymousId' | 'properties'>;

/** What a domain records with `emit()`: always a track event, produced by the domain. */
export type DomainEvent = {
  tenantId: string;
  /** Deterministic, so the same fact is recorded once: `referral:<id>:qualified`. */
  messageId: string;
  event: string;
  /** The tenant's customer id the event is about. */
  userId: string;
  properties?: Record<string, unknown>;
  timestamp?: Date;
  /**
   * Other customers (tenant ids) whose widgets show this fact, e.g. the referrer of a friend's
   * step. They and `userId` get a live update when it commits.
   */
  alsoShownTo?: string[];
};

/** Records an event and its deliveries in the caller's transaction: the only way a domain says something happened. */
export type Emit = (tx: Tx, event: DomainEvent) => Promise<void>;

/** Schedules a job once per `(tenantId, key)`; scheduling it again changes nothing. */
export type Schedule = (
  tx: Tx,
  job: { tenantId: string; name: string; key: string; runAt: Date; payload?: Record<string, unknown> },
) => Promise<void>;

export type WorkContext = { tx: Tx; emit: Emit; schedule: Schedule; now: Date };

/**
 * What a domain reacts to: event names (`$identify` and `$page` for those types, `*` for all),
 * who may have produced them, and a GrowthBook-syntax condition over the event's properties.
 * `subject` orders deliveries: one subject's events reach the reaction in order (default: the
 * customer). The handler runs in a transaction that also marks the delivery done.
 */
export type Reaction = {
  name: string;
  on: readonly string[];
  from?: readonly EventProducer[];
  /** A GrowthBook condition over the event's properties, or a predicate over the whole event. */
  when?: ConditionInterface | ((event: EventContent) => boolean);
  subject?: (event: EventContent) => string | null;
  maxAttempts?: number;
  retryDelayMs?: (attempt: number) => number;
  /**
   * Runs inside the transaction that stores the event instead of later: for what must be atomic
   * with storing it (identity). A failure rejects the whole batch, so keep inline reactions few.
   */
  inline?: boolean;
  handle(ctx: WorkContext & { event: StoredEvent }): Promise<void>;
};

/** Declares a reaction; a domain lists its reactions in its own `reactions.ts`. */
export function reaction(definition: Reaction): Reaction {
  return definition;
}

/**
 * Named, delayed work with a validated payload, run once across replicas. `perform`, when given,
 * runs first and outside any transaction (a network call must not hold one); what it returns is
 * handed to `handle`, which runs in the transaction that marks the job done. Either throws to be
 * retried, after `retryDelayMs(attempt)` (default: exponential backoff).
 */
export type Job<P = unknown, R = unknown> = {
  name: string;
  payload: z.ZodType<P>;
  maxAttempts?: number;
  retryDelayMs?: (attempt: number) => number;
  perform?(ctx: { db: Db; emit: Emit; tenantId: string; payload: P; attempt: number }): Promise<R>;
  handle(ctx: WorkContext & { tenantId: string; payload: P; performed: R | undefined }): Promise<void>;
};

export function job<P, R = undefined>(definition: Job<P, R>): Job<P, R> {
  return definition;
}

/** The event key reactions match on. */
export function eventKey(event: Pick<EventContent, 'type' | 'event'>): string {
  return event.type === 'track' ? (event.event ?? '') : `$${event.type}`;
}

/**
 * What a domain lets console roles do beyond reading: capability → the roles that have it
 * (owners have every capability). Each domain declares its own in `capabilities.ts`;
 * capabilities.ts at the package root merges them into the one table server and console read.
 */
export type RoleGrants = Record<string, readonly ConsoleRole[]>;
