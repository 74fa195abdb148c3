import { randomUUID } from 'node:crypto';
import { schema } from '@flywheel/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomer } from '../customers/index.ts';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';
import { approve, grant, reverse } from './grants.ts';
import { endHold, holdPoints, pointsBalance } from './points.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

let people = 0;
async function newCustomer() {
  const customer = await upsertCustomer(world.database.db, world.tenantId, { externalId: `points-${++people}` });
  return customer;
}

/** Grants `amount` points to the customer, already approved (spendable). */
async function givePoints(customerId: string, amount: number, sourceKey = `test:${randomUUID()}`) {
  await world.database.db.transaction((tx) =>
    grant(
      { tx, emit: world.deps.platform.emit },
      { tenantId: world.tenantId, customerId, source: 'test', sourceKey, spec: { type: 'points', amount }, status: 'approved' },
    ),
  );
  return sourceKey;
}

/** Every entry moves points between two buckets, so each account's buckets sum to zero. */
async function ledgerIsBalanced() {
  const result = (await world.database.db.execute(sql`
    select account_id, sum(case when b = 'in' then amount else -amount end)::int as net from (
      select account_id, to_bucket as bucket, amount, 'in' as b from points_entries
      union all select account_id, from_bucket, amount, 'out' from points_entries) moves
    group by account_id having sum(case when b = 'in' then amount else -amount end) <> 0`)) as unknown as { rows: unknown[] };
  return result.rows.length === 0;
}

