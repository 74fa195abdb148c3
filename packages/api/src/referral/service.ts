import type { RewardSpec } from '@flywheel/contracts/rewards';
import { type Db, schema, type Tx } from '@flywheel/db';
import { flagAttributes } from '@flywheel/flags';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { ApiDeps } from '../context.ts';
import { type Customer, customersByIds } from '../customers/index.ts';
import { evaluatorFor } from '../flags/index.ts';
import { grantsOf } from '../rewards/index.ts';
import { generateCode, maskEmail } from './codes.ts';
import { programFor, REWARDED } from './lifecycle.ts';

/** What a console preview shows as its code: not one a link can resolve (it has letters the alphabet leaves out). */
export const PREVIEW_CODE = 'PREVIEW0';

/** A customer's referrals listed at once: the newest this many. */
const MAX_LISTED = 500;

/** The customer's code (and the offer last shown with it), created on first request; a collision (rare) draws again. */
export async function codeFor(db: Db, customer: Customer): Promise<{ code: string; offer: RewardSpec | null }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [existing] = await db
      .select({ code: schema.referralCodes.code, offer: schema.referralCodes.offer })
      .from(schema.referralCodes)
      .where(and(eq(schema.referralCodes.tenantId, customer.tenantId), eq(schema.referralCodes.customerId, customer.id)));
    if (existing) return existing;
    await db
      .insert(schema.referralCodes)
      .values({ tenantId: customer.tenantId, customerId: customer.id, code: generateCode() })
      .onConflictDoNothing();
  }
  throw new Error('could not allocate a referral code');
}

/**
 * The referrer reward this customer is offered: the program's, with its amount from the
 * `referral-center.reward` flag, evaluated here on the server and stored with the code, so the
 * reward granted later is the one shown now.
 */
async function offerFor(
  deps: ApiDeps,
  customer: Customer,
  publishableKey: string,
  base: RewardSpec,
  stored: RewardSpec | null,
): Promise<RewardSpec> {
  if (base.type !== 'credit' && base.type !== 'points') return base;
  const attributes = flagAttributes({
    customerId: customer.externalId,
    publishableKey,
    traits: customer.traits,
    segments: customer.segments,
    widgets: ['referral-center'],
  });
  const { gb, done } = await evaluatorFor(deps, customer.tenantId, attributes);
  const amount = gb.getFeatureValue('referral-center.reward', base.amount);
  await done();
  const offer = { ...base, amount: typeof amount === 'number' && amount > 0 ? amount : base.amount };
  // Written only when it changes: this runs on every widget load.
  if (JSON.stringify(offer) === JSON.stringify(stored)) return offer;
  await deps.db
    .update(schema.referralCodes)
    .set({ offer })
    .where(and(eq(schema.referralCodes.tenantId, customer.tenantId), eq(schema.referralCodes.customerId, customer.id)));
  return offer;
}

/**
 * Rewards added up per unit: points together, credit per currency; coupons and custom rewards,
 * which do not add up, one by one. Newest units last, as they were first earned.
 */
export function totalsOf(specs: RewardSpec[]): RewardSpec[] {
  const totals: RewardSpec[] = [];
  for (const spec of specs) {
    const same = totals.find(
      (t) =>
        (t.type === 'points' && spec.type === 'points') || (t.type === 'credit' && spec.type === 'credit' && t.currency === spec.currency),
    );
    if (same && (same.type === 'points' || same.type === 'credit') && (spec.type === 'points' || spec.type === 'credit')) {
      same.amount = Math.round((same.amount + spec.amount) * 100) / 100;
    } else totals.push({ ...spec });
  }
  return totals;
}

type Friend = { id: string; name: string | null };

/**
 * The customer's referral rewards as they read them, newest first: what each is for (a friend
 * they invited, the friend who invited them, a milestone), where it stands, and until when a
 * pending one is held.
 */
async function rewardRows(db: Db, customer: Customer, friends: Friend[]) {
  const grants = await grantsOf(db, customer.tenantId, customer.id, 'referral');
  const sides = grants.map((g) => /^referral:([0-9a-f-]{36}):(referrer|friend)$/.exec(g.sourceKey));
  const referralIds = sides.flatMap((m) => (m?.[1] ? [m[1]] : []));
  const referrals = referralIds.length
    ? await db
        .select({ id: schema.referrals.id, approveAfter: schema.referrals.approveAfter, referrer: schema.customers.name })
        .from(schema.referrals)
        .innerJoin(schema.customers, eq(schema.customers.id, schema.referrals.referrerId))
        .where(and(eq(schema.referrals.tenantId, customer.tenantId), inArray(schema.referrals.id, referralIds)))
    : [];
  const byId = new Map(referrals.map((r) => [r.id, r]));
  const firstName = (name: string | null | undefined) => name?.trim().split(/\s+/)[0] ?? null;
  return grants
    .map((grant, i) => {
      const [, referralId, side] = sides[i] ?? [];
      const referral = referralId ? byId.get(referralId) : undefined;
      const milestone = /^referral:[0-9a-f-]{36}:milestone:(\d+):/.exec(grant.sourceKey)?.[1];
      return {
        id: grant.id,
        at: grant.createdAt.toISOString(),
        spec: grant.spec,
        status: grant.status,
        /** Why it was granted: the friend invited, the referrer who invited this customer, or a milestone. */
        for:
          side === 'referrer'
            ? ({ kind: 'friend', name: firstName(friends.find((f) => f.id === referralId)?.name) } as const)
            : side === 'friend'
              ? ({ kind: 'invitedBy', name: firstName(referral?.referrer) } as const)
              : ({ kind: 'milestone', friends: Number(milestone ?? 0) } as const),
        approvesAt: grant.status === 'pending' ? (referral?.approveAfter?.toISOString() ?? null) : null,
      };
    })
    .reverse();
}

