import { randomUUID } from 'node:crypto';
import { type Db, type ReferralStatus, type RewardSpec, schema } from '@flywheel/db';
import { evalCondition } from '@growthbook/growthbook';
import { and, eq, gte, inArray, lte, ne, or, sql } from 'drizzle-orm';
import { normalizeCode, normalizeEmailForFraud } from './codes.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Program = typeof schema.referralPrograms.$inferSelect;

/** Every transition is an event in the events table, as the tenant's own events are. */
async function recordTransition(tx: Tx | Db, tenantId: string, event: string, userId: string, properties: Record<string, unknown>) {
  await tx
    .insert(schema.events)
    .values({ tenantId, messageId: `referral:${randomUUID()}`, type: 'track', event, userId, properties, timestamp: new Date() });
}

export async function programFor(db: Tx | Db, tenantId: string): Promise<Program | null> {
  const [program] = await db.select().from(schema.referralPrograms).where(eq(schema.referralPrograms.tenantId, tenantId));
  return program ?? null;
}

/**
 * Attributes a friend to the owner of `code` (from identify traits `referral_code`, or the widget
 * on the landing page). The first attribution wins; a customer using their own code is recorded
 * and held, never silently dropped.
 */
export async function attribute(tx: Tx | Db, tenantId: string, friend: { id: string; externalId: string }, rawCode: string) {
  const code = normalizeCode(rawCode);
  if (!code) return null;
  const [owner] = await tx
    .select({ referrerId: schema.referralCodes.customerId })
    .from(schema.referralCodes)
    .where(and(eq(schema.referralCodes.tenantId, tenantId), eq(schema.referralCodes.code, code)));
  if (!owner) return null;
  const [click] = await tx
    .select({ clickedAt: schema.referralClicks.clickedAt, channel: schema.referralClicks.channel })
    .from(schema.referralClicks)
    .innerJoin(schema.customerAliases, eq(schema.customerAliases.anonymousId, schema.referralClicks.anonymousId))
    .where(
      and(
        eq(schema.referralClicks.tenantId, tenantId),
        eq(schema.referralClicks.code, code),
        eq(schema.customerAliases.customerId, friend.id),
      ),
    )
    .limit(1);
  const [created] = await tx
    .insert(schema.referrals)
    .values({
      tenantId,
      referrerId: owner.referrerId,
      friendId: friend.id,
      code,
      channel: click?.channel ?? null,
      clickedAt: click?.clickedAt ?? null,
    })
    .onConflictDoNothing({ target: [schema.referrals.tenantId, schema.referrals.friendId] })
    .returning({ id: schema.referrals.id });
  if (created) await recordTransition(tx, tenantId, 'referral_signed_up', friend.externalId, { referral_id: created.id, code });
  return created?.id ?? null;
}

/** Why a qualified referral looks suspicious; empty when it does not. */
async function fraudSignals(tx: Tx, tenantId: string, referral: typeof schema.referrals.$inferSelect, program: Program): Promise<string[]> {
  const reasons: string[] = [];
  if (referral.referrerId === referral.friendId) return ['self-referral: the friend is the referrer'];
  const people = await tx
    .select({ id: schema.customers.id, email: schema.customers.email, firstSeenAt: schema.customers.firstSeenAt })
    .from(schema.customers)
    .where(inArray(schema.customers.id, [referral.referrerId, referral.friendId]));
  const referrer = people.find((p) => p.id === referral.referrerId);
  const friend = people.find((p) => p.id === referral.friendId);
  if (referrer?.email && friend?.email && normalizeEmailForFraud(referrer.email) === normalizeEmailForFraud(friend.email)) {
    reasons.push('self-referral: same email address');
  }
  const sharedDevice = await tx.execute(sql`
    select 1 from customer_aliases a join customer_aliases b on a.tenant_id = b.tenant_id and a.anonymous_id = b.anonymous_id
    where a.tenant_id = ${tenantId} and a.customer_id = ${referral.referrerId} and b.customer_id = ${referral.friendId} limit 1`);
  if ((sharedDevice as { rows: unknown[] }).rows.length > 0) reasons.push('self-referral: same device');
  const firstContact = referral.clickedAt ?? referral.createdAt;
  if (friend && friend.firstSeenAt.getTime() < firstContact.getTime() - 60_000)
    reasons.push('the friend was already a customer before the referral');
  const [recent] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.referrals)
    .where(
      and(
        eq(schema.referrals.tenantId, tenantId),
        eq(schema.referrals.referrerId, referral.referrerId),
        ne(schema.referrals.id, referral.id),
        gte(schema.referrals.qualifiedAt, sql`now() - interval '30 days'`),
      ),
    );
  if ((recent?.n ?? 0) >= program.monthlyCap) reasons.push(`velocity: over the cap of ${program.monthlyCap} rewarded referrals in 30 days`);
  return reasons;
}

/**
 * A coupon reward gets its own code, the first of the pool nobody was given yet; the primary key
 * on issued codes keeps two racing grants from taking the same one. An empty pool leaves the
 * reward without a code, for the tenant to fill in.
 */