describe('the points ledger', () => {
  it('lets exactly one of 100 concurrent 100-point redemptions through a 150-point balance', async () => {
    const customer = await newCustomer();
    await givePoints(customer.id, 150);
    const attempts = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        holdPoints(world.database.db, {
          tenantId: world.tenantId,
          customerId: customer.id,
          amount: 100,
          key: `race-${customer.id}-${i}`,
          reason: 'a mug',
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refusals = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(refusals).toHaveLength(99);
    expect(refusals[0]?.reason).toMatchObject({ code: 'BAD_REQUEST', message: 'amount: 100 points needed, 50 available' });
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toEqual({ available: 50, pending: 0, held: 100 });
    expect(await ledgerIsBalanced()).toBe(true);
  });

  it('reserves once per redemption key, and settles or releases exactly once', async () => {
    const customer = await newCustomer();
    await givePoints(customer.id, 300);
    const spend = { tenantId: world.tenantId, customerId: customer.id, amount: 100, reason: 'stickers' };
    await holdPoints(world.database.db, { ...spend, key: 'order-1' });
    await holdPoints(world.database.db, { ...spend, key: 'order-1' });
    await holdPoints(world.database.db, { ...spend, key: 'order-2' });
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toEqual({ available: 100, pending: 0, held: 200 });
    await endHold(world.database.db, { tenantId: world.tenantId, customerId: customer.id, key: 'order-1', outcome: 'settle' });
    await endHold(world.database.db, { tenantId: world.tenantId, customerId: customer.id, key: 'order-1', outcome: 'release' });
    await endHold(world.database.db, { tenantId: world.tenantId, customerId: customer.id, key: 'order-2', outcome: 'release' });
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toEqual({ available: 200, pending: 0, held: 0 });
    await expect(
      endHold(world.database.db, { tenantId: world.tenantId, customerId: customer.id, key: 'order-3', outcome: 'settle' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps pending points out of reach until approved, and reverses them exactly', async () => {
    const customer = await newCustomer();
    const ctx = (tx: Parameters<Parameters<typeof world.database.db.transaction>[0]>[0]) => ({ tx, emit: world.deps.platform.emit });
    const spec = { type: 'points' as const, amount: 80 };
    const base = { tenantId: world.tenantId, customerId: customer.id, source: 'test', spec, status: 'pending' as const };
    await world.database.db.transaction((tx) => grant(ctx(tx), { ...base, sourceKey: 'held-a' }));
    await world.database.db.transaction((tx) => grant(ctx(tx), { ...base, sourceKey: 'held-a' }));
    await world.database.db.transaction((tx) => grant(ctx(tx), { ...base, sourceKey: 'held-b' }));
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toEqual({ available: 0, pending: 160, held: 0 });
    await world.database.db.transaction((tx) => approve(ctx(tx), world.tenantId, 'held-a'));
    await world.database.db.transaction((tx) => reverse(ctx(tx), world.tenantId, 'held-b'));
    await world.database.db.transaction((tx) => reverse(ctx(tx), world.tenantId, 'held-b'));
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toEqual({ available: 80, pending: 0, held: 0 });
    expect(await ledgerIsBalanced()).toBe(true);
  });

  it('never takes a reversal below zero: points already spent are recorded as the grant’s shortfall', async () => {
    const customer = await newCustomer();
    const key = await givePoints(customer.id, 100);
    await holdPoints(world.database.db, {
      tenantId: world.tenantId,
      customerId: customer.id,
      amount: 70,
      key: 'spent-first',
      reason: 'a hoodie',
    });
    await world.database.db.transaction((tx) => reverse({ tx, emit: world.deps.platform.emit }, world.tenantId, key));
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toEqual({ available: 0, pending: 0, held: 70 });
    const [reversed] = await world.database.db.select().from(schema.rewardGrants).where(eq(schema.rewardGrants.sourceKey, key));
    expect(reversed).toMatchObject({ status: 'reversed', shortfall: 70 });
  });

  it('records every grant as an event other domains can react to', async () => {
    const customer = await newCustomer();
    const key = await givePoints(customer.id, 5);
    const events = await world.database.db.select().from(schema.events).where(eq(schema.events.userId, customer.externalId));
    expect(events.map((e) => [e.event, e.producer, e.properties.source_key])).toEqual([
      ['reward_granted', 'domain', key],
      ['reward_approved', 'domain', key],
    ]);
  });
});

describe('points procedures', () => {
  it('shows the customer their balance and a paginated history, newest first', async () => {
    const customer = await newCustomer();
    for (const amount of [10, 20, 30]) await givePoints(customer.id, amount);
    const caller = await customerCaller(world, customer.externalId);
    expect(await caller.points.balance()).toEqual({ available: 60, pending: 0, held: 0 });
    const first = await caller.points.history({ limit: 4 });
    expect(first.items.map((i) => [i.kind, i.amount])).toEqual([
      ['approved', 30],
      ['earned', 30],
      ['approved', 20],
      ['earned', 20],
    ]);
    expect(first.items[0]).toMatchObject({ source: 'test', bucket: 'available', reason: null });
    const second = await caller.points.history({ limit: 4, cursor: first.nextCursor });
    expect(second.items.map((i) => [i.kind, i.amount])).toEqual([
      ['approved', 10],
      ['earned', 10],
    ]);
    expect(second.nextCursor).toBeNull();
    // Another customer's history is their own.
    expect((await (await customerCaller(world, 'someone-else')).points.history({})).items).toEqual([]);
  });

  it('lets an owner adjust a balance with a reason, once per request, never below zero; nobody else', async () => {
    const customer = await newCustomer();
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const requestId = randomUUID();
    const input = { customer: customer.externalId, amount: 25, reason: 'Sorry for the outage', requestId };
    await owner.console.points.adjust(input);
    expect(await owner.console.points.adjust(input)).toEqual({ available: 25, pending: 0, held: 0 });
    await expect(owner.console.points.adjust({ ...input, amount: -26, requestId: randomUUID() })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'amount: would leave -1 points; 25 are available',
    });
    await expect(owner.console.points.adjust({ ...input, reason: '', requestId: randomUUID() })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('reason'),
    });
    await expect(owner.console.points.adjust({ ...input, customer: 'nobody-at-all', requestId: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.points.adjust({ ...input, requestId: randomUUID() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const history = await (await customerCaller(world, customer.externalId)).points.history({});
    expect(history.items).toEqual([
      expect.objectContaining({ kind: 'adjusted', amount: 25, reason: 'Sorry for the outage', source: 'adjustment' }),
    ]);
  });
});

describe('points expiry', () => {
  it('never expires points without a policy; with one, expires what stayed unspent past the window, once a day', async () => {
    const customer = await newCustomer();
    await givePoints(customer.id, 100);
    await givePoints(customer.id, 30);
    // The 100 became available 40 days ago; the 30 just now.
    await world.database.db.execute(sql`
      update points_entries set created_at = now() - interval '40 days'
      where account_id = (select id from points_accounts where customer_id = ${customer.id}) and amount = 100`);
    await world.drain();
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toMatchObject({ available: 130 });

    const owner = await consoleCaller(world, 'owner@flywheel.test');
    await owner.console.points.setExpiry({ expireAfterDays: 30 });
    await world.drain();
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toMatchObject({ available: 30 });
    const history = await (await customerCaller(world, customer.externalId)).points.history({ limit: 1 });
    expect(history.items[0]).toMatchObject({ kind: 'expired', amount: -100, bucket: 'available', source: 'expiry' });
    // The next run is tomorrow's; setting the policy again today runs nothing twice.
    await owner.console.points.setExpiry({ expireAfterDays: 30 });
    await world.drain();
    expect(await pointsBalance(world.database.db, world.tenantId, customer.id)).toMatchObject({ available: 30 });
    expect(await owner.console.points.expiry()).toEqual({ expireAfterDays: 30 });
    await owner.console.points.setExpiry({ expireAfterDays: null });
    expect(await ledgerIsBalanced()).toBe(true);
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.points.setExpiry({ expireAfterDays: 7 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
