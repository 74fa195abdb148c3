import type { RewardSpec } from '@flywheel/contracts/rewards';
import { type Db, schema, type Tx } from '@flywheel/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { externalIdOf } from '../customers/index.ts';
import type { Emit } from '../platform/index.ts';
import { accountFor, balancesOf, lockAccount, post } from './ledger.ts';

type Grant = typeof schema.rewardGrants.$inferSelect;
type Ctx = { tx: Tx; emit: Emit };

async function record(ctx: Ctx, grant: Grant, what: 'granted' | 'approved' | 'reversed' | 'paid') {
  await ctx.emit(ctx.tx, {
    tenantId: grant.tenantId,
    messageId: `reward:${grant.id}:${what}`,
    event: `reward_${what}`,
    userId: await externalIdOf(ctx.tx, grant.tenantId, grant.customerId),
    properties: { grant_id: grant.id, source: grant.source, source_key: grant.sourceKey, reward: grant.spec },
  });
}

export async function grantBySourceKey(db: Db | Tx, tenantId: string, sourceKey: string): Promise<Grant | null> {
  const [row] = await db
    .select()
    .from(schema.rewardGrants)
    .where(and(eq(schema.rewardGrants.tenantId, tenantId), eq(schema.rewardGrants.sourceKey, sourceKey)));
  return row ?? null;
}

/**
 * What a domain's grants add up to per status and unit: credit per currency and points summed,
 * coupons and custom rewards counted (the console's cost and liability).
 */
export async function grantTotals(db: Db | Tx, tenantId: string, source: string) {
  const g = schema.rewardGrants;
  const rows = await db
    .select({
      status: g.status,
      type: sql<RewardSpec['type']>`${g.spec}->>'type'`,
      currency: sql<string | null>`${g.spec}->>'currency'`,
      amount: sql<string | null>`sum((${g.spec}->>'amount')::numeric)::text`,
      count: sql<number>`count(*)::int`,
    })
    .from(g)
    .where(and(eq(g.tenantId, tenantId), eq(g.source, source)))
    .groupBy(g.status, sql`2`, sql`3`);
  return rows.map((row) => ({ ...row, amount: row.amount === null ? null : Number(row.amount) }));
}

/** The grants with these source keys, for a domain listing many of its own at once. */
export async function grantsBySourceKeys(db: Db | Tx, tenantId: string, sourceKeys: string[]): Promise<Grant[]> {
  if (sourceKeys.length === 0) return [];
  return db
    .select()
    .from(schema.rewardGrants)
    .where(and(eq(schema.rewardGrants.tenantId, tenantId), inArray(schema.rewardGrants.sourceKey, sourceKeys)));
}

/**
 * Grants a reward once per source key: a replay, or a racing duplicate, finds the grant there and
 * changes nothing. Points land in the customer's pending bucket, and move to available at once
 * when the grant is made approved. Resolves to the new grant, or null if it existed.
 */
export async function grant(
  ctx: Ctx,
  input: { tenantId: string; customerId: string; source: string; sourceKey: string; spec: RewardSpec; status: 'pending' | 'approved' },
): Promise<Grant | null> {
  const [created] = await ctx.tx
    .insert(schema.rewardGrants)
    .values(input)
    .onConflictDoNothing({ target: [schema.rewardGrants.tenantId, schema.rewardGrants.sourceKey] })
    .returning();
  if (!created) return null;
  if (created.spec.type === 'points') {
    const accountId = await accountFor(ctx.tx, created.tenantId, created.customerId);
    const base = { tenantId: created.tenantId, accountId, amount: created.spec.amount, grantId: created.id, reason: created.sourceKey };
    await post(ctx.tx, { ...base, key: `grant:${created.id}:earn`, kind: 'earn', from: 'issued', to: 'pending' });
    if (created.status === 'approved')
      await post(ctx.tx, { ...base, key: `grant:${created.id}:approve`, kind: 'approve', from: 'pending', to: 'available' });
  }
  await record(ctx, created, 'granted');
  if (created.status === 'approved') await record(ctx, created, 'approved');
  return created;
}

/** Approves a pending grant (its hold passed, or a moderator approved it); anything else is left alone. */
export async function approve(ctx: Ctx, tenantId: string, sourceKey: string): Promise<Grant | null> {
  const [approved] = await ctx.tx
    .update(schema.rewardGrants)
    .set({ status: 'approved', updatedAt: sql`now()` })
    .where(
      and(
        eq(schema.rewardGrants.tenantId, tenantId),
        eq(schema.rewardGrants.sourceKey, sourceKey),
        eq(schema.rewardGrants.status, 'pending'),
      ),
    )
    .returning();
  if (!approved) return null;
  if (approved.spec.type === 'points') {
    const accountId = await accountFor(ctx.tx, tenantId, approved.customerId);
    await post(ctx.tx, {
      tenantId,
      accountId,
      key: `grant:${approved.id}:approve`,
      kind: 'approve',
      from: 'pending',
      to: 'available',
      amount: approved.spec.amount,
      grantId: approved.id,
      reason: sourceKey,
    });
  }
  await record(ctx, approved, 'approved');
  return approved;
}

