import { RFM_TIERS } from '@flywheel/contracts/flag-attributes';
import { queryRows, schema } from '@flywheel/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { findCustomer } from '../customers/index.ts';
import { latestBandsAndGroups } from '../success-plan/index.ts';
import { consoleProcedure, requires } from '../trpc.ts';
import { MIN_LABELLED } from './model.ts';
import { lastModelRun } from './runs.ts';
import { insightSettingsOf, saveInsightSettings } from './settings.ts';

const manage = requires('manageInsights');
const WEEKS = 8;

const settingsInput = z.object({
  featureEvents: z.array(z.string().min(1).max(100)).max(50),
  ticketEvent: z.string().min(1).max(100),
  revenueEvent: z.string().min(1).max(100),
  revenueProperty: z.string().min(1).max(100),
  windows: z.object({
    activeDays: z.number().int().min(1).max(365),
    frequencyDays: z.number().int().min(1).max(365),
    ticketDays: z.number().int().min(1).max(365),
    monetaryDays: z.number().int().min(1).max(730),
  }),
  labelRule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('top-monetary'), share: z.number().min(0.01).max(0.5) }),
    z.object({ kind: z.literal('did-event'), event: z.string().min(1).max(100), withinDays: z.number().int().min(1).max(365) }),
  ]),
  tierFromTraits: z.boolean(),
});

export const consoleInsightsRouter = {
  /**
   * The Segments page: customers per tier and band, tiers week by week and who moved between them
   * since a week ago, the model's last run (evaluation, importances, or why it did not train).
   */
  overview: consoleProcedure.query(async ({ ctx }) => {
    const tenantId = ctx.session.tenantId;
    const i = schema.customerInsights;
    const tiers = await ctx.db
      .select({ tier: i.tier, customers: sql<number>`count(*)::int` })
      .from(i)
      .where(eq(i.tenantId, tenantId))
      .groupBy(i.tier);
    const valueBands = await ctx.db
      .select({ band: i.valueBand, customers: sql<number>`count(*)::int` })
      .from(i)
      .where(eq(i.tenantId, tenantId))
      .groupBy(i.valueBand);
    const known = [...(await latestBandsAndGroups(ctx.db, tenantId)).values()];
    const countBy = (values: (string | undefined)[]) =>
      Object.entries(
        values.reduce<Record<string, number>>((acc, value) => {
          if (value) acc[value] = (acc[value] ?? 0) + 1;
          return acc;
        }, {}),
      ).map(([name, customers]) => ({ name, customers }));
    const since = new Date(Date.now() - WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
    // Each week's last refresh: the tiers as they stood at the end of the week.
    const weekly = await queryRows<{ week: string; tier: string; customers: number }>(
      ctx.db,
      sql`with days as (
            select date_trunc('week', day::timestamp) as week, max(day) as day from tier_history
            where tenant_id = ${tenantId} and day >= ${since} group by 1)
          select to_char(d.week, 'YYYY-MM-DD') as week, h.tier, count(*)::int as customers
          from days d join tier_history h on h.tenant_id = ${tenantId} and h.day = d.day
          group by 1, 2 order by 1`,
    );
    const moves = await queryRows<{ from: string; to: string; customers: number }>(
      ctx.db,
      sql`with latest as (select max(h.day) as day from tier_history h where h.tenant_id = ${tenantId}),
               earlier as (select max(h.day) as day from tier_history h, latest l
                           where h.tenant_id = ${tenantId} and h.day <= l.day - 7)
          select b.tier as "from", a.tier as "to", count(*)::int as customers
          from latest l, earlier e, tier_history a
          join tier_history b on b.tenant_id = a.tenant_id and b.customer_id = a.customer_id
          where a.tenant_id = ${tenantId} and a.day = l.day and b.day = e.day and a.tier <> b.tier
          group by 1, 2 order by 3 desc`,
    );
    return {
      tiers: RFM_TIERS.map((tier) => ({ tier, customers: tiers.find((t) => t.tier === tier)?.customers ?? 0 })),
      valueBands: valueBands.flatMap((b) => (b.band ? [{ name: b.band, customers: b.customers }] : [])),
      healthBands: countBy(known.map((k) => k.healthBand)),
      npsGroups: countBy(known.map((k) => k.npsGroup)),
      weekly,
      moves,
      model: await lastModelRun(ctx.db, tenantId),
      minimumLabelled: MIN_LABELLED,
      settings: await insightSettingsOf(ctx.db, tenantId),
    };
  }),

  /** One customer's tier, scores, bands and the features behind them, for their page in the console. */
  customer: consoleProcedure.input(z.object({ customer: z.string().min(1).max(200) })).query(async ({ ctx, input }) => {
    const tenantId = ctx.session.tenantId;
    const customer = await findCustomer(ctx.db, tenantId, input.customer);
    if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: `customer: no customer "${input.customer}"` });
    const i = schema.customerInsights;
    const [row] = await ctx.db
      .select()
      .from(i)
      .where(and(eq(i.tenantId, tenantId), eq(i.customerId, customer.id)));
    return {
      customer: customer.externalId,
      name: customer.name,
      segments: customer.segments,
      /** The windows the features are counted over, for labels that say so. */
      windows: (await insightSettingsOf(ctx.db, tenantId)).windows,
      insight: row
        ? {
            features: row.features,
            scores: { recency: row.recencyScore, frequency: row.frequencyScore, monetary: row.monetaryScore },
            tier: row.tier,
            valueProbability: row.valueProbability,
            valueBand: row.valueBand,
            computedAt: row.computedAt.toISOString(),
          }
        : null,
    };
  }),

  saveSettings: manage.input(settingsInput).mutation(async ({ ctx, input }) => {
    await saveInsightSettings(ctx.db, ctx.session.tenantId, input);
    return insightSettingsOf(ctx.db, ctx.session.tenantId);
  }),

  /** Recomputes every customer and retrains now, in the background; the page shows the new run when it lands. */
  train: manage.mutation(async ({ ctx }) => {
    const now = new Date();
    await ctx.db.transaction((tx) =>
      ctx.deps.platform.schedule(tx, {
        tenantId: ctx.session.tenantId,
        name: 'insights.refresh',
        key: `insights:train:${now.toISOString().slice(0, 16)}`,
        runAt: now,
        payload: { train: true, nightly: false },
      }),
    );
    return { scheduled: true };
  }),
} satisfies TRPCRouterRecord;
