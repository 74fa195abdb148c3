import { type Db, queryRows, schema, type Tx } from '@flywheel/db';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { job, type Schedule } from '../platform/index.ts';
import { lockAccount, post } from './ledger.ts';

const DAY = 24 * 60 * 60 * 1000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export async function expiryPolicy(db: Db | Tx, tenantId: string): Promise<number | null> {
  const [policy] = await db.select().from(schema.pointsPolicies).where(eq(schema.pointsPolicies.tenantId, tenantId));
  return policy?.expireAfterDays ?? null;
}

/** Sets (or, with null, removes) the tenant's expiry and schedules today's expiry run. */
export async function setExpiryPolicy(
  ctx: { tx: Tx; schedule: Schedule },
  input: { tenantId: string; expireAfterDays: number | null; updatedBy: string },
) {
  const values = { expireAfterDays: input.expireAfterDays, updatedBy: input.updatedBy, updatedAt: new Date() };
  await ctx.tx
    .insert(schema.pointsPolicies)
    .values({ tenantId: input.tenantId, ...values })
    .onConflictDoUpdate({ target: schema.pointsPolicies.tenantId, set: values });
  if (input.expireAfterDays !== null) await scheduleRun(ctx, input.tenantId, new Date());
  return { expireAfterDays: input.expireAfterDays };
}

/** One expiry run per tenant and day: the key makes a second scheduling of the same day a no-op. */
const scheduleRun = (ctx: { tx: Tx; schedule: Schedule }, tenantId: string, runAt: Date) =>
  ctx.schedule(ctx.tx, { tenantId, name: 'rewards.expire-points', key: `points-expiry:${dayOf(runAt)}`, runAt, payload: {} });

/**
 * Expires, in every account of the tenant, the available points older than the policy's window:
 * spending takes the oldest points first, so what is available beyond the points that became
 * available inside the window is old and unspent. One entry per account and day.
 */
async function expireOldPoints(tx: Tx, tenantId: string, days: number, now: Date) {
  const windowStart = new Date(now.getTime() - days * DAY).toISOString();
  const accounts = await queryRows<{ account_id: string; available: number; recent: number }>(
    tx,
    sql`select account_id,
          (coalesce(sum(amount) filter (where to_bucket = 'available'), 0)
            - coalesce(sum(amount) filter (where from_bucket = 'available'), 0))::int as available,
          coalesce(sum(amount) filter (where to_bucket = 'available' and created_at >= ${windowStart}), 0)::int as recent
        from points_entries where tenant_id = ${tenantId} group by account_id`,
  );
  for (const account of accounts) {
    const expiring = account.available - account.recent;
    if (expiring <= 0) continue;
    await lockAccount(tx, account.account_id);
    await post(tx, {
      tenantId,
      accountId: account.account_id,
      key: `expire:${account.account_id}:${dayOf(now)}`,
      kind: 'expire',
      from: 'available',
      to: 'expired',
      amount: expiring,
      reason: `unspent for ${days} days`,
    });
  }
}

export const rewardJobs = [
  job({
    name: 'rewards.expire-points',
    payload: z.object({}),
    async handle(ctx) {
      const days = await expiryPolicy(ctx.tx, ctx.tenantId);
      if (days === null) return; // the policy was removed: the daily runs stop here
      await expireOldPoints(ctx.tx, ctx.tenantId, days, ctx.now);
      await scheduleRun(
        ctx,
        ctx.tenantId,
        new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), ctx.now.getUTCDate() + 1, 3)),
      );
    },
  }),
];