/**
 * Reverses a grant (a refund, fraud): its points go back exactly as they came. Points already
 * spent cannot be taken back without a negative balance, so what is missing is recorded on the
 * grant as its shortfall, for the tenant to settle.
 */
export async function reverse(ctx: Ctx, tenantId: string, sourceKey: string): Promise<Grant | null> {
  const [current] = await ctx.tx
    .select()
    .from(schema.rewardGrants)
    .where(
      and(
        eq(schema.rewardGrants.tenantId, tenantId),
        eq(schema.rewardGrants.sourceKey, sourceKey),
        inArray(schema.rewardGrants.status, ['pending', 'approved', 'paid']),
      ),
    )
    .for('update');
  if (!current) return null;
  let shortfall = 0;
  if (current.spec.type === 'points') {
    const accountId = await accountFor(ctx.tx, tenantId, current.customerId);
    const base = { tenantId, accountId, grantId: current.id, reason: sourceKey, kind: 'reverse' as const, to: 'reversed' as const };
    if (current.status === 'pending') {
      await post(ctx.tx, { ...base, key: `grant:${current.id}:reverse`, from: 'pending', amount: current.spec.amount });
    } else {
      await lockAccount(ctx.tx, accountId);
      const taken = Math.min(current.spec.amount, (await balancesOf(ctx.tx, accountId)).available);
      shortfall = current.spec.amount - taken;
      if (taken > 0) await post(ctx.tx, { ...base, key: `grant:${current.id}:reverse`, from: 'available', amount: taken });
    }
  }
  const [reversed] = await ctx.tx
    .update(schema.rewardGrants)
    .set({ status: 'reversed', shortfall, updatedAt: sql`now()` })
    .where(eq(schema.rewardGrants.id, current.id))
    .returning();
  if (!reversed) return null;
  await record(ctx, reversed, 'reversed');
  return reversed;
}

/** The grant was fulfilled (the tenant's system confirmed a webhook reward): approved → paid. */
export async function markPaid(ctx: Ctx, tenantId: string, grantId: string): Promise<Grant | null> {
  const [paid] = await ctx.tx
    .update(schema.rewardGrants)
    .set({ status: 'paid', updatedAt: sql`now()` })
    .where(and(eq(schema.rewardGrants.tenantId, tenantId), eq(schema.rewardGrants.id, grantId), eq(schema.rewardGrants.status, 'approved')))
    .returning();
  if (paid) await record(ctx, paid, 'paid');
  return paid ?? null;
}

/** A grant by id, for the domain that fulfils it. */
export async function grantById(db: Db | Tx, tenantId: string, grantId: string): Promise<Grant | null> {
  const [row] = await db
    .select()
    .from(schema.rewardGrants)
    .where(and(eq(schema.rewardGrants.tenantId, tenantId), eq(schema.rewardGrants.id, grantId)));
  return row ?? null;
}

/** A customer's grants from one source, newest last, for the widget that shows them. */
export async function grantsOf(db: Db | Tx, tenantId: string, customerId: string, source: string) {
  return db
    .select({
      id: schema.rewardGrants.id,
      sourceKey: schema.rewardGrants.sourceKey,
      spec: schema.rewardGrants.spec,
      status: schema.rewardGrants.status,
      createdAt: schema.rewardGrants.createdAt,
    })
    .from(schema.rewardGrants)
    .where(
      and(
        eq(schema.rewardGrants.tenantId, tenantId),
        eq(schema.rewardGrants.customerId, customerId),
        eq(schema.rewardGrants.source, source),
      ),
    )
    .orderBy(schema.rewardGrants.createdAt);
}

/** Everything granted to a customer by every domain, newest first (the newest 500). */
export async function rewardsOf(db: Db, tenantId: string, customerId: string) {
  const g = schema.rewardGrants;
  const rows = await db
    .select({ id: g.id, source: g.source, spec: g.spec, status: g.status, createdAt: g.createdAt })
    .from(g)
    .where(and(eq(g.tenantId, tenantId), eq(g.customerId, customerId)))
    .orderBy(desc(g.createdAt))
    .limit(500);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
