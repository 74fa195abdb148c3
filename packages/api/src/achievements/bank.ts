import type { CatalogueItemInput, RedemptionState } from '@flywheel/contracts/achievements';
import { type Db, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { externalIdOf } from '../customers/index.ts';
import type { Emit, Schedule, WorkContext } from '../platform/index.ts';
import * as rewards from '../rewards/index.ts';
import { bankBoughtFreeze, levelFor, settingsOf } from './streaks.ts';

type Item = typeof schema.catalogueItems.$inferSelect;
type Redemption = typeof schema.redemptions.$inferSelect;

export type RedemptionView = {
  id: string;
  rewardId: string;
  status: RedemptionState;
  price: number;
  code: string | null;
  createdAt: string;
};

const viewOf = (r: Redemption): RedemptionView => ({
  id: r.id,
  rewardId: r.itemId,
  status: r.status,
  price: r.price,
  code: r.code,
  createdAt: r.createdAt.toISOString(),
});

const holdKey = (redemptionId: string) => `redemption:${redemptionId}`;

/** The tenant's catalogue; customers see the active items only. */
export async function catalogueOf(db: Db | Tx, tenantId: string, which: 'active' | 'all') {
  return db
    .select()
    .from(schema.catalogueItems)
    .where(and(eq(schema.catalogueItems.tenantId, tenantId), which === 'active' ? eq(schema.catalogueItems.status, 'active') : undefined))
    .orderBy(schema.catalogueItems.price, schema.catalogueItems.createdAt);
}

/** Adds an item; a coupon's stock is the size of its pool. */
export async function createItem(db: Db, tenantId: string, input: CatalogueItemInput) {
  const stock = input.fulfilment.type === 'coupon' ? input.fulfilment.pool.length : input.stock;
  const [row] = await db
    .insert(schema.catalogueItems)
    .values({ tenantId, ...input, stock })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function retireItem(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .update(schema.catalogueItems)
    .set({ status: 'retired' })
    .where(and(eq(schema.catalogueItems.tenantId, tenantId), eq(schema.catalogueItems.id, id)))
    .returning({ id: schema.catalogueItems.id });
  return Boolean(row);
}

async function redemptionByKey(db: Db | Tx, tenantId: string, customerId: string, key: string) {
  const [row] = await db
    .select()
    .from(schema.redemptions)
    .where(
      and(
        eq(schema.redemptions.tenantId, tenantId),
        eq(schema.redemptions.customerId, customerId),
        eq(schema.redemptions.idempotencyKey, key),
      ),
    );
  return row ?? null;
}

/** The same key sent again: the first redemption, or a conflict when it named another reward. */
function replayed(existing: Redemption, itemId: string): RedemptionView {
  if (existing.itemId !== itemId) {
    throw new TRPCError({ code: 'CONFLICT', message: 'idempotencyKey: already used for another reward; send a new key' });
  }
  return viewOf(existing);
}

class RedeemedConcurrently extends Error {}

async function recordRedemption(ctx: { tx: Tx; emit: Emit }, r: Redemption, what: 'redeemed' | 'fulfilled' | 'failed', reason?: string) {
  await ctx.emit(ctx.tx, {
    tenantId: r.tenantId,
    messageId: `redemption:${r.id}:${what}`,
    event: what === 'redeemed' ? 'points_redeemed' : `redemption_${what}`,
    userId: await externalIdOf(ctx.tx, r.tenantId, r.customerId),
    properties: {
      redemption_id: r.id,
      item_id: r.itemId,
      ...(what === 'redeemed' ? { price: r.price } : {}),
      ...(reason ? { reason } : {}),
    },
  });
}

/** Spends the held points and marks the redemption delivered. */
async function fulfil(ctx: { tx: Tx; emit: Emit }, r: Redemption, code: string | null = null) {
  await rewards.endHold(ctx.tx, { tenantId: r.tenantId, customerId: r.customerId, key: holdKey(r.id), outcome: 'settle' });
  const [done] = await ctx.tx
    .update(schema.redemptions)
    .set({ status: 'fulfilled', code, updatedAt: sql`now()` })
    .where(eq(schema.redemptions.id, r.id))
    .returning();
  if (!done) throw new Error('redemption vanished');
  await recordRedemption(ctx, done, 'fulfilled');
  return done;
}

/**
 * Redeems a reward for the customer, once per idempotency key. Under the item's row lock (so
 * stock and the per-customer limit are checked by one redemption at a time) it takes one from
 * stock and holds the price (rewards.holdPoints, under the points account's lock, so the balance
 * never goes negative). A coupon or a freeze is delivered at once; a webhook reward is held
 * until the tenant's endpoint confirms it, and given back if it cannot be delivered.
 */
export async function redeem(
  db: Db,
  work: { emit: Emit; schedule: Schedule },
  input: {
    tenantId: string;
    customerId: string;
    itemId: string;
    idempotencyKey: string;
    /** The `achievement-wall.freezes` experiment, asked only for a freeze: a customer not offered freezes cannot buy one. */
    freezesOffered: () => Promise<boolean>;
  },
): Promise<RedemptionView> {
  const { tenantId, customerId, itemId, idempotencyKey } = input;
  const earlier = await redemptionByKey(db, tenantId, customerId, idempotencyKey);
  if (earlier) return replayed(earlier, itemId);
  try {
    return await db.transaction(async (tx) => {
      const ctx = { tx, emit: work.emit };
      const [item] = await tx
        .select()
        .from(schema.catalogueItems)
        .where(
          and(
            eq(schema.catalogueItems.tenantId, tenantId),
            eq(schema.catalogueItems.id, itemId),
            eq(schema.catalogueItems.status, 'active'),
          ),
        )
        .for('update');
      if (!item || (item.fulfilment.type === 'freeze' && !(await input.freezesOffered()))) {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'rewardId: no such reward in the catalogue' });
      }
      await checkEligible(tx, item, customerId);

      let stockLeft: number | null = null;
      if (item.stock !== null) {
        const [taken] = await tx
          .update(schema.catalogueItems)
          .set({ stock: sql`${schema.catalogueItems.stock} - 1` })
          .where(and(eq(schema.catalogueItems.id, item.id), sql`${schema.catalogueItems.stock} > 0`))
          .returning({ stock: schema.catalogueItems.stock });
        if (!taken) throw new TRPCError({ code: 'BAD_REQUEST', message: 'rewardId: this reward is out of stock' });
        stockLeft = taken.stock;
      }
      const [created] = await tx
        .insert(schema.redemptions)
        .values({ tenantId, customerId, itemId, idempotencyKey, price: item.price })
        .onConflictDoNothing()
        .returning();
      if (!created) throw new RedeemedConcurrently();
      await rewards.holdPoints(tx, { tenantId, customerId, amount: item.price, key: holdKey(created.id), reason: `catalogue:${item.id}` });
      await recordRedemption(ctx, created, 'redeemed');

      const { fulfilment } = item;
      if (fulfilment.type === 'coupon') return viewOf(await fulfil(ctx, created, fulfilment.pool[stockLeft ?? 0] ?? null));
      if (fulfilment.type === 'freeze') {
        await bankBoughtFreeze(tx, tenantId, customerId, created.id);
        return viewOf(await fulfil(ctx, created));
      }
      await work.schedule(tx, {
        tenantId,
        name: 'achievements.fulfil',
        key: created.id,
        runAt: new Date(),
        payload: { redemptionId: created.id },
      });
      return viewOf(created);
    });
  } catch (error) {
    // The same key raced in from another request: answer with the redemption that won.
    if (!(error instanceof RedeemedConcurrently)) throw error;
    const winner = await redemptionByKey(db, tenantId, customerId, idempotencyKey);
    if (!winner) throw new Error('concurrent redemption vanished');
    return replayed(winner, itemId);
  }
}

