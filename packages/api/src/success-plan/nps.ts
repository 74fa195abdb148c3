import { type Db, type HealthBand, queryRows, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { customerActivity } from '../analytics/index.ts';
import { upsertCustomer } from '../customers/index.ts';
import type { Emit, Schedule } from '../platform/index.ts';
import { timeZoneOf } from '../platform/index.ts';
import { healthModelOf } from './health.ts';
import { scheduleHealthSoon } from './health-schedule.ts';

const DAY_MS = 86_400_000;

export type NpsGroup = 'promoter' | 'passive' | 'detractor';
export const npsGroupOf = (score: number): NpsGroup => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

type Customer = { id: string; externalId: string; traits: Record<string, unknown>; firstSeenAt?: Date };

/**
 * Whether to ask the customer for NPS now: their account is old enough, they were active enough
 * lately, and they were not asked (answered or dismissed) within the tenant's interval.
 */
export async function npsDue(db: Db | Tx, tenantId: string, customer: Customer, now: Date): Promise<boolean> {
  const { nps } = await healthModelOf(db, tenantId);
  const [seen] = await db
    .select({ firstSeenAt: schema.customers.firstSeenAt })
    .from(schema.customers)
    .where(eq(schema.customers.id, customer.id));
  if (!seen || now.getTime() - seen.firstSeenAt.getTime() < nps.minAccountDays * DAY_MS) return false;
  const [asked] = await db
    .select({ id: schema.npsResponses.id })
    .from(schema.npsResponses)
    .where(
      and(
        eq(schema.npsResponses.tenantId, tenantId),
        eq(schema.npsResponses.customerId, customer.id),
        gte(schema.npsResponses.createdAt, new Date(now.getTime() - nps.everyDays * DAY_MS)),
      ),
    )
    .limit(1);
  if (asked) return false;
  const activity = await customerActivity(db, tenantId, customer.externalId, {
    from: new Date(now.getTime() - 30 * DAY_MS),
    to: now,
    timeZone: timeZoneOf(customer.traits),
  });
  return activity.activeDays >= nps.minActiveDays;
}

/**
 * Records an answer (0–10, optional comment) or a dismissal, once per interval: asked again
 * before it is due, it refuses with 409. The customer's NPS group becomes their `nps_group`
 * trait, so marketers can target promoters and detractors, and their health is recomputed.
 */
export async function answerNps(
  ctx: { tx: Tx; emit: Emit; schedule: Schedule },
  input: {
    tenantId: string;
    customer: Customer;
    answer: { score: number; comment?: string | undefined } | null;
    locale: string;
    now: Date;
  },
) {
  const { tenantId, customer, answer, now } = input;
  // Taken under the customer's row lock: two tabs answering at once record one answer.
  await ctx.tx.select({ id: schema.customers.id }).from(schema.customers).where(eq(schema.customers.id, customer.id)).for('update');
  if (!(await npsDue(ctx.tx, tenantId, customer, now))) {
    throw new TRPCError({ code: 'CONFLICT', message: 'score: you answered recently; thank you, we will ask again later' });
  }
  const [row] = await ctx.tx
    .insert(schema.npsResponses)
    .values({
      tenantId,
      customerId: customer.id,
      score: answer?.score ?? null,
      comment: answer?.comment?.trim() || null,
      locale: input.locale,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  if (answer) {
    const group = npsGroupOf(answer.score);
    await upsertCustomer(ctx.tx, tenantId, { externalId: customer.externalId, traits: { nps_group: group } });
    await ctx.emit(ctx.tx, {
      tenantId,
      messageId: `nps:${row.id}`,
      event: 'nps_answered',
      userId: customer.externalId,
      properties: { score: answer.score, group },
    });
    await scheduleHealthSoon(ctx, tenantId, customer.id, now);
  }
  return { answered: Boolean(answer) };
}

/** The console's NPS: the score per month, the distribution of answers, and comments, filterable by group and language. */
export async function npsReport(db: Db, tenantId: string, filter: { group?: NpsGroup | undefined; locale?: string | undefined }) {
  const byMonth = await queryRows<{ month: string; responses: number; promoters: number; detractors: number }>(
    db,
    sql`select to_char(date_trunc('month', created_at at time zone 'UTC'), 'YYYY-MM') as month, count(*)::int as responses,
          count(*) filter (where score >= 9)::int as promoters, count(*) filter (where score <= 6)::int as detractors
        from nps_responses where tenant_id = ${tenantId} and score is not null group by 1 order by 1`,
  );
  const distribution = await queryRows<{ score: number; n: number }>(
    db,
    sql`select score, count(*)::int as n from nps_responses where tenant_id = ${tenantId} and score is not null group by score order by score`,
  );
  const comments = await db
    .select({
      score: schema.npsResponses.score,
      comment: schema.npsResponses.comment,
      locale: schema.npsResponses.locale,
      at: schema.npsResponses.createdAt,
      customer: schema.customers.externalId,
    })
    .from(schema.npsResponses)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.npsResponses.customerId))
    .where(
      and(
        eq(schema.npsResponses.tenantId, tenantId),
        sql`${schema.npsResponses.comment} is not null and ${schema.npsResponses.score} is not null`,
        filter.locale ? eq(schema.npsResponses.locale, filter.locale) : undefined,
        filter.group === 'promoter' ? sql`${schema.npsResponses.score} >= 9` : undefined,
        filter.group === 'passive' ? sql`${schema.npsResponses.score} between 7 and 8` : undefined,
        filter.group === 'detractor' ? sql`${schema.npsResponses.score} <= 6` : undefined,
      ),
    )
    .orderBy(desc(schema.npsResponses.createdAt))
    .limit(200);
  return {
    byMonth: byMonth.map((m) => ({
      month: m.month,
      responses: m.responses,
      nps: Math.round(((m.promoters - m.detractors) / m.responses) * 100),
    })),
    distribution: Array.from({ length: 11 }, (_, score) => ({ score, n: distribution.find((d) => d.score === score)?.n ?? 0 })),
    comments: comments.map((c) => ({ ...c, group: npsGroupOf(c.score ?? 0), at: c.at.toISOString() })),
  };
}

/** One customer's NPS answers and dismissals, newest first. */
export async function npsAnswersOf(db: Db, tenantId: string, customerId: string) {
  const rows = await db
    .select({ score: schema.npsResponses.score, comment: schema.npsResponses.comment, at: schema.npsResponses.createdAt })
    .from(schema.npsResponses)
    .where(and(eq(schema.npsResponses.tenantId, tenantId), eq(schema.npsResponses.customerId, customerId)))
    .orderBy(desc(schema.npsResponses.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/**
 * Each customer's latest health band and NPS group, for the insights refresh to carry into their
 * segments: customer id → what is known.
 */
export async function latestBandsAndGroups(db: Db | Tx, tenantId: string) {
  const bands = await queryRows<{ customer_id: string; band: HealthBand }>(
    db,
    sql`select distinct on (customer_id) customer_id, band from health_scores
      where tenant_id = ${tenantId} order by customer_id, day desc`,
  );
  const answers = await queryRows<{ customer_id: string; score: number }>(
    db,
    sql`select distinct on (customer_id) customer_id, score from nps_responses
      where tenant_id = ${tenantId} and score is not null order by customer_id, created_at desc`,
  );
  const known = new Map<string, { healthBand?: HealthBand; npsGroup?: NpsGroup }>();
  for (const row of bands) known.set(row.customer_id, { healthBand: row.band });
  for (const row of answers) known.set(row.customer_id, { ...known.get(row.customer_id), npsGroup: npsGroupOf(row.score) });
  return known;
}
