import { flagAttributes } from '@flywheel/contracts/flag-attributes';
import { PlanTemplateInput } from '@flywheel/contracts/success-plan';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { evaluatorFor } from '../flags/index.ts';
import { consoleProcedure, customerProcedure, requires } from '../trpc.ts';
import { chooseTemplate, plansOf, planView, retireTemplate, saveTemplate, startPlan, templatesOf, tickTask } from './service.ts';

const localeOf = (traits: Record<string, unknown>) => (String(traits.locale ?? '').startsWith('zh') ? ('zh-CN' as const) : ('en' as const));

export const successPlanRouter = {
  /** The signed-in customer's plan (phases, milestones, tasks, progress), or null before it starts. */
  plan: customerProcedure.query(({ ctx }) =>
    planView(ctx.db, { tenantId: ctx.tenant.id, customer: ctx.customer, locale: localeOf(ctx.customer.traits), now: new Date() }),
  ),

  /**
   * Starts the customer's plan from the template that fits them (or the one the
   * `success-plan.template` experiment gives them, evaluated here); once: it returns the plan
   * they have if they have one. NOT_FOUND when no template fits.
   */
  start: customerProcedure.mutation(async ({ ctx }) => {
    const attributes = flagAttributes({
      customerId: ctx.customer.externalId,
      publishableKey: ctx.tenant.publishableKey,
      traits: ctx.customer.traits,
      widgets: ['success-plan'],
    });
    const { gb, done } = await evaluatorFor(ctx.deps, ctx.tenant.id, attributes);
    const assigned = gb.getFeatureValue('success-plan.template', '');
    await done();
    const template = chooseTemplate(
      await templatesOf(ctx.db, ctx.tenant.id, 'active'),
      attributes,
      typeof assigned === 'string' ? assigned : '',
    );
    if (!template) throw new TRPCError({ code: 'NOT_FOUND', message: 'No success plan fits this customer yet.' });
    const now = new Date();
    await ctx.db.transaction((tx) =>
      startPlan({ tx, emit: ctx.deps.platform.emit }, { tenantId: ctx.tenant.id, customer: ctx.customer, template, now }),
    );
    ctx.deps.platform.announce(ctx.db);
    return planView(ctx.db, { tenantId: ctx.tenant.id, customer: ctx.customer, locale: localeOf(ctx.customer.traits), now });
  }),

  /** Ticks or unticks one of the customer's tasks. */
  tick: customerProcedure
    .input(z.object({ task: z.string().min(1).max(40), done: z.boolean() }).strict())
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      await ctx.db.transaction((tx) =>
        tickTask(
          { tx, emit: ctx.deps.platform.emit },
          { tenantId: ctx.tenant.id, customer: ctx.customer, task: input.task, done: input.done, now },
        ),
      );
      ctx.deps.platform.announce(ctx.db);
      return planView(ctx.db, { tenantId: ctx.tenant.id, customer: ctx.customer, locale: localeOf(ctx.customer.traits), now });
    }),
} satisfies TRPCRouterRecord;

export const consoleSuccessPlanRouter = {
  templates: consoleProcedure.query(({ ctx }) => templatesOf(ctx.db, ctx.session.tenantId, 'all')),

  /** Creates a template, or replaces the one with the same slug. Plans already started keep their template. */
  saveTemplate: requires('managePlans')
    .input(PlanTemplateInput)
    .mutation(({ ctx, input }) => saveTemplate(ctx.db, ctx.session.tenantId, input)),

  retireTemplate: requires('managePlans')
    .input(z.object({ id: z.uuid() }).strict())
    .mutation(({ ctx, input }) => retireTemplate(ctx.db, ctx.session.tenantId, input.id)),

  /** Which template a sample customer would get (the experiment aside): the preview of the audiences. */
  previewAudience: consoleProcedure
    .input(z.object({ plan: z.string().max(40), tier: z.string().max(40), locale: z.enum(['en', 'zh-CN']) }).strict())
    .query(async ({ ctx, input }) => {
      const attributes = flagAttributes({ customerId: 'preview', publishableKey: '', traits: input, widgets: ['success-plan'] });
      return { template: chooseTemplate(await templatesOf(ctx.db, ctx.session.tenantId, 'active'), attributes, '')?.slug ?? null };
    }),

  /** Who is on which plan, and how many milestones each reached. */
  plans: consoleProcedure.query(({ ctx }) => plansOf(ctx.db, ctx.session.tenantId)),
} satisfies TRPCRouterRecord;
