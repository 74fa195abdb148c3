import type { CursorPage } from '@flywheel/contracts/pagination';
import type { PointsHistoryEntry } from '@flywheel/contracts/rewards';
import { type Db, type PointsBucket, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { accountFor, balancesOf, entryExists, lockAccount, post } from './ledger.ts';

/** The customer's points: spendable, on hold (earned, not yet approved), and reserved by redemptions in flight. */
export async function pointsBalance(db: Db | Tx, tenantId: string, customerId: string) {
  return balancesOf(db, await accountFor(db, tenantId, customerId));
}

/**
 * Reserves points for a redemption: moves them from available to held, under the account's row
 * lock, so concurrent spends take turns and the available balance never goes below zero. Fails
 * with BAD_REQUEST naming `amount` when the balance is short. `key` names the redemption: the
 * same key reserves once. Settle or release the hold afterwards. Given a transaction, it runs
 * inside it (as a savepoint), so a domain can hold points atomically with its own writes.
 */
export async function holdPoints(
  db: Db | Tx,
  input: { tenantId: string; customerId: string; amount: number; key: string; reason: string },
) {
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
export async function endHold(db: Db | Tx, input: { tenantId: string; customerId: string; key: string; outcome: 'settle' | 'release' }) {
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

/**
 * Points the customer has earned in all: what came in from the tenant, less what was reversed or
 * corrected away. Spending and expiry do not lower it, so a level built on it never drops when
 * the customer uses their points.
 */
export async function lifetimePoints(db: Db | Tx, tenantId: string, customerId: string): Promise<number> {
  const accountId = await accountFor(db, tenantId, customerId);
  const e = schema.pointsEntries;
  const [row] = await db
    .select({
      total: sql<number>`(coalesce(sum(${e.amount}) filter (where ${e.fromBucket} = 'issued'), 0)
        - coalesce(sum(${e.amount}) filter (where ${e.toBucket} in ('issued', 'reversed')), 0))::int`,
    })
    .from(e)
    .where(and(eq(e.accountId, accountId), or(inArray(e.fromBucket, ['issued']), inArray(e.toBucket, ['issued', 'reversed']))));
  return row?.total ?? 0;
}

/** An owner's (or the tenant's server's: adjustedBy null) correction, with its reason, credited to or debited from available points (never below zero). */
export async function adjustPoints(
  db: Db,
  input: { tenantId: string; customerId: string; amount: number; reason: string; key: string; adjustedBy: string | null },
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
export async function pointsHistory(
  db: Db,
  tenantId: string,
  customerId: string,
  page: { cursor?: string | undefined; limit: number },
  /** For the console: each adjustment names the console user who made it. Never for customers. */
  audit = false,
): Promise<CursorPage<PointsHistoryEntry & { adjustedBy?: string | null }>> {
  // The cursor is the last entry's id: entries are append-only, so ids order them for good.
  if (page.cursor !== undefined && !/^[1-9]\d{0,15}$/.test(page.cursor)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'cursor: pass back the nextCursor of the page before' });
  }
  const before = page.cursor === undefined ? undefined : Number(page.cursor);
  const accountId = await accountFor(db, tenantId, customerId);
  const rows = await db
    .select({ entry: schema.pointsEntries, source: schema.rewardGrants.source, author: schema.consoleUsers.email })
    .from(schema.pointsEntries)
    .leftJoin(schema.rewardGrants, eq(schema.rewardGrants.id, schema.pointsEntries.grantId))
    .leftJoin(schema.consoleUsers, eq(schema.consoleUsers.id, schema.pointsEntries.createdBy))
    .where(
      and(
        eq(schema.pointsEntries.accountId, accountId),
        before ? lt(schema.pointsEntries.id, before) : undefined,
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
  const items = rows.slice(0, page.limit).map(({ entry: row, source, author }) => {
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
      ...(audit ? { adjustedBy: author } : {}),
    };
  });
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return { items, nextCursor: last ? String(last.entry.id) : null };
}
