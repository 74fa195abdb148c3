import type { FraudSignal } from '@flywheel/contracts/referral';
import type { RewardSpec } from '@flywheel/contracts/rewards';
import { type Db, type ReferralStatus, schema, type Tx } from '@flywheel/db';
import { and, eq, gte, inArray, like, ne, sql } from 'drizzle-orm';
import { customersByIds, externalIdOf, findCustomer, shareADevice, stitchAlias } from '../customers/index.ts';
import type { Emit, Schedule } from '../platform/index.ts';
import * as rewards from '../rewards/index.ts';
import { normalizeCode, normalizeEmailForFraud } from './codes.ts';

export type Program = typeof schema.referralPrograms.$inferSelect;
type Referral = typeof schema.referrals.$inferSelect;
/** What lifecycle steps need: the transaction, and the platform's emit and schedule. */
export type Ctx = { tx: Tx; emit: Emit; schedule: Schedule };

/** Referral statuses that count as a rewarded friend (for milestones and the monthly cap). */
export const REWARDED: ReferralStatus[] = ['pending', 'approved', 'paid'];

const sideKey = (referralId: string, side: 'referrer' | 'friend') => `referral:${referralId}:${side}`;
const milestonePrefix = (referrerId: string, friends: number) => `referral:${referrerId}:milestone:${friends}:`;

export async function programFor(db: Db | Tx, tenantId: string): Promise<Program | null> {
  const [program] = await db.select().from(schema.referralPrograms).where(eq(schema.referralPrograms.tenantId, tenantId));
  return program ?? null;
}

/** Every transition is an event, with a message id that makes it once per referral and step. */
async function recordTransition(
  ctx: Ctx,
  referral: Referral,
  step: string,
  friendExternalId: string,
  properties: Record<string, unknown> = {},
) {
  await ctx.emit(ctx.tx, {
    tenantId: referral.tenantId,
    messageId: `referral:${referral.id}:${step}`,
    event: `referral_${step}`,
    userId: friendExternalId,
    properties: { referral_id: referral.id, referrer_id: referral.referrerId, ...properties },
    // The referrer's widget lists this friend and their status.
    alsoShownTo: [await externalIdOf(ctx.tx, referral.tenantId, referral.referrerId)],
  });
}

/**
 * Attributes a friend to the owner of `code` (identify trait `referral_code`, or the landing
 * page's widget). `clickId` is the visitor id the link's redirect carried: it is stitched to the
 * friend, which is what ties the click (and its share channel) to them. The first attribution
 * wins; a customer using their own code is recorded and held later, never silently dropped.
 * While the program is paused, nobody is attributed.
 */
export async function attribute(
  ctx: Ctx,
  tenantId: string,
  friend: { id: string; externalId: string },
  rawCode: string,
  clickId?: string | null,
): Promise<string | null> {
  const code = normalizeCode(rawCode);
  if (!code) return null;
  // A paused program takes no new referrals (decision 021).
  if ((await programFor(ctx.tx, tenantId))?.pausedAt) return null;
  const [owner] = await ctx.tx
    .select({ referrerId: schema.referralCodes.customerId })
    .from(schema.referralCodes)
    .where(and(eq(schema.referralCodes.tenantId, tenantId), eq(schema.referralCodes.code, code)));
  if (!owner) return null;
  if (clickId) await stitchAlias(ctx.tx, tenantId, friend.id, clickId);
  const [click] = await ctx.tx
    .select({ clickedAt: schema.referralClicks.clickedAt, channel: schema.referralClicks.channel })
    .from(schema.referralClicks)
    .innerJoin(
      schema.customerAliases,
      and(
        eq(schema.customerAliases.tenantId, schema.referralClicks.tenantId),
        eq(schema.customerAliases.anonymousId, schema.referralClicks.anonymousId),
      ),
    )
    .where(
      and(
        eq(schema.referralClicks.tenantId, tenantId),
        eq(schema.referralClicks.code, code),
        eq(schema.customerAliases.customerId, friend.id),
      ),
    )
    .orderBy(schema.referralClicks.clickedAt)
    .limit(1);
  const [created] = await ctx.tx
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
    .returning();
  if (created) await recordTransition(ctx, created, 'signed_up', friend.externalId, { code });
  return created?.id ?? null;
}

