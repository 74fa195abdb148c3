import type { BadgeTier } from '@flywheel/contracts/achievements';
import { type Db, schema } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import type { Platform } from '../platform/index.ts';
import { awardByApi, revoke } from './progress.ts';

// What the tenant's server does with badges through the REST API: list a customer's awards,
// award a tier by hand, revoke one. Each change runs in one transaction with its events.

/** A customer's awards, live and revoked, newest first. */
export async function awardsOf(db: Db, tenantId: string, customerId: string) {
  const a = schema.badgeAwards;
  const rows = await db
    .select({ id: a.id, badge: schema.badges.slug, tier: a.tier, awardedAt: a.awardedAt, revokedAt: a.revokedAt, byApi: a.byApi })
    .from(a)
    .innerJoin(schema.badges, eq(schema.badges.id, a.badgeId))
    .where(and(eq(a.tenantId, tenantId), eq(a.customerId, customerId)))
    .orderBy(desc(a.awardedAt))
    .limit(500);
  return rows.map(toApiAward);
}

function toApiAward(row: { id: string; badge: string; tier: BadgeTier; awardedAt: Date; revokedAt: Date | null; byApi: boolean }) {
  return { ...row, awardedAt: row.awardedAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null };
}

type Deps = { db: Db; platform: Platform };

/** Awards a tier of an active badge (by slug); awarding one the customer holds returns that award. */
export async function awardBySlug(
  deps: Deps,
  input: { tenantId: string; customerId: string; badge: string; tier?: BadgeTier | undefined },
) {
  const { emit, schedule } = deps.platform;
  const award = await deps.db.transaction(async (tx) => {
    const [badge] = await tx
      .select()
      .from(schema.badges)
      .where(and(eq(schema.badges.tenantId, input.tenantId), eq(schema.badges.slug, input.badge), eq(schema.badges.status, 'active')));
    if (!badge) throw new TRPCError({ code: 'NOT_FOUND', message: `badge: no active badge ${input.badge}` });
    const tier = input.tier ?? badge.tiers[0]?.tier ?? 'standard';
    const held = await awardByApi({ tx, emit, schedule, now: new Date() }, badge, input.customerId, tier);
    return toApiAward({ ...held, badge: badge.slug });
  });
  deps.platform.announce(deps.db);
  return award;
}

/** Revokes one of the customer's awards (its points are taken back); null when they have no such award. */
export async function revokeAward(deps: Deps, input: { tenantId: string; customerId: string; awardId: string }) {
  const { emit, schedule } = deps.platform;
  const revoked = await deps.db.transaction(async (tx) => {
    const a = schema.badgeAwards;
    const [found] = await tx
      .select({ award: a, badge: schema.badges })
      .from(a)
      .innerJoin(schema.badges, eq(schema.badges.id, a.badgeId))
      .where(and(eq(a.tenantId, input.tenantId), eq(a.customerId, input.customerId), eq(a.id, input.awardId)));
    if (!found) return null;
    await revoke({ tx, emit, schedule, now: new Date() }, found.badge, found.award.id);
    const [after] = await tx.select().from(a).where(eq(a.id, found.award.id));
    return after ? toApiAward({ ...after, badge: found.badge.slug }) : null;
  });
  deps.platform.announce(deps.db);
  return revoked;
}
