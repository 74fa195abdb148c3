import { z } from 'zod';
import { customersByIds, findCustomer } from '../customers/index.ts';
import type { FlagsRuntime } from '../flags/index.ts';
import { eventKey, isTrusted, type Job, job, reaction } from '../platform/index.ts';
import { publishableKeyOf } from '../tenants/index.ts';
import { planStartEventOf, recordHealth } from './health.ts';
import { scheduleHealthNightly, scheduleHealthSoon } from './health-schedule.ts';
import { applyToPlan, assignTemplate, planOf, startAssignedPlan } from './service.ts';
import { announceReport, buildValueReport, quarterOf } from './value-report.ts';

/**
 * Milestones (and self-ticking tasks) complete themselves from what the customer does, and
 * their health is recomputed soon after. A tenant that starts plans at sign-up names its sign-up
 * event: from the tenant's server, its arrival schedules the plan's start (`success-plan.start`).
 * One customer's events arrive in order (the default subject), so their counts never race.
 */
const planProgress = reaction({
  name: 'success-plan.progress',
  on: ['*'],
  when: (event) => Boolean(event.userId) && event.type !== 'identify',
  async handle(ctx) {
    const { tenantId } = ctx.event;
    const customer = await findCustomer(ctx.tx, tenantId, ctx.event.userId as string);
    if (!customer) return;
    const found = await planOf(ctx.tx, tenantId, customer.id);
    if (!found) {
      if (isTrusted(ctx.event) && eventKey(ctx.event) === (await planStartEventOf(ctx.tx, tenantId))) {
        await ctx.schedule(ctx.tx, {
          tenantId,
          name: 'success-plan.start',
          key: `plan-start:${customer.id}`,
          runAt: ctx.now,
          payload: { customerId: customer.id, at: ctx.event.timestamp.toISOString() },
        });
      }
      return;
    }
    await applyToPlan(ctx, found.plan, found.template);
    await scheduleHealthSoon(ctx, tenantId, customer.id, ctx.now);
  },
});

export const successPlanReactions = [planProgress];

/** The reactions' delayed work; `flags` evaluates the template experiment when a sign-up starts a plan. */
export const successPlanJobs = (flags: FlagsRuntime) =>
  [
    job({
      name: 'success-plan.start',
      payload: z.object({ customerId: z.uuid(), at: z.iso.datetime() }),
      // The assignment is made outside the transaction (it may build the flags payload), the start inside it.
      async perform(ctx) {
        const [customer] = await customersByIds(ctx.db, ctx.tenantId, [ctx.payload.customerId]);
        if (!customer || (await planOf(ctx.db, ctx.tenantId, customer.id))) return null;
        const publishableKey = await publishableKeyOf(ctx.db, ctx.tenantId);
        const assignment = await assignTemplate(flags, ctx.db, { tenantId: ctx.tenantId, publishableKey, customer });
        return assignment ? { customer, assignment } : null;
      },
      async handle(ctx) {
        if (!ctx.performed) return;
        await startAssignedPlan(ctx, { tenantId: ctx.tenantId, ...ctx.performed, now: new Date(ctx.payload.at) });
      },
    }),
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
