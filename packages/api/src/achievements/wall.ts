import type { BadgeDesign, BadgeTier } from '@flywheel/contracts/achievements';
import { inLocale, type Locale } from '@flywheel/contracts/widget';
import { type Db, schema } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, eq, isNull } from 'drizzle-orm';
import { addPeriods, periodEndsAt, periodOf, timeZoneOf } from '../platform/index.ts';
import * as rewards from '../rewards/index.ts';
import { catalogueOf, redemptionsOf } from './bank.ts';
import { badgePagePath } from './credentials.ts';
import { activeBadges, progressOf } from './progress.ts';
import { MAX_BANKED_FREEZES, streakAsOf } from './streak-periods.ts';
import { bankedFreezes, levelFor, settingsOf, streakCalendar } from './streaks.ts';

/** Weeks of streak calendar the wall shows. */
const CALENDAR_WEEKS = 5;

export type WallBadge = {
  id: string;
  name: string;
  description: string;
  criteria: string;
  design: BadgeDesign;
  /** earned: at least one tier awarded; in-progress: some progress; locked: none yet. */
  state: 'earned' | 'in-progress' | 'locked';
  progress: number;
  /** The next tier to reach and its threshold ("3 of 5"), or null when every tier is earned. */
  next: { tier: BadgeTier; threshold: number; points: number } | null;
  earned: { awardId: string; tier: BadgeTier; awardedAt: string; public: boolean; pagePath: string }[];
  /** Whether points come with it (only events from the tenant's server or Flywheel count for points). */
  pays: boolean;
};

/**
 * Everything the achievement wall shows its customer: badges (hidden ones only once earned),
 * points, level, streak, and the catalogue with what they may redeem. `freezesOffered` is the
 * `achievement-wall.freezes` experiment's answer for this customer.
 */
export async function wallFor(
  db: Db,
  input: {
    tenantId: string;
    customer: { id: string; traits: Record<string, unknown> };
    locale: Locale;
    freezesOffered: boolean;
    now?: Date;
  },
) {
  const { tenantId, customer, locale } = input;
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const settings = await settingsOf(tx, tenantId);
    const awards = await tx
      .select()
      .from(schema.badgeAwards)
      .where(
        and(
          eq(schema.badgeAwards.tenantId, tenantId),
          eq(schema.badgeAwards.customerId, customer.id),
          isNull(schema.badgeAwards.revokedAt),
        ),
      );
    const badges: WallBadge[] = [];
    for (const badge of await activeBadges(tx, tenantId)) {
      const earned = awards
        .filter((a) => a.badgeId === badge.id)
        .map((a) => ({
          awardId: a.id,
          tier: a.tier,
          awardedAt: a.awardedAt.toISOString(),
          public: a.public,
          pagePath: badgePagePath(a.id),
        }));
      if (badge.hidden && earned.length === 0) continue;
      const { all: progress } = await progressOf(tx, badge, customer.id, now);
      const next = badge.tiers.find((t) => !earned.some((e) => e.tier === t.tier)) ?? null;
      const texts = inLocale(badge.texts, locale);
      badges.push({
        id: badge.id,
        ...texts,
        design: badge.design,
        state: earned.length > 0 ? 'earned' : progress > 0 ? 'in-progress' : 'locked',
        progress,
        next,
        earned,
        pays: badge.rule.goal.kind !== 'streak' && badge.tiers.some((t) => t.points > 0),
      });
    }

    const balance = await rewards.pointsBalance(tx, tenantId, customer.id);
    const level = levelFor(await rewards.lifetimePoints(tx, tenantId, customer.id), settings.levelCurve);

    const timeZone = timeZoneOf(customer.traits);
    const cadence = settings.streakCadence;
    const [row] = await tx
      .select()
      .from(schema.streaks)
      .where(and(eq(schema.streaks.tenantId, tenantId), eq(schema.streaks.customerId, customer.id)));
    const freezes = await bankedFreezes(tx, tenantId, customer.id);
    const today = periodOf(now, timeZone, cadence);
    const shown = streakAsOf(
      { current: row?.current ?? 0, longest: row?.longest ?? 0, lastPeriod: row?.lastPeriod ?? null, freezes: freezes.map((f) => f.id) },
      today,
      cadence,
    );
    const since = addPeriods(periodOf(now, timeZone, 'weekly'), -(CALENDAR_WEEKS - 1), 'weekly');

    const items = (await catalogueOf(tx, tenantId, 'active')).filter((item) => input.freezesOffered || item.fulfilment.type !== 'freeze');
    return {
      badges,
      points: balance,
      level,
      streak: {
        cadence,
        timeZone,
        current: shown.current,
        longest: row?.longest ?? 0,
        activeToday: shown.activeToday,
        freezes: shown.freezesLeft,
        maxFreezes: MAX_BANKED_FREEZES,
        today,
        /** When today (this week) ends for the customer, as an instant. */
        endsAt: periodEndsAt(today, timeZone, cadence).toISOString(),
        calendar: await streakCalendar(tx, tenantId, customer.id, since),
        calendarStarts: since,
      },
      catalogue: items.map((item) => ({
        id: item.id,
        ...inLocale(item.texts, locale),
        price: item.price,
        kind: item.fulfilment.type,
        stock: item.stock,
        minLevel: item.minLevel,
      })),
      redemptions: await redemptionsOf(tx, tenantId, customer.id),
    };
  });
}

/** Shows or hides the customer's own award on its public page. */
export async function shareAward(db: Db, tenantId: string, customerId: string, awardId: string, visible: boolean) {
  const [row] = await db
    .update(schema.badgeAwards)
    .set({ public: visible })
    .where(
      and(
        eq(schema.badgeAwards.tenantId, tenantId),
        eq(schema.badgeAwards.customerId, customerId),
        eq(schema.badgeAwards.id, awardId),
        isNull(schema.badgeAwards.revokedAt),
      ),
    )
    .returning({ id: schema.badgeAwards.id, public: schema.badgeAwards.public });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'awardId: you have no such badge' });
  return { awardId: row.id, public: row.public, pagePath: badgePagePath(row.id) };
}

/** A public award for its page: the badge, who earned it (first name only) and from whom; null unless public. */
export async function publicAward(db: Db, awardId: string) {
  const [row] = await db
    .select({ award: schema.badgeAwards, badge: schema.badges, tenant: schema.tenants.name, name: schema.customers.name })
    .from(schema.badgeAwards)
    .innerJoin(schema.badges, eq(schema.badges.id, schema.badgeAwards.badgeId))
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.badgeAwards.tenantId))
    .innerJoin(schema.customers, eq(schema.customers.id, schema.badgeAwards.customerId))
    .where(and(eq(schema.badgeAwards.id, awardId), eq(schema.badgeAwards.public, true)));
  if (!row) return null;
  return {
    id: row.award.id,
    tenantId: row.award.tenantId,
    tier: row.award.tier,
    awardedAt: row.award.awardedAt,
    revoked: row.award.revokedAt !== null,
    texts: row.badge.texts,
    design: row.badge.design,
    issuer: row.tenant,
    // A public page names the earner by first name only: their email and surname stay private.
    earner: row.name?.split(/\s+/)[0] ?? null,
  };
}
