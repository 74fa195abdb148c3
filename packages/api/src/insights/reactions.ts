import { z } from 'zod';
import { findCustomer, mergeSegments } from '../customers/index.ts';
import { type Job, job, reaction, type Schedule, type WorkContext } from '../platform/index.ts';
import { refreshInsights } from './refresh.ts';

/** The nightly refresh, in UTC: after success plans' health (03:00), so it carries tonight's bands. */
const REFRESH_UTC_HOUR = 4;

/** Schedules the tenant's next nightly refresh; scheduling it again for the same night changes nothing. */
export function scheduleNightlyRefresh(ctx: { tx: WorkContext['tx']; schedule: Schedule }, tenantId: string, now: Date) {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, REFRESH_UTC_HOUR));
  return ctx.schedule(ctx.tx, {
    tenantId,
    name: 'insights.refresh',
    key: `insights:nightly:${next.toISOString().slice(0, 10)}`,
    runAt: next,
    payload: { train: false, nightly: true },
  });
}

/** A tenant with customers gets nightly refreshes: each identify makes sure the next one is booked. */
const bookRefresh = reaction({
  name: 'insights.book-refresh',
  on: ['$identify'],
  handle: (ctx) => scheduleNightlyRefresh(ctx, ctx.event.tenantId, ctx.now),
});

/** An NPS answer or a health drop moves the customer's segment at once, not at night. */
const segmentMoves = reaction({
  name: 'insights.segment-moves',
  on: ['nps_answered', 'customer_health_dropped'],
  from: ['domain'],
  async handle(ctx) {
    const { event } = ctx;
    const customer = await findCustomer(ctx.tx, event.tenantId, event.userId as string);
    if (!customer) return;
    const group = z.enum(['promoter', 'passive', 'detractor']).safeParse(event.properties.group);
    const band = z.enum(['healthy', 'at_risk', 'critical']).safeParse(event.properties.band);
    if (event.event === 'nps_answered' && group.success) await mergeSegments(ctx.tx, event.tenantId, customer.id, { npsGroup: group.data });
    if (event.event === 'customer_health_dropped' && band.success)
      await mergeSegments(ctx.tx, event.tenantId, customer.id, { healthBand: band.data });
  },
});

export const insightsReactions = [bookRefresh, segmentMoves];

export const insightsJobs = [
  job({
    name: 'insights.refresh',
    payload: z.object({ train: z.boolean(), nightly: z.boolean() }),
    // Reads every customer and may train for seconds: outside the job's transaction.
    perform: (ctx) => refreshInsights(ctx.db, ctx.tenantId, { now: new Date(), train: ctx.payload.train ? 'now' : 'if-due' }),
    async handle(ctx) {
      if (ctx.payload.nightly) await scheduleNightlyRefresh(ctx, ctx.tenantId, ctx.now);
    },
  }),
] as Job<unknown, unknown>[];
