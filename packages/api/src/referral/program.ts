import { isDeepStrictEqual } from 'node:util';
import type { RewardSpec } from '@flywheel/contracts/rewards';
import { type Db, schema } from '@flywheel/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Program, programFor } from './lifecycle.ts';

// The program as marketers see and change it in the console: with what is left of each coupon
// pool, and every change recorded (who, when, before and after).

type ProgramFields = Omit<Program, 'tenantId' | 'updatedAt' | 'pausedAt'>;
/** What the console sends: the settings, and whether the program is paused. */
export type ProgramUpdate = ProgramFields & { paused: boolean };

/** The settings in the order the console shows them (jsonb keeps its own key order). */
const FIELDS: (keyof Omit<Program, 'tenantId' | 'updatedAt'>)[] = [
  'referrerReward',
  'friendReward',
  'qualifyingEvent',
  'qualifyingCondition',
  'reversalEvent',
  'holdHours',
  'monthlyCap',
  'milestones',
  'landingUrl',
  'terms',
  'pausedAt',
];

/** Codes of a coupon pool not handed out yet; null for other kinds of reward. */
async function couponsLeft(db: Db, tenantId: string, reward: RewardSpec): Promise<number | null> {
  if (reward.type !== 'coupon') return null;
  if (reward.pool.length === 0) return 0;
  const [row] = await db
    .select({ issued: sql<number>`count(*)::int` })
    .from(schema.referralCouponsIssued)
    .where(and(eq(schema.referralCouponsIssued.tenantId, tenantId), inArray(schema.referralCouponsIssued.code, reward.pool)));
  return reward.pool.length - (row?.issued ?? 0);
}

export async function programForConsole(db: Db, tenantId: string) {
  const program = await programFor(db, tenantId);
  if (!program) return null;
  return {
    ...program,
    paused: program.pausedAt !== null,
    couponsLeft: {
      referrer: await couponsLeft(db, tenantId, program.referrerReward),
      friend: await couponsLeft(db, tenantId, program.friendReward),
    },
  };
}

/**
 * Saves the program and records the change, in one transaction; concurrent saves take turns. A
 * pause keeps the moment it began, however often the program is saved while paused.
 */
export async function saveProgram(db: Db, tenantId: string, update: ProgramUpdate, changedBy: string) {
  await db.transaction(async (tx) => {
    const p = schema.referralPrograms;
    const [before] = await tx.select().from(p).where(eq(p.tenantId, tenantId)).for('update');
    const { paused, ...settings } = update;
    const fields = { ...settings, pausedAt: paused ? (before?.pausedAt ?? new Date()) : null };
    await tx
      .insert(p)
      .values({ tenantId, ...fields })
      .onConflictDoUpdate({ target: p.tenantId, set: { ...fields, updatedAt: new Date() } });
    const strip = (program: Program | undefined) => {
      if (!program) return null;
      const { tenantId: _, updatedAt: __, ...rest } = program;
      return rest;
    };
    const previous = strip(before);
    // A save that changes nothing is no change to list.
    if (previous && FIELDS.every((key) => isDeepStrictEqual(previous[key], fields[key]))) return;
    await tx.insert(schema.referralProgramChanges).values({ tenantId, changedBy, before: previous, after: { ...fields } });
  });
  return programForConsole(db, tenantId);
}

/** The latest changes, newest first: who made each and which settings it changed. */
export async function programChanges(db: Db, tenantId: string, limit = 20) {
  const c = schema.referralProgramChanges;
  const rows = await db
    .select({ id: c.id, before: c.before, after: c.after, changedAt: c.changedAt, by: schema.consoleUsers.email })
    .from(c)
    .leftJoin(schema.consoleUsers, eq(schema.consoleUsers.id, c.changedBy))
    .where(eq(c.tenantId, tenantId))
    .orderBy(desc(c.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    by: row.by,
    at: row.changedAt.toISOString(),
    fields: FIELDS.filter((key) => JSON.stringify(row.before?.[key] ?? null) !== JSON.stringify(row.after[key] ?? null)),
  }));
}
