import { randomInt } from 'node:crypto';
import type { BadgeTier } from '@flywheel/contracts/achievements';
import { type Db, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import { externalIdOf } from '../customers/index.ts';
import { contributionKey, contributionValue, countsFor, isTrusted, type StoredEvent, undoes, type WorkContext } from '../platform/index.ts';
import * as rewards from '../rewards/index.ts';

export type Badge = typeof schema.badges.$inferSelect;
export type Award = typeof schema.badgeAwards.$inferSelect;

/** Bits in a tenant's revocation list: the Bitstring Status List minimum, so a bit says nothing about who. */
export const STATUS_LIST_LENGTH = 131_072;

export async function activeBadges(tx: Tx, tenantId: string): Promise<Badge[]> {
  return tx
    .select()
    .from(schema.badges)
    .where(and(eq(schema.badges.tenantId, tenantId), eq(schema.badges.status, 'active')));
}

/** The customer's progress on a badge: from all counted events, and from trusted ones only. */
export async function progressOf(tx: Tx, badge: Badge, customerId: string, now: Date, windowed = true) {
  const { goal } = badge.rule;
  if (goal.kind === 'streak') {
    const [streak] = await tx
      .select({ current: schema.streaks.current })
      .from(schema.streaks)
      .where(and(eq(schema.streaks.tenantId, badge.tenantId), eq(schema.streaks.customerId, customerId)));
    // Streaks are kept by browser activity: they never earn spendable points.
    return { all: streak?.current ?? 0, trusted: 0 };
  }
  const c = schema.badgeContributions;
  const since = goal.kind === 'count' && goal.withinDays && windowed ? new Date(now.getTime() - goal.withinDays * 86_400_000) : null;
  const measure = goal.kind === 'sum' ? sql`${c.value}` : sql`1`;
  const [row] = await tx
    .select({
      all: sql<number>`coalesce(sum(${measure}), 0)::int`,
      trusted: sql<number>`coalesce(sum(${measure}) filter (where ${c.trusted}), 0)::int`,
    })
    .from(c)
    .where(and(eq(c.badgeId, badge.id), eq(c.customerId, customerId), isNull(c.undoneAt), since ? gt(c.at, since) : undefined));
  const cap = (n: number) => (goal.kind === 'first' ? Math.min(n, 1) : n);
  return { all: cap(row?.all ?? 0), trusted: cap(row?.trusted ?? 0) };
}

async function liveAward(tx: Tx, badge: Badge, customerId: string, tier: BadgeTier) {
  const [row] = await tx
    .select()
    .from(schema.badgeAwards)
    .where(
      and(
        eq(schema.badgeAwards.tenantId, badge.tenantId),
        eq(schema.badgeAwards.badgeId, badge.id),
        eq(schema.badgeAwards.customerId, customerId),
        eq(schema.badgeAwards.tier, tier),
        isNull(schema.badgeAwards.revokedAt),
      ),
    );
  return row ?? null;
}

async function recordAward(ctx: WorkContext, award: Award, badge: Badge, what: 'awarded' | 'revoked') {
  await ctx.emit(ctx.tx, {
    tenantId: award.tenantId,
    messageId: `badge:${award.id}:${what}`,
    event: `badge_${what}`,
    userId: await externalIdOf(ctx.tx, award.tenantId, award.customerId),
    properties: { award_id: award.id, badge_id: badge.id, badge: badge.slug, tier: award.tier },
  });
}

/**
 * Awards a tier once: the live-award constraint turns a racing duplicate into a no-op. Its status
 * bit is drawn at random (a sequential index would tell a verifier who earned before whom);
 * a collision draws again. Points come with it only when trusted events alone reach the tier.
 */
async function award(
  ctx: WorkContext,
  badge: Badge,
  customerId: string,
  tier: { tier: BadgeTier; points: number },
  withPoints: boolean,
  byApi = false,
) {
  for (let draw = 0; draw < 16; draw++) {
    const [created] = await ctx.tx
      .insert(schema.badgeAwards)
      .values({
        tenantId: badge.tenantId,
        badgeId: badge.id,
        customerId,
        tier: tier.tier,
        statusIndex: randomInt(STATUS_LIST_LENGTH),
        byApi,
      })
      .onConflictDoNothing()
      .returning();
    if (created) {
      if (withPoints && tier.points > 0) {
        await rewards.grant(ctx, {
          tenantId: badge.tenantId,
          customerId,
          source: 'achievements',
          sourceKey: `award:${created.id}`,
          spec: { type: 'points', amount: tier.points },
          status: 'approved',
        });
      }
      await recordAward(ctx, created, badge, 'awarded');
      return created;
    }
    if (await liveAward(ctx.tx, badge, customerId, tier.tier)) return null;
  }
  throw new Error(`tenant ${badge.tenantId}: no free status list index after 16 draws`);
}

/** Revokes an award and takes back its points (what was spent is the grant's shortfall). */
export async function revoke(ctx: WorkContext, badge: Badge, awardId: string) {
  const [revoked] = await ctx.tx
    .update(schema.badgeAwards)
    .set({ revokedAt: ctx.now })
    .where(and(eq(schema.badgeAwards.id, awardId), isNull(schema.badgeAwards.revokedAt)))
    .returning();
  if (!revoked) return;
  await rewards.reverse(ctx, revoked.tenantId, `award:${revoked.id}`);
  await recordAward(ctx, revoked, badge, 'revoked');
}

/**
 * Brings a customer's awards of a badge in line with their progress: awards each tier reached,
 * and revokes each tier the counted events (all time, once some were undone) no longer reach.
 * A rolling window only decides earning: an award is not taken back because time passed.
 */
export async function settleBadge(ctx: WorkContext, badge: Badge, customerId: string) {
  const progress = await progressOf(ctx.tx, badge, customerId, ctx.now);
  const allTime = await progressOf(ctx.tx, badge, customerId, ctx.now, false);
  for (const tier of badge.tiers) {
    const live = await liveAward(ctx.tx, badge, customerId, tier.tier);
    if (!live && progress.all >= tier.threshold) await award(ctx, badge, customerId, tier, progress.trusted >= tier.threshold);
    else if (live && !live.byApi && allTime.all < tier.threshold) await revoke(ctx, badge, live.id);
  }
}

/**
 * Applies one event to one customer's badges (the caller chose the badges this event credits):
 * counts it where it matches a rule, takes counted events back where it undoes them, and
 * settles each badge it changed. A replayed event finds its contribution there and changes nothing.
 */
export async function applyEvent(ctx: WorkContext & { event: StoredEvent }, badges: Badge[], customerId: string) {
  const { event } = ctx;
  for (const badge of badges) {
    const { rule } = badge;
    let changed = false;
    if (rule.goal.kind !== 'streak' && countsFor(rule, event)) {
      const contribution = contributionKey(rule, event);
      const value = contributionValue(rule, event);
      if (contribution !== null && value !== null) {
        const inserted = await ctx.tx
          .insert(schema.badgeContributions)
          .values({
            tenantId: badge.tenantId,
            badgeId: badge.id,
            customerId,
            key: contribution,
            value,
            trusted: isTrusted(event),
            at: event.timestamp,
          })
          .onConflictDoNothing()
          .returning({ id: schema.badgeContributions.id });
        changed ||= inserted.length > 0;
      }
    }
    if (undoes(rule, event)) {
      const contribution = contributionKey(rule, event);
      if (contribution !== null) {
        // Undoing an event not counted yet leaves a tombstone, so the event counts nothing when it comes.
        const c = schema.badgeContributions;
        const undone = await ctx.tx
          .insert(c)
          .values({
            tenantId: badge.tenantId,
            badgeId: badge.id,
            customerId,
            key: contribution,
            value: 0,
            trusted: false,
            at: event.timestamp,
            undoneAt: ctx.now,
          })
          .onConflictDoUpdate({ target: [c.badgeId, c.customerId, c.key], set: { undoneAt: ctx.now }, setWhere: isNull(c.undoneAt) })
          .returning({ id: c.id });
        changed ||= undone.length > 0;
      }
    }
    if (changed) await settleBadge(ctx, badge, customerId);
  }
}

/**
 * The tenant's server awards a tier by hand (REST API): with its points, since the tenant vouches
 * for it, and kept until revoked. An award the customer already holds is returned as it is.
 */
export async function awardByApi(ctx: WorkContext, badge: Badge, customerId: string, tier: BadgeTier): Promise<Award> {
  const spec = badge.tiers.find((t) => t.tier === tier);
  if (!spec) throw new TRPCError({ code: 'BAD_REQUEST', message: `tier: ${badge.slug} has no ${tier} tier` });
  const created = (await liveAward(ctx.tx, badge, customerId, tier)) ?? (await award(ctx, badge, customerId, spec, true, true));
  const held = created ?? (await liveAward(ctx.tx, badge, customerId, tier));
  if (!held) throw new Error(`award of ${badge.slug} ${tier} neither made nor found`);
  return held;
}

/** How many badge tiers the customer earned in [from, to) and still holds: for value reports. */
export async function awardsEarned(db: Db | Tx, tenantId: string, customerId: string, from: Date, to: Date) {
  const a = schema.badgeAwards;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(a)
    .where(and(eq(a.tenantId, tenantId), eq(a.customerId, customerId), isNull(a.revokedAt), gte(a.awardedAt, from), lt(a.awardedAt, to)));
  return row?.n ?? 0;
}
