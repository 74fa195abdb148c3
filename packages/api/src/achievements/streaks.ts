import { type Db, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import { type Cadence, periodOf, timeZoneOf, type WorkContext } from '../platform/index.ts';
import { advanceStreak, MAX_BANKED_FREEZES, streakAsOf } from './streak-periods.ts';

export type AchievementSettings = { streakEvent: string; streakCadence: Cadence; levelCurve: number[] };

const DEFAULTS: AchievementSettings = {
  streakEvent: '$page',
  streakCadence: 'daily',
  levelCurve: [0, 100, 300, 600, 1000, 1500, 2500, 4000],
};

/** Saves the settings; streak badges follow the streak, so they move to its new event with it. */
export async function saveSettings(db: Db, tenantId: string, settings: AchievementSettings) {
  await db.transaction(async (tx) => {
    await tx
      .insert(schema.achievementSettings)
      .values({ tenantId, ...settings })
      .onConflictDoUpdate({ target: schema.achievementSettings.tenantId, set: settings });
    await tx
      .update(schema.badges)
      .set({ rule: sql`jsonb_set(${schema.badges.rule}, '{event}', to_jsonb(${settings.streakEvent}::text))` })
      .where(and(eq(schema.badges.tenantId, tenantId), sql`${schema.badges.rule}->'goal'->>'kind' = 'streak'`));
  });
  return settings;
}

export async function settingsOf(tx: Db | Tx, tenantId: string): Promise<AchievementSettings> {
  const [row] = await tx.select().from(schema.achievementSettings).where(eq(schema.achievementSettings.tenantId, tenantId));
  return row ? { streakEvent: row.streakEvent, streakCadence: row.streakCadence, levelCurve: row.levelCurve } : DEFAULTS;
}

/** Banked freezes, oldest first: the order they are used in. */
export async function bankedFreezes(tx: Db | Tx, tenantId: string, customerId: string) {
  const f = schema.streakFreezes;
  return tx
    .select({ id: f.id, source: f.source })
    .from(f)
    .where(and(eq(f.tenantId, tenantId), eq(f.customerId, customerId), isNull(f.usedFor)))
    .orderBy(asc(f.createdAt), asc(f.id));
}

/**
 * Counts activity at `at` towards the customer's streak, under the streak row's lock (two events
 * of one customer's day must not both extend it). Resolves to the new length, or null when the
 * period was already counted.
 */
export async function recordActivity(
  ctx: WorkContext,
  input: { tenantId: string; customer: { id: string; externalId: string; traits: Record<string, unknown> }; at: Date; cadence: Cadence },
) {
  const { tenantId, customer, cadence } = input;
  const timeZone = timeZoneOf(customer.traits);
  const s = schema.streaks;
  await ctx.tx.insert(s).values({ tenantId, customerId: customer.id, cadence, timeZone }).onConflictDoNothing();
  const [streak] = await ctx.tx
    .select()
    .from(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.customerId, customer.id)))
    .for('update');
  if (!streak) throw new Error('streak row vanished');
  const freezes = await bankedFreezes(ctx.tx, tenantId, customer.id);
  const period = periodOf(input.at, timeZone, cadence);
  const step = advanceStreak({ ...streak, freezes: freezes.map((f) => f.id) }, period, cadence);
  if (!step.changed) return null;

  await ctx.tx
    .update(s)
    .set({ current: step.current, longest: step.longest, lastPeriod: step.lastPeriod, timeZone, cadence, updatedAt: sql`now()` })
    .where(and(eq(s.tenantId, tenantId), eq(s.customerId, customer.id)));
  const days = [{ period, kind: 'active' as const }, ...step.used.map((u) => ({ period: u.period, kind: 'frozen' as const }))];
  await ctx.tx
    .insert(schema.streakPeriods)
    .values(days.map((d) => ({ tenantId, customerId: customer.id, ...d })))
    .onConflictDoNothing();
  for (const use of step.used) {
    await ctx.tx.update(schema.streakFreezes).set({ usedFor: use.period }).where(eq(schema.streakFreezes.id, use.freeze));
  }
  if (step.earnsFreeze) {
    await ctx.tx
      .insert(schema.streakFreezes)
      .values({ tenantId, customerId: customer.id, source: 'earned', sourceKey: `run:${period}` })
      .onConflictDoNothing();
  }
  await ctx.emit(ctx.tx, {
    tenantId,
    messageId: `streak:${customer.id}:${period}`,
    event: 'streak_extended',
    userId: customer.externalId,
    properties: { current: step.current, period, freezes_used: step.used.length },
  });
  return step.current;
}

/** Banks a bought freeze; fails naming `freezes` when two are banked already. */
export async function bankBoughtFreeze(tx: Tx, tenantId: string, customerId: string, redemptionId: string) {
  if ((await bankedFreezes(tx, tenantId, customerId)).length >= MAX_BANKED_FREEZES) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `freezes: you already have ${MAX_BANKED_FREEZES} streak freezes banked` });
  }
  await tx.insert(schema.streakFreezes).values({ tenantId, customerId, source: 'bought', sourceKey: `redemption:${redemptionId}` });
}

/** The periods of the customer's streak calendar from `since` on. */
export async function streakCalendar(tx: Tx, tenantId: string, customerId: string, since: string) {
  const p = schema.streakPeriods;
  return tx
    .select({ period: p.period, kind: p.kind })
    .from(p)
    .where(and(eq(p.tenantId, tenantId), eq(p.customerId, customerId), gte(p.period, since)))
    .orderBy(asc(p.period));
}

/** The level lifetime points reach on the tenant's curve (1 at the first threshold), and the next one. */
export function levelFor(lifetime: number, curve: readonly number[]) {
  const level = Math.max(1, curve.filter((threshold) => lifetime >= threshold).length);
  const floor = curve[level - 1] ?? 0;
  const next = curve[level] ?? null;
  return { level, lifetime, floor, next };
}

/** The customer's streak as it stands today (0 once broken beyond what their freezes cover): for health scores. */
export async function currentStreak(db: Db | Tx, tenantId: string, customer: { id: string; traits: Record<string, unknown> }, now: Date) {
  const [row] = await db
    .select()
    .from(schema.streaks)
    .where(and(eq(schema.streaks.tenantId, tenantId), eq(schema.streaks.customerId, customer.id)));
  if (!row) return 0;
  const { streakCadence } = await settingsOf(db, tenantId);
  const freezes = await bankedFreezes(db, tenantId, customer.id);
  const today = periodOf(now, timeZoneOf(customer.traits), streakCadence);
  return streakAsOf({ ...row, freezes: freezes.map((f) => f.id) }, today, streakCadence).current;
}
