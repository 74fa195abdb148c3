import { randomUUID } from 'node:crypto';
import { type Database, type Db, queryRows, schema } from '@flywheel/db';
import { and, eq, sql } from 'drizzle-orm';
import type { StoredEvent } from './define.ts';
import { type Platform, WORK_CHANNEL } from './platform.ts';

export type WorkerOptions = {
  db: Db;
  platform: Platform;
  /** LISTEN, so a worker wakes the moment work is committed anywhere; without it, it only polls. */
  listen?: Database['listen'];
  /** How many deliveries (and jobs) one round leases. */
  batchSize?: number;
  /** How long a lease lasts: a worker that dies holding one loses it after this. */
  leaseMs?: number;
  /**
   * How long to wait before retrying after the given attempt. Set, it overrides every reaction's
   * and job's own schedule (tests retry at once); unset, each uses its own or exponential backoff.
   */
  retryDelayMs?: (attempt: number) => number;
  /** The fallback poll when no NOTIFY arrives (delayed retries and jobs become due silently). */
  pollMs?: number;
  onError?: (error: unknown, what: string) => void;
  /** Called after every delivery and job it ran, for metrics. */
  onRun?: (run: WorkRun) => void;
};

export type WorkRun = { kind: 'reaction' | 'job'; name: string; outcome: 'done' | 'retry' | 'dead'; seconds: number };

const DEFAULT_MAX_ATTEMPTS = 8;

/** 1 s, 2 s, 4 s … capped at an hour, with jitter so a burst of failures does not retry in step. */
export function exponentialBackoff(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), 3_600_000) * (0.75 + Math.random() / 2);
}

type Row = Record<string, unknown>;
const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

function toStoredEvent(row: Row): StoredEvent {
  return {
    id: Number(row.event_id),
    tenantId: String(row.tenant_id),
    messageId: String(row.message_id),
    type: row.type as StoredEvent['type'],
    event: (row.event as string | null) ?? null,
    producer: row.producer as StoredEvent['producer'],
    userId: (row.user_id as string | null) ?? null,
    anonymousId: (row.anonymous_id as string | null) ?? null,
    properties: (row.properties as Record<string, unknown>) ?? {},
    timestamp: date(row.timestamp),
  };
}

/**
 * Runs deliveries and jobs: leases a batch with `FOR UPDATE SKIP LOCKED` (so replicas never take
 * the same row), then handles each in its own transaction that also marks it done, so a handler's
 * writes and "handled" commit together or not at all. A failure is retried with backoff and, after
 * its reaction's attempts, parked as a dead letter; it never holds up other subjects or reactions.
 * One subject's deliveries for one reaction are leased strictly in order.
 */
export class Worker {
  readonly id = `worker-${randomUUID()}`;
  private readonly db: Db;
  private readonly platform: Platform;
  private readonly options: Required<Pick<WorkerOptions, 'batchSize' | 'leaseMs' | 'pollMs'>> & WorkerOptions;
  private running = false;
  private wake: (() => void) | null = null;
  /** Set by a wake-up that came while a round was running, so the loop does not go to sleep on it. */
  private signalled = false;
  private readonly wakeUp = () => {
    this.signalled = true;
    this.wake?.();
  };
  private loop: Promise<void> | null = null;
  private stopListening: (() => Promise<void>) | null = null;

  constructor(options: WorkerOptions) {
    this.db = options.db;
    this.platform = options.platform;
    this.options = { batchSize: 50, leaseMs: 60_000, pollMs: 1000, ...options };
  }

  /** One round: leases and runs what is due now. Resolves to how many deliveries and jobs it ran. */
  async runOnce(): Promise<number> {
    const deliveries = await this.leaseDeliveries();
    for (const row of deliveries) await this.runDelivery(row);
    const jobs = await this.leaseJobs();
    for (const row of jobs) await this.runJob(row);
    return deliveries.length + jobs.length;
  }

  /** Runs rounds until nothing is due (what waits for a retry delay or a later run time stays). */
  async drain(): Promise<number> {
    let total = 0;
    for (let ran = await this.runOnce(); ran > 0; ran = await this.runOnce()) total += ran;
    return total;
  }

