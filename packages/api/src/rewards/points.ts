import type { PointsHistoryEntry } from '@flywheel/contracts/rewards';
import { type Db, type PointsBucket, schema } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { accountFor, balancesOf, entryExists, lockAccount, post } from './ledger.ts';

/** The customer's points: spendable, on hold (earned, not yet approved), and reserved by redemptions in flight. */
export async function pointsBalance(db: Db, tenantId: string, customerId: string) {
  return balancesOf(db, await accountFor(db, tenantId, customerId));
}

/**
 * Reserves points for a redemption: moves them from available to held, under the account's row
 * lock, so concurrent spends take turns and the available balance never goes below zero. Fails
 * with BAD_REQUEST naming `amount` when the balance is short. `key` names the redemption: the
 * same key reserves once. Settle or release the hold afterwards.
 */
export async function holdPoints(db: Db, input: { tenantId: string; customerId: string; amount: number; key: string; reason: string }) {
  return db.transaction(async (tx) => {
    const accountId = await accountFor(tx, input.tenantId, input.customerId);
    await lockAccount(tx, accountId);
    if (await entryExists(tx, input.tenantId, `spend:${input.key}:hold`)) return balancesOf(tx, accountId);
    const { available } = await balancesOf(tx, accountId);
    if (available < input.amount) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `amount: ${input.amount} points needed, ${available} available` });
    }
    const base = { tenantId: input.tenantId, accountId, amount: input.amount, reason: input.reason };
    await post(tx, { ...base, key: `spend:${input.key}:hold`, kind: 'hold', from: 'available', to: 'held' });
    return balancesOf(tx, accountId);
  });
}

/** Ends a redemption's hold: `settle` spends the points, `release` gives them back. Exactly one of the two happens. */
export async function endHold(db: Db, input: { tenantId: string; customerId: string; key: string; outcome: 'settle' | 'release' }) {
  return db.transaction(async (tx) => {
    const accountId = await accountFor(tx, input.tenantId, input.customerId);
    await lockAccount(tx, accountId);
    const [hold] = await tx
      .select({ amount: schema.pointsEntries.amount, reason: schema.pointsEntries.reason })
      .from(schema.pointsEntries)
      .where(and(eq(schema.pointsEntries.tenantId, input.tenantId), eq(schema.pointsEntries.idempotencyKey, `spend:${input.key}:hold`)));
    if (!hold) throw new TRPCError({ code: 'NOT_FOUND', message: 'key: no points are held under this key' });
    const ended =
      (await entryExists(tx, input.tenantId, `spend:${input.key}:settle`)) ||
      (await entryExists(tx, input.tenantId, `spend:${input.key}:release`));
    if (!ended) {
      await post(tx, {
        tenantId: input.tenantId,
        accountId,
        key: `spend:${input.key}:${input.outcome}`,
        kind: input.outcome,
        from: 'held',
        to: input.outcome === 'settle' ? 'spent' : 'available',
        amount: hold.amount,
        reason: hold.reason,
      });
    }
    return balancesOf(tx, accountId);
  });
}

/** An owner's correction, with its reason, credited to or debited from available points (never below zero). */
export async function adjustPoints(
  db: Db,
  input: { tenantId: string; customerId: string; amount: number; reason: string; key: string; adjustedBy: string },
) {
  return db.transaction(async (tx) => {
    const accountId = await accountFor(tx, input.tenantId, input.customerId);
    await lockAccount(tx, accountId);
    const { available } = await balancesOf(tx, accountId);
    if (available + input.amount < 0) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `amount: would leave ${available + input.amount} points; ${available} are available`,
      });
    }
    await post(tx, {
      tenantId: input.tenantId,
      accountId,
      key: `adjust:${input.key}`,
      kind: 'adjust',
      from: input.amount > 0 ? 'issued' : 'available',
      to: input.amount > 0 ? 'available' : 'issued',
      amount: Math.abs(input.amount),
      reason: input.reason,
      createdBy: input.adjustedBy,
    });
    return balancesOf(tx, accountId);
  });
}

const CUSTOMER_BUCKETS: readonly PointsBucket[] = ['pending', 'available'];
const KIND_LABEL = {
  earn: 'earned',
  approve: 'approved',
  reverse: 'reversed',
  hold: 'spent',
  release: 'released',
  adjust: 'adjusted',
  expire: 'expired',
  settle: 'spent',
} as const;

/**
 * The customer's points history, newest first, a page at a time: every entry that moved points
 * into or out of their pending or available points (a settled redemption shows once, when held).
 */
export async function pointsHistory(db: Db, tenantId: string, customerId: string, page: { cursor?: number | undefined; limit: number }) {
  const accountId = await accountFor(db, tenantId, customerId);
  const rows = await db
    .select({ entry: schema.pointsEntries, source: schema.rewardGrants.source })
    .from(schema.pointsEntries)
    .leftJoin(schema.rewardGrants, eq(schema.rewardGrants.id, schema.pointsEntries.grantId))
    .where(
      and(
        eq(schema.pointsEntries.accountId, accountId),
        page.cursor ? lt(schema.pointsEntries.id, page.cursor) : undefined,
        or(
          eq(schema.pointsEntries.toBucket, 'pending'),
          eq(schema.pointsEntries.toBucket, 'available'),
          eq(schema.pointsEntries.fromBucket, 'pending'),
          eq(schema.pointsEntries.fromBucket, 'available'),
        ),
      ),
    )
    .orderBy(desc(schema.pointsEntries.id))
    .limit(page.limit + 1);
  const items: PointsHistoryEntry[] = rows.slice(0, page.limit).map(({ entry: row, source }) => {
    const into = CUSTOMER_BUCKETS.includes(row.toBucket);
    return {
      id: String(row.id),
      amount: into ? row.amount : -row.amount,
      kind: KIND_LABEL[row.kind],
      bucket: (into ? row.toBucket : row.fromBucket) as 'pending' | 'available',
      // Grants' reasons are internal source keys; only an owner's adjustment carries words for the customer.
      reason: row.kind === 'adjust' ? row.reason : null,
      source: source ?? (row.kind === 'adjust' ? 'adjustment' : row.kind === 'expire' ? 'expiry' : 'redemption'),
      at: row.createdAt.toISOString(),
    };
  });
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return { items, nextCursor: last ? last.entry.id : null };
}
