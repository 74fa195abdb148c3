import type { BadgeInput } from '@flywheel/contracts/achievements';
import { type Db, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, sql } from 'drizzle-orm';
import { eventsByKey } from '../analytics/index.ts';
import { customersByIds, findCustomer } from '../customers/index.ts';
import type { StoredEvent, WorkContext } from '../platform/index.ts';
import { applyEvent, type Badge } from './progress.ts';
import { settingsOf } from './streaks.ts';

const DRY_RUN_DAYS = 30;
const BACKFILL_LIMIT = 50_000;

/** What a badge definition must also satisfy beyond its shape: a streak badge follows the tenant's streak, and pays no points. */
async function checkDefinition(db: Db, tenantId: string, input: BadgeInput) {
  if (input.rule.goal.kind !== 'streak') return;
  const { streakEvent } = await db.transaction((tx) => settingsOf(tx, tenantId));
  if (input.rule.event !== streakEvent) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `rule.event: a streak badge follows the streak, which counts ${streakEvent}` });
  }
  const paid = input.tiers.findIndex((t) => t.points > 0);
  if (paid >= 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `tiers.${paid}.points: streaks are kept by browser events, which award no spendable points`,
    });
  }
}

export async function createBadge(db: Db, tenantId: string, input: BadgeInput, createdBy: string) {
  await checkDefinition(db, tenantId, input);
  const [row] = await db
    .insert(schema.badges)
    .values({ tenantId, ...input, createdBy })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new TRPCError({ code: 'CONFLICT', message: `slug: a badge called ${input.slug} exists already` });
  return row;
}

/** Edits a badge. Awards already made stay: a badge is not taken back because its rule changed. */
export async function updateBadge(db: Db, tenantId: string, id: string, input: BadgeInput) {
  await checkDefinition(db, tenantId, input);
  const [row] = await db
    .update(schema.badges)
    .set({ ...input, updatedAt: sql`now()` })
    .where(and(eq(schema.badges.tenantId, tenantId), eq(schema.badges.id, id)))
    .returning();
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such badge' });
  return row;
}

export async function setBadgeStatus(db: Db, tenantId: string, id: string, status: 'active' | 'retired') {
  const [row] = await db
    .update(schema.badges)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(schema.badges.tenantId, tenantId), eq(schema.badges.id, id)))
    .returning({ id: schema.badges.id, status: schema.badges.status });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such badge' });
  return row;
}

/** The tenant's badges with how many live awards each has. */
export async function badgesOf(db: Db, tenantId: string) {
  const awarded = db
    .select({ badgeId: schema.badgeAwards.badgeId, n: sql<number>`count(*)::int`.as('n') })
    .from(schema.badgeAwards)
    .where(and(eq(schema.badgeAwards.tenantId, tenantId), sql`${schema.badgeAwards.revokedAt} is null`))
    .groupBy(schema.badgeAwards.badgeId)
    .as('awarded');
  const rows = await db
    .select({ badge: schema.badges, awarded: sql<number>`coalesce(${awarded.n}, 0)` })
    .from(schema.badges)
    .leftJoin(awarded, eq(awarded.badgeId, schema.badges.id))
    .where(eq(schema.badges.tenantId, tenantId))
    .orderBy(asc(schema.badges.createdAt));
  return rows.map(({ badge, awarded: n }) => ({ ...badge, awarded: Number(n) }));
}

/** The events of the last 30 days a rule would look at: its event, and its undoing event. */
function recentEvents(db: Db, tenantId: string, badge: Pick<Badge, 'rule'>, since: Date) {
  const keys = [badge.rule.event, badge.rule.undoneBy?.event].filter((key): key is string => Boolean(key));
  return eventsByKey(db, tenantId, keys, since, BACKFILL_LIMIT);
}

/** The customer an event credits under a rule: the one it is about, or the referrer it names. */
export async function creditedCustomer(db: Db | Tx, tenantId: string, badge: Pick<Badge, 'rule'>, event: StoredEvent) {
  if (badge.rule.creditTo === 'referrer') {
    const id = event.properties.referrer_id;
    if (typeof id !== 'string') return null;
    const [customer] = await customersByIds(db, tenantId, [id]);
    return customer?.id ?? null;
  }
  return event.userId ? ((await findCustomer(db, tenantId, event.userId))?.id ?? null) : null;
}

/**
 * A rule tried on the last 30 days without writing anything: how many customers its first tier
 * would have awarded. Runs the real evaluation inside a transaction that is rolled back, so a
 * dry run and the reaction can never disagree.
 */
export async function dryRun(db: Db, work: Omit<WorkContext, 'tx' | 'now'>, tenantId: string, input: BadgeInput) {
  if (input.rule.goal.kind === 'streak') {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'rule.goal: a streak badge cannot be dry-run; streaks are counted as they happen',
    });
  }
  const now = new Date();
  const events = await recentEvents(db, tenantId, input, new Date(now.getTime() - DRY_RUN_DAYS * 86_400_000));
  class RolledBack extends Error {
    constructor(readonly customers: number) {
      super('dry run');
    }
  }
  try {
    await db.transaction(async (tx) => {
      const [badge] = await tx
        .insert(schema.badges)
        .values({ tenantId, ...input, slug: `dry-run-${now.getTime()}` })
        .returning();
      if (!badge) throw new Error('insert returned no row');
      // Events and awards recorded here roll back with the rest.
      const ctx = { ...work, tx, now };
      for (const event of events) {
        const customerId = await creditedCustomer(tx, tenantId, badge, event);
        if (customerId) await applyEvent({ ...ctx, event }, [badge], customerId);
      }
      const [row] = await tx
        .select({ n: sql<number>`count(distinct ${schema.badgeAwards.customerId})::int` })
        .from(schema.badgeAwards)
        .where(and(eq(schema.badgeAwards.badgeId, badge.id), sql`${schema.badgeAwards.revokedAt} is null`));
      throw new RolledBack(row?.n ?? 0);
    });
  } catch (error) {
    if (error instanceof RolledBack) return { days: DRY_RUN_DAYS, events: events.length, customers: error.customers };
    throw error;
  }
  throw new Error('dry run did not roll back');
}

/**
 * Applies the last 30 days of events to a saved badge, as if it had existed then: awards (and
 * points) follow. Each event is applied exactly as the reaction would, so running it twice, or
 * alongside the reaction, counts each event once.
 */
export async function backfill(db: Db, work: Omit<WorkContext, 'tx' | 'now'>, tenantId: string, badgeId: string) {
  const [badge] = await db
    .select()
    .from(schema.badges)
    .where(and(eq(schema.badges.tenantId, tenantId), eq(schema.badges.id, badgeId), eq(schema.badges.status, 'active')));
  if (!badge) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such active badge' });
  if (badge.rule.goal.kind === 'streak') throw new TRPCError({ code: 'BAD_REQUEST', message: 'id: a streak badge cannot be backfilled' });
  const now = new Date();
  const events = await recentEvents(db, tenantId, badge, new Date(now.getTime() - DRY_RUN_DAYS * 86_400_000));
  let applied = 0;
  for (const event of events) {
    await db.transaction(async (tx) => {
      const customerId = await creditedCustomer(tx, tenantId, badge, event);
      if (customerId) {
        await applyEvent({ ...work, tx, now, event }, [badge], customerId);
        applied++;
      }
    });
  }
  return { days: DRY_RUN_DAYS, events: applied };
}