  /** Works in the background until stop(): on every NOTIFY, and every pollMs. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const stopLocal = this.platform.onAnnounce(this.wakeUp);
    const stopRemote = await this.options.listen?.(WORK_CHANNEL, this.wakeUp);
    this.stopListening = async () => {
      stopLocal();
      await stopRemote?.();
    };
    this.loop = this.work();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.stopListening?.();
  }

  private async work() {
    while (this.running) {
      this.signalled = false;
      try {
        if ((await this.runOnce()) > 0) {
          // What the handlers emitted or scheduled may be for other workers too.
          this.platform.announce(this.db);
          continue;
        }
      } catch (error) {
        this.options.onError?.(error, 'worker round');
      }
      if (this.signalled) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async leaseDeliveries(): Promise<Row[]> {
    const names = this.platform.reactionNames;
    if (names.length === 0) return [];
    // Only reactions this build knows: during a rolling deploy an older worker leaves newer ones alone.
    const rows = await queryRows<Row>(
      this.db,
      sql`
      with picked as (
        select d.id from deliveries d
        where d.status = 'pending' and d.run_after <= now()
          and (d.locked_until is null or d.locked_until < now())
          and d.reaction in (${sql.join(
            names.map((n) => sql`${n}`),
            sql`, `,
          )})
          and not exists (
            select 1 from deliveries earlier
            where earlier.tenant_id = d.tenant_id and earlier.reaction = d.reaction and earlier.subject = d.subject
              and earlier.status = 'pending' and earlier.id < d.id)
        order by d.id
        limit ${this.options.batchSize}
        for update of d skip locked
      )
      update deliveries d
      set locked_by = ${this.id}, locked_until = now() + make_interval(secs => ${this.options.leaseMs / 1000}), attempts = d.attempts + 1
      from picked, events e
      where d.id = picked.id and e.id = d.event_id
      returning d.id as delivery_id, d.reaction, d.attempts, e.id as event_id, e.tenant_id, e.message_id, e.type, e.event,
        e.producer, e.user_id, e.anonymous_id, e.properties, e.timestamp`,
    );
    return rows.sort((a: Row, b: Row) => Number(a.delivery_id) - Number(b.delivery_id));
  }

  private async runDelivery(row: Row) {
    const id = Number(row.delivery_id);
    const reaction = this.platform.reaction(String(row.reaction));
    if (!reaction) return;
    const event = toStoredEvent(row);
    const started = performance.now();
    try {
      await this.db.transaction(async (tx) => {
        const [owned] = await tx
          .update(schema.deliveries)
          .set({ status: 'done', doneAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null })
          .where(and(eq(schema.deliveries.id, id), eq(schema.deliveries.lockedBy, this.id), eq(schema.deliveries.status, 'pending')))
          .returning({ id: schema.deliveries.id });
        if (!owned) return; // the lease ran out and another worker has it
        await reaction.handle({ tx, event, emit: this.platform.emit, schedule: this.platform.schedule, now: new Date() });
      });
      this.report('reaction', reaction.name, 'done', started);
    } catch (error) {
      const dead = await this.fail('deliveries', id, Number(row.attempts), reaction, error);
      this.report('reaction', reaction.name, dead ? 'dead' : 'retry', started);
      this.options.onError?.(error, `reaction ${reaction.name} on event ${event.messageId}`);
    }
  }

  private async leaseJobs(): Promise<Row[]> {
    const names = this.platform.jobNames;
    if (names.length === 0) return [];
    return queryRows<Row>(
      this.db,
      sql`
      with picked as (
        select id from jobs
        where status = 'pending' and run_at <= now() and (locked_until is null or locked_until < now())
          and name in (${sql.join(
            names.map((n) => sql`${n}`),
            sql`, `,
          )})
        order by run_at, id
        limit ${this.options.batchSize}
        for update skip locked
      )
      update jobs j
      set locked_by = ${this.id}, locked_until = now() + make_interval(secs => ${this.options.leaseMs / 1000}), attempts = j.attempts + 1
      from picked where j.id = picked.id
      returning j.id, j.tenant_id, j.name, j.payload, j.attempts`,
    );
  }

  private async runJob(row: Row) {
    const id = Number(row.id);
    const job = this.platform.job(String(row.name));
    if (!job) return;
    const started = performance.now();
    try {
      const tenantId = String(row.tenant_id);
      const payload = job.payload.parse(row.payload);
      const performed = await job.perform?.({ db: this.db, emit: this.platform.emit, tenantId, payload, attempt: Number(row.attempts) });
      await this.db.transaction(async (tx) => {
        const [owned] = await tx
          .update(schema.jobs)
          .set({ status: 'done', doneAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null })
          .where(and(eq(schema.jobs.id, id), eq(schema.jobs.lockedBy, this.id), eq(schema.jobs.status, 'pending')))
          .returning({ id: schema.jobs.id });
        if (!owned) return;
        await job.handle({
          tx,
          tenantId,
          payload,
          performed,
          emit: this.platform.emit,
          schedule: this.platform.schedule,
          now: new Date(),
        });
      });
      this.report('job', job.name, 'done', started);
    } catch (error) {
      const dead = await this.fail('jobs', id, Number(row.attempts), job, error);
      this.report('job', job.name, dead ? 'dead' : 'retry', started);
      this.options.onError?.(error, `job ${job.name}`);
    }
  }

  private report(kind: WorkRun['kind'], name: string, outcome: WorkRun['outcome'], started: number) {
    this.options.onRun?.({ kind, name, outcome, seconds: (performance.now() - started) / 1000 });
  }

  /** Puts a failed delivery or job back for a retry, or parks it; resolves to whether it is dead now. */
  private async fail(
    table: 'deliveries' | 'jobs',
    id: number,
    attempts: number,
    policy: { maxAttempts?: number | undefined; retryDelayMs?: ((attempt: number) => number) | undefined },
    error: unknown,
  ) {
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const dead = attempts >= (policy.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const delay = (this.options.retryDelayMs ?? policy.retryDelayMs ?? exponentialBackoff)(attempts);
    const retryAt = sql`now() + make_interval(secs => ${delay / 1000})`;
    const released = { status: dead ? ('dead' as const) : ('pending' as const), lastError, lockedBy: null, lockedUntil: null };
    if (table === 'jobs') {
      await this.db
        .update(schema.jobs)
        .set({ ...released, ...(dead ? {} : { runAt: retryAt }) })
        .where(and(eq(schema.jobs.id, id), eq(schema.jobs.lockedBy, this.id)));
    } else {
      await this.db
        .update(schema.deliveries)
        .set({ ...released, ...(dead ? {} : { runAfter: retryAt }) })
        .where(and(eq(schema.deliveries.id, id), eq(schema.deliveries.lockedBy, this.id)));
    }
    return dead;
  }
}
