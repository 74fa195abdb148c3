import { z } from 'zod';
import { customersByIds, findCustomer } from '../customers/index.ts';
import { type Job, job, reaction } from '../platform/index.ts';
import { recordHealth } from './health.ts';
import { scheduleHealthNightly, scheduleHealthSoon } from './health-schedule.ts';
import { applyToPlan, planOf } from './service.ts';

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
      if (ctx.payload.nightly) await scheduleHealthNightly(ctx, ctx.tenantId, customer.id, ctx.now);
    },
  }),
] as Job<unknown, unknown>[];