/** Everything the referral center shows its customer. */
export async function summaryFor(deps: ApiDeps, customer: Customer, publishableKey: string) {
  const { db } = deps;
  const program = await programFor(db, customer.tenantId);
  if (!program) return null;
  // A console preview shows the widget as a customer sees it, but holds no real code: nothing it
  // shares can ever be attributed or rewarded.
  const preview = customer.traits.preview === true;
  const { code, offer } = preview ? { code: PREVIEW_CODE, offer: null } : await codeFor(db, customer);
  const referrerReward = preview ? program.referrerReward : await offerFor(deps, customer, publishableKey, program.referrerReward, offer);
  const referred = await db
    .select({ id: schema.referrals.id, status: schema.referrals.status, friendId: schema.referrals.friendId })
    .from(schema.referrals)
    .where(and(eq(schema.referrals.tenantId, customer.tenantId), eq(schema.referrals.referrerId, customer.id)))
    .orderBy(schema.referrals.createdAt);
  const people = new Map(
    (
      await customersByIds(
        db,
        customer.tenantId,
        referred.map((r) => r.friendId),
      )
    ).map((p) => [p.id, p]),
  );
  const friends = referred.map((r) => ({ ...r, name: people.get(r.friendId)?.name ?? null, email: people.get(r.friendId)?.email ?? null }));
  const rewards = await rewardRows(db, customer, friends);
  const qualified = friends.filter((f) => REWARDED.includes(f.status)).length;
  const next = program.milestones.find((m) => m.friends > qualified) ?? null;
  return {
    code,
    /** Relative to the BFF: the widget prefixes its apiBase. */
    linkPath: `/r/${code}`,
    referrerReward,
    friendReward: program.friendReward,
    holdHours: program.holdHours,
    /** While paused, the widget says so instead of inviting. */
    paused: program.pausedAt !== null,
    terms: program.terms,
    friends: friends.map((f) => ({ id: f.id, name: f.name?.split(' ')[0] ?? null, email: maskEmail(f.email), status: f.status })),
    rewards: {
      items: rewards,
      totals: {
        earned: totalsOf(rewards.filter((r) => r.status === 'approved' || r.status === 'paid').map((r) => r.spec)),
        pending: totalsOf(rewards.filter((r) => r.status === 'pending').map((r) => r.spec)),
      },
    },
    milestones: { qualified, next: next ? { friends: next.friends, reward: next.reward } : null },
  };
}

/** Whether any referral the customer is part of (as referrer or friend) is held for fraud review or was rejected. */
export async function hasFraudHolds(db: Db | Tx, tenantId: string, customerId: string): Promise<boolean> {
  const r = schema.referrals;
  const [row] = await db
    .select({ id: r.id })
    .from(r)
    .where(
      and(eq(r.tenantId, tenantId), or(eq(r.referrerId, customerId), eq(r.friendId, customerId)), inArray(r.status, ['held', 'rejected'])),
    )
    .limit(1);
  return Boolean(row);
}

/** The friends a customer referred, newest first, with where each stands. */
export async function referralsBy(db: Db, tenantId: string, referrerId: string) {
  const r = schema.referrals;
  const rows = await db
    .select({ id: r.id, friendId: schema.customers.externalId, status: r.status, channel: r.channel, createdAt: r.createdAt })
    .from(r)
    .innerJoin(schema.customers, eq(schema.customers.id, r.friendId))
    .where(and(eq(r.tenantId, tenantId), eq(r.referrerId, referrerId)))
    .orderBy(desc(r.createdAt))
    .limit(MAX_LISTED);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** Deletes the referral-link visits made from a customer's devices (their erasure). */
export async function eraseClicks(tx: Tx, tenantId: string, anonymousIds: string[]) {
  if (anonymousIds.length === 0) return;
  const c = schema.referralClicks;
  await tx.delete(c).where(and(eq(c.tenantId, tenantId), inArray(c.anonymousId, anonymousIds)));
}

/** A reward as a friend may read it before signing up: a coupon says it is one, never its codes. */
function publicReward(reward: RewardSpec): RewardSpec {
  return reward.type === 'coupon' ? { type: 'coupon', pool: [] } : reward;
}

/**
 * What a referral link's landing page tells the friend: who invited them (their first name only)
 * and what the friend gets. Null for a code this tenant never issued.
 */
export async function inviteFor(db: Db, tenantId: string, code: string) {
  const [row] = await db
    .select({ name: schema.customers.name })
    .from(schema.referralCodes)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.referralCodes.customerId))
    .where(and(eq(schema.referralCodes.tenantId, tenantId), eq(schema.referralCodes.code, code)));
  if (!row) return null;
  const program = await programFor(db, tenantId);
  return {
    referrer: row.name?.trim().split(/\s+/)[0] ?? null,
    friendReward: program ? publicReward(program.friendReward) : null,
    paused: program?.pausedAt != null,
    terms: program?.terms ?? null,
  };
}
