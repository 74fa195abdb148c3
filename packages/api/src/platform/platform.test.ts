import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '@flywheel/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ingestBatch } from '../events/index.ts';
import { createTestWorld, type TestWorld } from '../testing.ts';
import { listDeadLetters, replayDeadLetters } from './dead-letters.ts';
import { job, reaction } from './define.ts';
import { createPlatform } from './platform.ts';
import { Worker } from './worker.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
let world: TestWorld;

/** What the test reactions did, in the database: counting rows there is what proves exactly-once. */
async function log(tx: Tx, what: string, ref: string) {
  await tx.execute(sql`insert into reaction_log (what, ref) values (${what}, ${ref})`);
}

let poisonHealed = false;
const handledOrder: string[] = [];
let failOnce = new Set<string>();

const platform = createPlatform({
  reactions: [
    reaction({ name: 'test.count-a', on: ['tick'], handle: ({ tx, event }) => log(tx, 'a', String(event.id)) }),
    reaction({ name: 'test.count-b', on: ['tick'], handle: ({ tx, event }) => log(tx, 'b', String(event.id)) }),
    reaction({ name: 'test.count-c', on: ['*'], when: { kind: 'tick' }, handle: ({ tx, event }) => log(tx, 'c', String(event.id)) }),
    reaction({
      name: 'test.poison',
      on: ['poison-test'],
      maxAttempts: 3,
      async handle({ tx, event }) {
        if (event.properties.poison && !poisonHealed) throw new Error('cannot digest this one');
        await log(tx, 'poison', String(event.properties.n));
      },
    }),
    reaction({
      name: 'test.ordered',
      on: ['step'],
      async handle({ tx, event }) {
        const step = String(event.properties.step);
        if (failOnce.delete(step)) throw new Error(`step ${step} fails once`);
        handledOrder.push(`${event.userId}:${step}`);
        await log(tx, 'ordered', step);
      },
    }),
    reaction({
      name: 'test.chain',
      on: ['chain-start'],
      handle: ({ tx, emit, event }) =>
        emit(tx, {
          tenantId: event.tenantId,
          messageId: `chain:${event.messageId}:next`,
          event: 'chain-next',
          userId: event.userId ?? 'x',
        }),
    }),
    reaction({
      name: 'test.chain-end',
      on: ['chain-next'],
      from: ['domain'],
      handle: ({ tx, event }) => log(tx, 'chain', event.messageId),
    }),
  ],
  jobs: [
    job({
      name: 'test.job',
      payload: z.object({ ref: z.string() }),
      handle: ({ tx, payload }) => log(tx, 'job', payload.ref),
    }),
  ],
});

const fastWorker = () => new Worker({ db: world.database.db, platform, retryDelayMs: () => 0 });
const deps = () => ({ ...world.deps, platform });
const track = (event: string, userId: string, properties: Record<string, string | number | boolean> = {}) => ({
  type: 'track' as const,
  event,
  messageId: randomUUID(),
  userId,
  properties,
});

async function logged(what: string) {
  const result = (await world.database.db.execute(sql`select ref from reaction_log where what = ${what} order by id`)) as unknown as {
    rows: { ref: string }[];
  };
  return result.rows.map((r) => r.ref);
}

beforeAll(async () => {
  world = await createTestWorld();
  await world.database.db.execute(
    sql`create table reaction_log (id bigint generated always as identity primary key, what text not null, ref text not null)`,
  );
});
afterAll(() => world.close());
beforeEach(async () => {
  await world.database.db.execute(sql`truncate reaction_log`);
});