/** Level, per-customer limit and balance, each refused with words the widget can show as they are. */
async function checkEligible(tx: Tx, item: Item, customerId: string) {
  if (item.minLevel > 0) {
    const { levelCurve } = await settingsOf(tx, item.tenantId);
    const { level } = levelFor(await rewards.lifetimePoints(tx, item.tenantId, customerId), levelCurve);
    if (level < item.minLevel) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `rewardId: needs level ${item.minLevel}; you are level ${level}` });
    }
  }
  if (item.perCustomerLimit !== null) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.redemptions)
      .where(
        and(
          eq(schema.redemptions.itemId, item.id),
          eq(schema.redemptions.customerId, customerId),
          inArray(schema.redemptions.status, ['pending', 'fulfilled']),
        ),
      );
    if ((row?.n ?? 0) >= item.perCustomerLimit) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `rewardId: you have redeemed this the most times allowed (${item.perCustomerLimit})`,
      });
    }
  }
  const { available } = await rewards.pointsBalance(tx, item.tenantId, customerId);
  if (available < item.price) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `rewardId: not enough points: you have ${available}, this needs ${item.price}` });
  }
}

/** Gives a pending redemption's points back and its unit back to stock: delivery failed, or it was cancelled. */
export async function unwind(ctx: { tx: Tx; emit: Emit }, tenantId: string, redemptionId: string, reason: string) {
  const [failed] = await ctx.tx
    .update(schema.redemptions)
    .set({ status: reason === 'cancelled' ? 'cancelled' : 'failed', failure: reason, updatedAt: sql`now()` })
    .where(
      and(eq(schema.redemptions.tenantId, tenantId), eq(schema.redemptions.id, redemptionId), eq(schema.redemptions.status, 'pending')),
    )
    .returning();
  if (!failed) return null;
  await rewards.endHold(ctx.tx, { tenantId, customerId: failed.customerId, key: holdKey(failed.id), outcome: 'release' });
  await ctx.tx
    .update(schema.catalogueItems)
    .set({ stock: sql`${schema.catalogueItems.stock} + 1` })
    .where(and(eq(schema.catalogueItems.id, failed.itemId), sql`${schema.catalogueItems.stock} is not null`));
  await recordRedemption(ctx, failed, 'failed', reason);
  return viewOf(failed);
}

