import { z } from 'zod';
import { customersByIds, findCustomer } from '../customers/index.ts';
import { type Job, job, reaction } from '../platform/index.ts';
import { recordHealth } from './health.ts';
import { scheduleHealthNightly, scheduleHealthSoon } from './health-schedule.ts';
import { applyToPlan, planOf } from './service.ts';
import { announceReport, buildValueReport, quarterOf } from './value-report.ts';

/**
 * Milestones (and self-ticking tasks) complete themselves from what the customer does, and
 * their health is recomputed soon after. One customer's events arrive in order (the default
 * subject), so their counts never race.
 */
const planProgress = reaction({
  name: 'success-plan.progress',
  on: ['*'],
  when: (event) => Boolean(event.userId) && event.type !== 'identify',
  async handle(ctx) {
    const customer = await findCustomer(ctx.tx, ctx.event.tenantId, ctx.event.userId as string);
    const found = customer ? await planOf(ctx.tx, ctx.event.tenantId, customer.id) : null;
    if (!customer || !found) return;
    await applyToPlan(ctx, found.plan, found.template);
    await scheduleHealthSoon(ctx, ctx.event.tenantId, customer.id, ctx.now);
  },
});

export const successPlanReactions = [planProgress];

export const successPlanJobs = [
  job({
    name: 'success-plan.health',
    payload: z.object({ customerId: z.uuid(), nightly: z.boolean() }),
    async handle(ctx) {
      const [customer] = await customersByIds(ctx.tx, ctx.tenantId, [ctx.payload.customerId]);
      if (!customer) return;
      await recordHealth(ctx, { tenantId: ctx.tenantId, customer, now: ctx.now });
      if (!ctx.payload.nightly) return;
      await scheduleHealthNightly(ctx, ctx.tenantId, customer.id, ctx.now);
      // The first night of a quarter makes the report of the quarter that just ended.
      const quarter = quarterOf(ctx.now);
      if (ctx.now.getTime() - quarter.from.getTime() < 86_400_000) {
        const ended = quarterOf(new Date(quarter.from.getTime() - 1));
        await ctx.schedule(ctx.tx, {
          tenantId: ctx.tenantId,
          name: 'success-plan.value-report',
          key: `value-report:${customer.id}:${ended.key}`,
          runAt: ctx.now,
          payload: { customerId: customer.id, at: ended.from.toISOString() },
        });
      }
    },
  }),
  job({
    name: 'success-plan.value-report',
    payload: z.object({ customerId: z.uuid(), at: z.iso.datetime() }),
    // Built outside the transaction (it reads several domains); announced in it.
    perform: (ctx) =>
      buildValueReport(ctx.db, { tenantId: ctx.tenantId, customerId: ctx.payload.customerId, at: new Date(ctx.payload.at), final: true }),
    async handle(ctx) {
      const report = ctx.performed;
      if (!report) return;
      const [customer] = await customersByIds(ctx.tx, ctx.tenantId, [report.customerId]);
      if (customer) await announceReport(ctx, report, customer.externalId);
    },
  }),
] as Job<unknown, unknown>[];