async function withCouponCode(tx: Tx, tenantId: string, reward: RewardSpec): Promise<RewardSpec> {
  if (reward.type !== 'coupon') return reward;
  for (const code of reward.pool) {
    const [issued] = await tx
      .insert(schema.referralCouponsIssued)
      .values({ tenantId, code })
      .onConflictDoNothing()
      .returning({ code: schema.referralCouponsIssued.code });
    if (issued) return { type: 'coupon', pool: [], code: issued.code };
  }
  return { type: 'coupon', pool: [] };
}

async function grantRewards(tx: Tx, referral: typeof schema.referrals.$inferSelect, program: Program, status: 'pending' | 'approved') {
  // The referrer gets what their widget offered them (flag-evaluated, stored with the code).
  const [code] = await tx
    .select({ offer: schema.referralCodes.offer })
    .from(schema.referralCodes)
    .where(and(eq(schema.referralCodes.tenantId, referral.tenantId), eq(schema.referralCodes.code, referral.code)));
  // Only a reward actually inserted may take a coupon: a replay finds the rewards there already.
  const [existing] = await tx
    .select({ id: schema.referralRewards.id })
    .from(schema.referralRewards)
    .where(eq(schema.referralRewards.referralId, referral.id))
    .limit(1);
  if (existing) return;
  const referrerReward = await withCouponCode(tx, referral.tenantId, code?.offer ?? program.referrerReward);
  const friendReward = await withCouponCode(tx, referral.tenantId, program.friendReward);
  // The unique index on (referral_id, side) makes this exactly-once, however many callers race.
  await tx
    .insert(schema.referralRewards)
    .values([
      {
        tenantId: referral.tenantId,
        referralId: referral.id,
        side: 'referrer',
        customerId: referral.referrerId,
        reward: referrerReward,
        status,
      },
      {
        tenantId: referral.tenantId,
        referralId: referral.id,
        side: 'friend',
        customerId: referral.friendId,
        reward: friendReward,
        status,
      },
    ])
    .onConflictDoNothing();
}

/** Milestones the referrer has now reached; the primary key makes each one exactly-once. */
async function grantMilestones(tx: Tx, tenantId: string, referrerId: string, program: Program) {
  const [counted] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.referrals)
    .where(
      and(
        eq(schema.referrals.tenantId, tenantId),
        eq(schema.referrals.referrerId, referrerId),
        inArray(schema.referrals.status, ['pending', 'approved', 'paid']),
      ),
    );
  const reached = program.milestones.filter((m) => m.friends <= (counted?.n ?? 0));
  if (reached.length === 0) return;
  await tx
    .insert(schema.referralMilestoneRewards)
    .values(
      reached.map((m) => ({
        tenantId,
        customerId: referrerId,
        friends: m.friends,
        reward: m.reward,
        approveAfter: sql`now() + make_interval(hours => ${program.holdHours})`,
      })),
    )
    .onConflictDoNothing();
}

/**
 * A qualifying event for a referred friend: in the caller's transaction, lock the referral, move
 * it from signed_up to pending (rewards granted, approved after the hold) or held (with the fraud
 * signals). Replays and concurrent duplicates find it no longer signed_up and change nothing.
 */
export async function qualify(tx: Tx, tenantId: string, friendExternalId: string, program: Program) {
  const [referral] = await tx
    .select({ referral: schema.referrals })
    .from(schema.referrals)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.referrals.friendId))
    .where(and(eq(schema.referrals.tenantId, tenantId), eq(schema.customers.externalId, friendExternalId)))
    .for('update', { of: schema.referrals });
  const row = referral?.referral;
  if (row?.status !== 'signed_up') return;
  const reasons = await fraudSignals(tx, tenantId, row, program);
  const status: ReferralStatus = reasons.length > 0 ? 'held' : 'pending';
  await tx
    .update(schema.referrals)
    .set({
      status,
      reasons,
      qualifiedAt: sql`now()`,
      approveAfter: sql`now() + make_interval(hours => ${program.holdHours})`,
      updatedAt: sql`now()`,
    })
    .where(eq(schema.referrals.id, row.id));
  if (status === 'pending') {
    await grantRewards(tx, row, program, 'pending');
    await grantMilestones(tx, row.tenantId, row.referrerId, program);
  }
  await recordTransition(tx, tenantId, status === 'held' ? 'referral_held' : 'referral_qualified', friendExternalId, {
    referral_id: row.id,
    reasons,
  });
}

/** A refund: the referral and both rewards are reversed. */
export async function reverse(tx: Tx, tenantId: string, friendExternalId: string) {
  const rows = await tx
    .update(schema.referrals)
    .set({ status: 'reversed', updatedAt: sql`now()` })
    .where(
      and(
        eq(schema.referrals.tenantId, tenantId),
        inArray(schema.referrals.status, ['pending', 'approved', 'paid']),
        eq(schema.referrals.friendId, sql`(select id from customers where tenant_id = ${tenantId} and external_id = ${friendExternalId})`),
      ),
    )
    .returning({ id: schema.referrals.id });
  for (const { id } of rows) {
    await tx.update(schema.referralRewards).set({ status: 'reversed' }).where(eq(schema.referralRewards.referralId, id));
    await recordTransition(tx, tenantId, 'referral_reversed', friendExternalId, { referral_id: id });
  }
}