describe('deliveries', () => {
  it('survives a crash between commit and handling: a worker started later handles it exactly once', async () => {
    // No worker runs while the event is accepted: as if the process died right after answering 2xx.
    await ingestBatch(deps(), world.tenantId, { kind: 'server' }, [track('tick', 'crash-1', { kind: 'tick' })]);
    expect(await logged('a')).toEqual([]);
    const restarted = fastWorker();
    expect(await restarted.drain()).toBe(3);
    expect(await fastWorker().drain()).toBe(0);
    expect((await logged('a')).length + (await logged('b')).length + (await logged('c')).length).toBe(3);
  });

  it('takes over the lease of a worker that died holding it, and handles the delivery once', async () => {
    await ingestBatch(deps(), world.tenantId, { kind: 'server' }, [track('tick', 'crash-2', { kind: 'tick' })]);
    // A worker leased the deliveries, then died: its lease stays behind, already run out.
    await world.database.db
      .update(schema.deliveries)
      .set({ lockedBy: 'worker-that-died', lockedUntil: sql`now() - interval '1 second'`, attempts: 1 })
      .where(eq(schema.deliveries.status, 'pending'));
    await fastWorker().drain();
    expect((await logged('a')).length + (await logged('b')).length + (await logged('c')).length).toBe(3);
  });

  it(`handles ${onPostgres ? '10,000' : '1,000'} events × 3 reactions exactly once with two workers at once`, async () => {
    const count = onPostgres ? 10_000 : 1_000;
    for (let start = 0; start < count; start += 500) {
      const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) =>
        track('tick', `bulk-${(start + i) % 97}`, { kind: 'tick' }),
      );
      await ingestBatch(deps(), world.tenantId, { kind: 'server' }, batch);
    }
    const workers = [
      new Worker({ db: world.database.db, platform, batchSize: 100 }),
      new Worker({ db: world.database.db, platform, batchSize: 100 }),
    ];
    const ran = await Promise.all(workers.map((w) => w.drain()));
    expect((ran[0] ?? 0) + (ran[1] ?? 0)).toBe(count * 3);
    const result = (await world.database.db.execute(
      sql`select count(*)::int as total, count(distinct (what, ref))::int as distinct_pairs from reaction_log`,
    )) as unknown as { rows: { total: number; distinct_pairs: number }[] };
    expect(result.rows[0]).toEqual({ total: count * 3, distinct_pairs: count * 3 });
    if (onPostgres) expect(ran.every((n) => n > 0)).toBe(true);
  }, 240_000);

  it('parks a handler that keeps throwing as a dead letter while the others go on; replay handles it once', async () => {
    poisonHealed = false;
    await ingestBatch(deps(), world.tenantId, { kind: 'server' }, [
      track('poison-test', 'p-1', { n: 1 }),
      track('poison-test', 'p-2', { n: 2, poison: true }),
      track('poison-test', 'p-3', { n: 3 }),
    ]);
    await fastWorker().drain();
    expect((await logged('poison')).sort()).toEqual(['1', '3']);
    const [dead] = await world.database.db.select().from(schema.deliveries).where(eq(schema.deliveries.status, 'dead'));
    expect(dead).toMatchObject({ reaction: 'test.poison', attempts: 3, lastError: 'cannot digest this one' });

    poisonHealed = true;
    expect(await listDeadLetters(world.database.db, { tenantId: world.tenantId })).toEqual([
      expect.objectContaining({
        kind: 'reaction',
        name: 'test.poison',
        attempts: 3,
        lastError: 'cannot digest this one',
        event: 'poison-test',
      }),
    ]);
    expect(await replayDeadLetters(world.database.db, { tenantId: world.tenantId, name: 'test.poison' })).toBe(1);
    await fastWorker().drain();
    await fastWorker().drain();
    expect((await logged('poison')).sort()).toEqual(['1', '2', '3']);
  });

  it("hands one customer's events to a reaction in order, also when one of them needs a retry", async () => {
    handledOrder.length = 0;
    failOnce = new Set(['1']);
    await ingestBatch(deps(), world.tenantId, { kind: 'server' }, [
      track('step', 'order-a', { step: 1 }),
      track('step', 'order-b', { step: 'b1' }),
    ]);
    await ingestBatch(deps(), world.tenantId, { kind: 'server' }, [
      track('step', 'order-a', { step: 2 }),
      track('step', 'order-a', { step: 3 }),
    ]);
    await Promise.all([fastWorker().drain(), fastWorker().drain()]);
    await fastWorker().drain();
    expect(handledOrder.filter((h) => h.startsWith('order-a'))).toEqual(['order-a:1', 'order-a:2', 'order-a:3']);
    expect(handledOrder).toContain('order-b:b1');
  });

  it('chains: an event a reaction emits reaches the reactions listening for it, once', async () => {
    const start = track('chain-start', 'chain-1');
    await ingestBatch(deps(), world.tenantId, { kind: 'server' }, [start]);
    await fastWorker().drain();
    // The same start event again (a retry from the tenant) is a duplicate: nothing new happens.
    await ingestBatch(deps(), world.tenantId, { kind: 'server' }, [start]);
    await fastWorker().drain();
    expect(await logged('chain')).toEqual([`chain:${start.messageId}:next`]);
  });

  it('lets a domain reaction ignore what a customer token sent when it listens only to domain events', async () => {
    await ingestBatch(deps(), world.tenantId, { kind: 'server' }, [track('chain-next', 'forged')]);
    await fastWorker().drain();
    expect(await logged('chain')).toEqual([]);
  });
});

describe('jobs', () => {
  it('runs a job once per key across workers, and only when it is due', async () => {
    const ref = randomUUID();
    const later = randomUUID();
    await world.database.db.transaction(async (tx) => {
      const runAt = new Date(Date.now() - 1000);
      await platform.schedule(tx, { tenantId: world.tenantId, name: 'test.job', key: `job:${ref}`, runAt, payload: { ref } });
      await platform.schedule(tx, { tenantId: world.tenantId, name: 'test.job', key: `job:${ref}`, runAt, payload: { ref } });
      await platform.schedule(tx, {
        tenantId: world.tenantId,
        name: 'test.job',
        key: `job:${later}`,
        runAt: new Date(Date.now() + 3_600_000),
        payload: { ref: later },
      });
    });
    await Promise.all([fastWorker().drain(), fastWorker().drain()]);
    expect(await logged('job')).toEqual([ref]);
    const [pending] = await world.database.db
      .select({ status: schema.jobs.status })
      .from(schema.jobs)
      .where(and(eq(schema.jobs.tenantId, world.tenantId), eq(schema.jobs.key, `job:${later}`)));
    expect(pending?.status).toBe('pending');
  });

  it('refuses to schedule a job no domain defines', async () => {
    await expect(
      world.database.db.transaction((tx) =>
        platform.schedule(tx, { tenantId: world.tenantId, name: 'nobody.knows', key: 'k', runAt: new Date() }),
      ),
    ).rejects.toThrow('no job is named nobody.knows');
  });
});