/** How long after the referrer used a network and browser a friend's click from them counts as theirs. */
const SAME_NETWORK_HOURS = 24;

/**
 * Whether the friend opened the referral link from the IP address and user agent the referrer
 * used their referral center from (sightings) within SAME_NETWORK_HOURS before the click, or since.
 */
async function clickedFromReferrersNetwork(tx: Tx, referral: Referral): Promise<boolean> {
  const k = schema.referralClicks;
  const a = schema.customerAliases;
  const s = schema.referrerSightings;
  const [row] = await tx
    .select({ code: k.code })
    .from(k)
    .innerJoin(a, and(eq(a.tenantId, k.tenantId), eq(a.anonymousId, k.anonymousId)))
    .innerJoin(s, and(eq(s.tenantId, k.tenantId), eq(s.fingerprint, k.fingerprint)))
    .where(
      and(
        eq(k.tenantId, referral.tenantId),
        eq(k.code, referral.code),
        eq(a.customerId, referral.friendId),
        eq(s.customerId, referral.referrerId),
        gte(s.seenAt, sql`${k.clickedAt} - make_interval(hours => ${SAME_NETWORK_HOURS})`),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Why a qualified referral looks suspicious; empty when it does not. Runs under the referrer's
 * row lock, so the monthly cap counts every referral of theirs qualified before this one.
 */
async function fraudSignals(tx: Tx, referral: Referral, program: Program): Promise<FraudSignal[]> {
  if (referral.referrerId === referral.friendId) return [{ code: 'self_referral' }];
  const signals: FraudSignal[] = [];
  const people = await customersByIds(tx, referral.tenantId, [referral.referrerId, referral.friendId]);
  const referrer = people.find((p) => p.id === referral.referrerId);
  const friend = people.find((p) => p.id === referral.friendId);
  if (referrer?.email && friend?.email && normalizeEmailForFraud(referrer.email) === normalizeEmailForFraud(friend.email)) {
    signals.push({ code: 'same_email' });
  }
  if (await shareADevice(tx, referral.tenantId, referral.referrerId, referral.friendId)) signals.push({ code: 'same_device' });
  if (await clickedFromReferrersNetwork(tx, referral)) signals.push({ code: 'same_network', params: { hours: SAME_NETWORK_HOURS } });
  const firstContact = referral.clickedAt ?? referral.createdAt;
  if (friend && friend.firstSeenAt.getTime() < firstContact.getTime() - 60_000) signals.push({ code: 'existing_customer' });
  const [recent] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.referrals)
    .where(
      and(
        eq(schema.referrals.tenantId, referral.tenantId),
        eq(schema.referrals.referrerId, referral.referrerId),
        ne(schema.referrals.id, referral.id),
        inArray(schema.referrals.status, REWARDED),
        gte(schema.referrals.qualifiedAt, sql`now() - interval '30 days'`),
      ),
    );
  if ((recent?.n ?? 0) >= program.monthlyCap) signals.push({ code: 'velocity', params: { cap: program.monthlyCap } });
  return signals;
}

/**
 * Serialises everything that counts a referrer's friends (cap, milestones) across workers, on the
 * referrer's code row: every referrer has exactly one, and it is this domain's own.
 */
export async function lockReferrer(tx: Tx, referrerId: string) {
  await tx
    .select({ code: schema.referralCodes.code })
    .from(schema.referralCodes)
    .where(eq(schema.referralCodes.customerId, referrerId))
    .for('update');
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

/** Both sides' rewards, once per referral: the source keys are unique in the rewards domain. */
async function grantRewards(ctx: Ctx, referral: Referral, program: Program, status: 'pending' | 'approved') {
  // Only a grant actually made may take a coupon: a replay finds the grants there already.
  if (await rewards.grantBySourceKey(ctx.tx, referral.tenantId, sideKey(referral.id, 'referrer'))) return;
  // The referrer gets what their widget offered them (flag-evaluated, stored with the code).
  const [code] = await ctx.tx
    .select({ offer: schema.referralCodes.offer })
    .from(schema.referralCodes)
    .where(and(eq(schema.referralCodes.tenantId, referral.tenantId), eq(schema.referralCodes.code, referral.code)));
  const sides = [
    { side: 'referrer' as const, customerId: referral.referrerId, spec: code?.offer ?? program.referrerReward },
    { side: 'friend' as const, customerId: referral.friendId, spec: program.friendReward },
  ];
  for (const { side, customerId, spec } of sides) {
    await rewards.grant(ctx, {
      tenantId: referral.tenantId,
      customerId,
      source: 'referral',
      sourceKey: sideKey(referral.id, side),
      spec: await withCouponCode(ctx.tx, referral.tenantId, spec),
      status,
    });
  }
}

/**
 * A qualifying event for a referred friend: locks the referral, moves it from signed_up to
 * pending (rewards granted, approved by a job after the hold) or held (with the fraud signals).
 * Replays find it no longer signed_up and change nothing.
 */
export async function qualify(ctx: Ctx, tenantId: string, friendExternalId: string, program: Program) {
  const friend = await findCustomer(ctx.tx, tenantId, friendExternalId);
  if (!friend) return;
  const [row] = await ctx.tx
    .select()
    .from(schema.referrals)
    .where(and(eq(schema.referrals.tenantId, tenantId), eq(schema.referrals.friendId, friend.id)))
    .for('update');
  if (row?.status !== 'signed_up') return;
  await lockReferrer(ctx.tx, row.referrerId);
  const signals = await fraudSignals(ctx.tx, row, program);
  const status: ReferralStatus = signals.length > 0 ? 'held' : 'pending';
  const approveAfter = new Date(Date.now() + program.holdHours * 3_600_000);
  const [updated] = await ctx.tx
    .update(schema.referrals)
    .set({ status, signals, qualifiedAt: sql`now()`, approveAfter, updatedAt: sql`now()` })
    .where(eq(schema.referrals.id, row.id))
    .returning();
  if (!updated) return;
  if (status === 'pending') {
    await grantRewards(ctx, updated, program, 'pending');
    await ctx.schedule(ctx.tx, {
      tenantId,
      name: 'referral.approve',
      key: `referral:${row.id}:approve`,
      runAt: approveAfter,
      payload: { referralId: row.id },
    });
  }
  await recordTransition(ctx, updated, status === 'held' ? 'held' : 'qualified', friendExternalId, {
    signals: signals.map((signal) => signal.code),
  });
}

/** The hold passed: a pending referral and both its rewards are approved. */
export async function approveAfterHold(ctx: Ctx, tenantId: string, referralId: string) {
  const [approved] = await ctx.tx
    .update(schema.referrals)
    .set({ status: 'approved', updatedAt: sql`now()` })
    .where(and(eq(schema.referrals.tenantId, tenantId), eq(schema.referrals.id, referralId), eq(schema.referrals.status, 'pending')))
    .returning();
  if (!approved) return;
  for (const side of ['referrer', 'friend'] as const) await rewards.approve(ctx, tenantId, sideKey(approved.id, side));
  await recordTransition(ctx, approved, 'approved', await externalIdOf(ctx.tx, tenantId, approved.friendId));
}

/** A refund: the referral (also while held for review) and both its rewards are reversed. */
export async function reverse(ctx: Ctx, tenantId: string, friendExternalId: string) {
  const friend = await findCustomer(ctx.tx, tenantId, friendExternalId);
  if (!friend) return;
  const rows = await ctx.tx
    .update(schema.referrals)
    .set({ status: 'reversed', updatedAt: sql`now()` })
    .where(
      and(
        eq(schema.referrals.tenantId, tenantId),
        eq(schema.referrals.friendId, friend.id),
        inArray(schema.referrals.status, [...REWARDED, 'held']),
      ),
    )
    .returning();
  for (const referral of rows) {
    for (const side of ['referrer', 'friend'] as const) await rewards.reverse(ctx, tenantId, sideKey(referral.id, side));
    await recordTransition(ctx, referral, 'reversed', friendExternalId);
  }
}

/** A moderator's decision on a held referral, recorded with who made it; null when it is not held (any more). */
export async function review(
  ctx: Ctx,
  tenantId: string,
  referralId: string,
  decision: { decision: 'approve' | 'reject'; note: string; by: string },
) {
  const [row] = await ctx.tx
    .select()
    .from(schema.referrals)
    .where(and(eq(schema.referrals.tenantId, tenantId), eq(schema.referrals.id, referralId)))
    .for('update');
  if (row?.status !== 'held') return null;
  const program = await programFor(ctx.tx, tenantId);
  const status: ReferralStatus = decision.decision === 'approve' ? 'approved' : 'rejected';
  const [updated] = await ctx.tx
    .update(schema.referrals)
    .set({ status, decisionNote: decision.note, decidedBy: decision.by, decidedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(schema.referrals.id, row.id))
    .returning();
  if (!updated) return null;
  if (decision.decision === 'approve' && program) await grantRewards(ctx, updated, program, 'approved');
  await recordTransition(ctx, updated, status, await externalIdOf(ctx.tx, tenantId, row.friendId), { reason: decision.note });
  return status;
}

/**
 * Brings a referrer's milestone rewards in line with their rewarded friends: each milestone
 * reached has one live grant (pending until its hold passes), each no longer reached (a friend
 * was refunded) has none. A milestone lost and reached again is granted again, as a new round.
 */
export async function settleMilestones(ctx: Ctx, tenantId: string, referrerId: string) {
  const program = await programFor(ctx.tx, tenantId);
  if (!program || program.milestones.length === 0) return;
  await lockReferrer(ctx.tx, referrerId);
  const [counted] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.referrals)
    .where(
      and(eq(schema.referrals.tenantId, tenantId), eq(schema.referrals.referrerId, referrerId), inArray(schema.referrals.status, REWARDED)),
    );
  const friends = counted?.n ?? 0;
  for (const milestone of program.milestones) {
    const prefix = milestonePrefix(referrerId, milestone.friends);
    const rounds = await ctx.tx
      .select({ sourceKey: schema.rewardGrants.sourceKey, status: schema.rewardGrants.status })
      .from(schema.rewardGrants)
      .where(and(eq(schema.rewardGrants.tenantId, tenantId), like(schema.rewardGrants.sourceKey, `${prefix}%`)));
    const live = rounds.find((r) => r.status !== 'reversed');
    if (milestone.friends <= friends && !live) {
      const sourceKey = `${prefix}${rounds.length}`;
      await rewards.grant(ctx, {
        tenantId,
        customerId: referrerId,
        source: 'referral',
        sourceKey,
        spec: milestone.reward,
        status: 'pending',
      });
      await ctx.schedule(ctx.tx, {
        tenantId,
        name: 'referral.approve-milestone',
        key: `${sourceKey}:approve`,
        runAt: new Date(Date.now() + program.holdHours * 3_600_000),
        payload: { sourceKey },
      });
    } else if (milestone.friends > friends && live) {
      await rewards.reverse(ctx, tenantId, live.sourceKey);
    }
  }
}

/** An event's referral-code trait (identify) and the link's visitor id, when it carries them. */
export async function attributeFromTraits(ctx: Ctx, tenantId: string, userId: string, traits: Record<string, unknown>) {
  const code = traits.referral_code;
  if (typeof code !== 'string') return;
  const friend = await findCustomer(ctx.tx, tenantId, userId);
  const click = typeof traits.referral_click === 'string' ? traits.referral_click : null;
  if (friend) await attribute(ctx, tenantId, friend, code, click);
}