/**
 * Approves referrals and milestone rewards whose hold has passed; idempotent. The BFF's timer
 * runs it per tenant; a widget read runs it for its own customer only (as referrer or friend),
 * so a read never sweeps the whole tenant.
 */
export async function approveDue(db: Db, tenantId: string, { customerId, now = new Date() }: { customerId?: string; now?: Date } = {}) {
  await db
    .update(schema.referralMilestoneRewards)
    .set({ status: 'approved' })
    .where(
      and(
        eq(schema.referralMilestoneRewards.tenantId, tenantId),
        eq(schema.referralMilestoneRewards.status, 'pending'),
        lte(schema.referralMilestoneRewards.approveAfter, now),
        customerId ? eq(schema.referralMilestoneRewards.customerId, customerId) : undefined,
      ),
    );
  const due = await db
    .update(schema.referrals)
    .set({ status: 'approved', updatedAt: sql`now()` })
    .where(
      and(
        eq(schema.referrals.tenantId, tenantId),
        eq(schema.referrals.status, 'pending'),
        lte(schema.referrals.approveAfter, now),
        customerId ? or(eq(schema.referrals.referrerId, customerId), eq(schema.referrals.friendId, customerId)) : undefined,
      ),
    )
    .returning({ id: schema.referrals.id, friendId: schema.referrals.friendId });
  if (due.length === 0) return 0;
  await db
    .update(schema.referralRewards)
    .set({ status: 'approved' })
    .where(
      and(
        inArray(
          schema.referralRewards.referralId,
          due.map((d) => d.id),
        ),
        eq(schema.referralRewards.status, 'pending'),
      ),
    );
  for (const referral of due) {
    await recordTransition(db, tenantId, 'referral_approved', await externalIdOf(db, referral.friendId), { referral_id: referral.id });
  }
  return due.length;
}

async function externalIdOf(db: Tx | Db, customerId: string) {
  const [row] = await db
    .select({ externalId: schema.customers.externalId })
    .from(schema.customers)
    .where(eq(schema.customers.id, customerId));
  return row?.externalId ?? customerId;
}

/** A moderator's decision on a held referral. */
export async function review(db: Db, tenantId: string, referralId: string, decision: 'approve' | 'reject', reason: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(schema.referrals)
      .where(and(eq(schema.referrals.tenantId, tenantId), eq(schema.referrals.id, referralId)))
      .for('update');
    if (row?.status !== 'held') return null;
    const program = await programFor(tx, tenantId);
    const status: ReferralStatus = decision === 'approve' ? 'approved' : 'rejected';
    await tx
      .update(schema.referrals)
      .set({ status, reasons: [...row.reasons, `${decision}d: ${reason}`], updatedAt: sql`now()` })
      .where(eq(schema.referrals.id, row.id));
    if (decision === 'approve' && program) await grantRewards(tx, row, program, 'approved');
    await recordTransition(tx, tenantId, `referral_${status}`, await externalIdOf(tx, row.friendId), { referral_id: row.id, reason });
    return status;
  });
}

type StoredEvent = {
  type: string;
  event?: string | null;
  userId?: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
};

/**
 * What new events mean for referrals, inside the ingestion transaction: identify with a
 * `referral_code` trait attributes; the program's qualifying event (sent by the tenant's server)
 * qualifies; its reversal event reverses.
 */
export async function onEventsStored(tx: Tx, tenantId: string, trusted: boolean, events: StoredEvent[]) {
  const relevant = events.filter((e) => e.userId && (e.type === 'identify' || e.type === 'track'));
  if (relevant.length === 0) return;
  let program: Program | null | undefined;
  for (const event of relevant) {
    const userId = event.userId as string;
    const code = event.type === 'identify' ? event.traits?.referral_code : undefined;
    if (typeof code === 'string') {
      const [friend] = await tx
        .select({ id: schema.customers.id, externalId: schema.customers.externalId })
        .from(schema.customers)
        .where(and(eq(schema.customers.tenantId, tenantId), eq(schema.customers.externalId, userId)));
      if (friend) await attribute(tx, tenantId, friend, code);
      continue;
    }
    // Only the tenant's server may move money: a customer token cannot fake a purchase.
    if (event.type !== 'track' || !trusted) continue;
    program ??= await programFor(tx, tenantId);
    if (!program) return;
    if (event.event === program.qualifyingEvent && evalCondition(event.properties ?? {}, (program.qualifyingCondition ?? {}) as never)) {
      await qualify(tx, tenantId, userId, program);
    } else if (event.event === program.reversalEvent) {
      await reverse(tx, tenantId, userId);
    }
  }
}