/** A pending redemption with its item, for the job that delivers it. */
export async function pendingRedemption(db: Db | Tx, tenantId: string, redemptionId: string) {
  const [row] = await db
    .select({ redemption: schema.redemptions, item: schema.catalogueItems })
    .from(schema.redemptions)
    .innerJoin(schema.catalogueItems, eq(schema.catalogueItems.id, schema.redemptions.itemId))
    .where(
      and(eq(schema.redemptions.tenantId, tenantId), eq(schema.redemptions.id, redemptionId), eq(schema.redemptions.status, 'pending')),
    );
  return row ?? null;
}

/** The tenant's endpoint confirmed delivery. */
export async function confirmDelivered(ctx: WorkContext, tenantId: string, redemptionId: string) {
  const pending = await pendingRedemption(ctx.tx, tenantId, redemptionId);
  if (pending) await fulfil(ctx, pending.redemption);
}

/** The customer's redemptions, newest first. */
export async function redemptionsOf(db: Db | Tx, tenantId: string, customerId: string) {
  const rows = await db
    .select()
    .from(schema.redemptions)
    .where(and(eq(schema.redemptions.tenantId, tenantId), eq(schema.redemptions.customerId, customerId)))
    .orderBy(desc(schema.redemptions.createdAt))
    .limit(50);
  return rows.map(viewOf);
}

/** The fulfilment log: the tenant's latest redemptions with who and what. */
export async function fulfilmentLog(db: Db, tenantId: string) {
  const rows = await db
    .select({ redemption: schema.redemptions, customer: schema.customers.externalId, item: schema.catalogueItems.texts })
    .from(schema.redemptions)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.redemptions.customerId))
    .innerJoin(schema.catalogueItems, eq(schema.catalogueItems.id, schema.redemptions.itemId))
    .where(eq(schema.redemptions.tenantId, tenantId))
    .orderBy(desc(schema.redemptions.createdAt))
    .limit(200);
  return rows.map(({ redemption, customer, item }) => ({
    ...viewOf(redemption),
    customer,
    item: item.en.name,
    failure: redemption.failure,
  }));
}
