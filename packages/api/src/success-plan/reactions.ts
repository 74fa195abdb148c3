import { findCustomer } from '../customers/index.ts';
import { type Job, reaction } from '../platform/index.ts';
import { applyToPlan, planOf } from './service.ts';

/**
 * Milestones (and self-ticking tasks) complete themselves from what the customer does. One
 * customer's events arrive in order (the default subject), so their counts never race.
 */
const planProgress = reaction({
  name: 'success-plan.progress',
  on: ['*'],
  when: (event) => Boolean(event.userId) && event.type !== 'identify',
  async handle(ctx) {
    const customer = await findCustomer(ctx.tx, ctx.event.tenantId, ctx.event.userId as string);
    const found = customer ? await planOf(ctx.tx, ctx.event.tenantId, customer.id) : null;
    if (found) await applyToPlan(ctx, found.plan, found.template);
  },
});

export const successPlanReactions = [planProgress];
export const successPlanJobs: Job<unknown>[] = [];
