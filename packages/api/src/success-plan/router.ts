import { flagAttributes } from '@flywheel/contracts/flag-attributes';
import { HealthSettingsInput, PlanTemplateInput } from '@flywheel/contracts/success-plan';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { customerLocale } from '../achievements/index.ts';
import { findCustomer } from '../customers/index.ts';
import { consoleProcedure, customerProcedure, requires } from '../trpc.ts';
import { alertsOf, customersByHealth, healthHistory, healthSettingsOf, saveHealthSettings, updateAlert } from './health.ts';
import { answerNps, npsAnswersOf, npsDue, npsReport } from './nps.ts';
import {
  assignTemplate,
  chooseTemplate,
  plansOf,
  planView,
  retireTemplate,
  saveTemplate,
  startAssignedPlan,
  templatesOf,
  tickTask,
} from './service.ts';
import { buildValueReport, latestValueReport } from './value-report.ts';

export const successPlanRouter = {
  /** The signed-in customer's plan (phases, milestones, tasks, progress), or null before it starts. */
  plan: customerProcedure.query(({ ctx }) =>
    planView(ctx.db, { tenantId: ctx.tenant.id, customer: ctx.customer, locale: customerLocale(ctx.customer.traits), now: new Date() }),
  ),

  /**
   * Starts the customer's plan from the template that fits them (or the one the
   * `success-plan.template` experiment gives them, evaluated here); once: it returns the plan
   * they have if they have one. NOT_FOUND when no template fits.
   */
  start: customerProcedure.mutation(async ({ ctx }) => {
    const assignment = await assignTemplate(ctx.deps.flags, ctx.db, {
      tenantId: ctx.tenant.id,
      publishableKey: ctx.tenant.publishableKey,
      customer: ctx.customer,
    });
    if (!assignment) throw new TRPCError({ code: 'NOT_FOUND', message: 'No success plan fits this customer yet.' });
    const now = new Date();
    await ctx.db.transaction((tx) =>
      startAssignedPlan(
        { tx, emit: ctx.deps.platform.emit, schedule: ctx.deps.platform.schedule },
        { tenantId: ctx.tenant.id, customer: ctx.customer, assignment, now },
      ),
    );
    ctx.deps.platform.announce(ctx.db);
    return planView(ctx.db, { tenantId: ctx.tenant.id, customer: ctx.customer, locale: customerLocale(ctx.customer.traits), now });
  }),

  /** Whether to ask the customer the NPS question now. */
  npsDue: customerProcedure.query(async ({ ctx }) => ({ due: await npsDue(ctx.db, ctx.tenant.id, ctx.customer, new Date()) })),

  /** The customer's NPS answer (0–10, optional comment), or `null` when they dismiss the question; a dismissal counts as asked. */
  answerNps: customerProcedure
    .input(
      z
        .object({
          answer: z
            .object({ score: z.number().int().min(0).max(10), comment: z.string().max(1000).optional() })
            .strict()
            .nullable(),
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.db.transaction((tx) =>
        answerNps(
          { tx, emit: ctx.deps.platform.emit, schedule: ctx.deps.platform.schedule },
          {
            tenantId: ctx.tenant.id,
            customer: ctx.customer,
            answer: input.answer,
            locale: customerLocale(ctx.customer.traits),
            now: new Date(),
          },
        ),
      );
      ctx.deps.platform.announce(ctx.db);
      return result;
    }),

  /** The customer's latest value report ("what you achieved"), or null before the first. */
  valueReport: customerProcedure.query(async ({ ctx }) => {
    const report = await latestValueReport(ctx.db, ctx.tenant.id, ctx.customer.id);
    return (
      report && {
        id: report.id,
        quarter: report.quarter,
        final: report.final,
        figures: report.figures,
        updatedAt: report.updatedAt.toISOString(),
      }
    );
  }),

  /** Makes (or brings up to date) this quarter's value report, on the customer's demand. */
  buildValueReport: customerProcedure.mutation(async ({ ctx }) => {
    const report = await buildValueReport(ctx.db, { tenantId: ctx.tenant.id, customerId: ctx.customer.id, at: new Date(), final: false });
    if (!report) throw new TRPCError({ code: 'NOT_FOUND', message: 'No report for this customer.' });
    return {
      id: report.id,
      quarter: report.quarter,
      final: report.final,
      figures: report.figures,
      updatedAt: report.updatedAt.toISOString(),
    };
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
      return planView(ctx.db, { tenantId: ctx.tenant.id, customer: ctx.customer, locale: customerLocale(ctx.customer.traits), now });
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

  /** The health model (weights, key features, bands, alert drop), NPS throttling and value-report figures. */
  healthSettings: consoleProcedure.query(({ ctx }) => healthSettingsOf(ctx.db, ctx.session.tenantId)),

  saveHealthSettings: requires('managePlans')
    .input(HealthSettingsInput)
    .mutation(({ ctx, input }) => saveHealthSettings(ctx.db, ctx.session.tenantId, input)),

  /** Customers by their latest health score, lowest first, with their band and last week's score. */
  health: consoleProcedure.query(({ ctx }) => customersByHealth(ctx.db, ctx.session.tenantId)),

  /** One customer's score history with each day's signals (what moved it). */
  customerHealth: consoleProcedure.input(z.object({ customer: z.string().min(1).max(200) }).strict()).query(async ({ ctx, input }) => {
    const customer = await findCustomer(ctx.db, ctx.session.tenantId, input.customer);
    if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'customer: no customer with this id' });
    const [plan, nps, alerts] = await Promise.all([
      planView(ctx.db, { tenantId: ctx.session.tenantId, customer, locale: 'en', now: new Date() }),
      npsAnswersOf(ctx.db, ctx.session.tenantId, customer.id),
      alertsOf(ctx.db, ctx.session.tenantId, customer.id),
    ]);
    return {
      customer: customer.externalId,
      name: customer.name,
      history: await healthHistory(ctx.db, ctx.session.tenantId, customer.id),
      plan,
      nps,
      alerts,
    };
  }),

  /** Risk alerts, newest first, each with the explanation of the drop. */
  alerts: consoleProcedure.query(({ ctx }) => alertsOf(ctx.db, ctx.session.tenantId)),

  /** Takes an alert (assigned to the caller), or resolves it with a note. */
  updateAlert: requires('handleAlerts')
    .input(
      z.discriminatedUnion('action', [
        z.object({ id: z.uuid(), action: z.literal('assign') }).strict(),
        z.object({ id: z.uuid(), action: z.literal('resolve'), note: z.string().trim().min(3).max(1000) }).strict(),
      ]),
    )
    .mutation(async ({ ctx, input }) => {
      const updated = await updateAlert(
        ctx.db,
        ctx.session.tenantId,
        input.action === 'assign' ? { ...input, assignee: ctx.session.userId } : input,
      );
      if (!updated) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no open alert with this id' });
      return updated;
    }),

  /** NPS per month, the distribution of answers, and comments by group and language. */
  nps: consoleProcedure
    .input(
      z.object({ group: z.enum(['promoter', 'passive', 'detractor']).optional(), locale: z.enum(['en', 'zh-CN']).optional() }).strict(),
    )
    .query(({ ctx, input }) => npsReport(ctx.db, ctx.session.tenantId, input)),

  /** Who is on which plan, and how many milestones each reached. */
  plans: consoleProcedure.query(({ ctx }) => plansOf(ctx.db, ctx.session.tenantId)),
} satisfies TRPCRouterRecord;
