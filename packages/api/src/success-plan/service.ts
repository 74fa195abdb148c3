import { flagAttributes } from '@flywheel/contracts/flag-attributes';
import type { PlanTemplateInput } from '@flywheel/contracts/success-plan';
import { inLocale, type Locale } from '@flywheel/contracts/widget';
import { type Db, schema, type Tx } from '@flywheel/db';
import type { Exposure } from '@flywheel/flags';
import { evalCondition } from '@growthbook/growthbook';
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Customer } from '../customers/index.ts';
import { exposureEvent, type FlagsRuntime, scopedEvaluator } from '../flags/index.ts';
import {
  addPeriods,
  contributionKey,
  contributionValue,
  countsFor,
  type Emit,
  periodOf,
  periodsBetween,
  type Schedule,
  type StoredEvent,
  timeZoneOf,
  type WorkContext,
} from '../platform/index.ts';
import { scheduleHealthNightly, scheduleHealthSoon } from './health-schedule.ts';

type Template = typeof schema.planTemplates.$inferSelect;
type Plan = typeof schema.successPlans.$inferSelect;

export async function templatesOf(db: Db | Tx, tenantId: string, which: 'active' | 'all') {
  return db
    .select()
    .from(schema.planTemplates)
    .where(and(eq(schema.planTemplates.tenantId, tenantId), which === 'active' ? eq(schema.planTemplates.status, 'active') : undefined))
    .orderBy(asc(schema.planTemplates.priority), asc(schema.planTemplates.createdAt));
}

export async function saveTemplate(db: Db, tenantId: string, input: PlanTemplateInput) {
  const values = { ...input, audience: input.audience ?? null };
  const [row] = await db
    .insert(schema.planTemplates)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: [schema.planTemplates.tenantId, schema.planTemplates.slug], set: { ...values, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return row;
}

export async function retireTemplate(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .update(schema.planTemplates)
    .set({ status: 'retired', updatedAt: sql`now()` })
    .where(and(eq(schema.planTemplates.tenantId, tenantId), eq(schema.planTemplates.id, id)))
    .returning({ id: schema.planTemplates.id });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such template' });
  return { retired: true };
}

/**
 * The template a customer gets: the one the `success-plan.template` experiment names, when it
 * names an active one, else the first (by priority) whose audience their attributes match.
 */
export function chooseTemplate(templates: Template[], attributes: Record<string, unknown>, experimentSlug: string): Template | null {
  return (
    templates.find((t) => experimentSlug !== '' && t.slug === experimentSlug) ??
    templates.find((t) => evalCondition(attributes, (t.audience ?? {}) as never)) ??
    null
  );
}

export async function planOf(db: Db | Tx, tenantId: string, customerId: string) {
  const [row] = await db
    .select({ plan: schema.successPlans, template: schema.planTemplates })
    .from(schema.successPlans)
    .innerJoin(schema.planTemplates, eq(schema.planTemplates.id, schema.successPlans.templateId))
    .where(and(eq(schema.successPlans.tenantId, tenantId), eq(schema.successPlans.customerId, customerId)));
  return row ?? null;
}

type PlanCustomer = Pick<Customer, 'id' | 'externalId' | 'segments'> & { traits: Record<string, unknown> };
export type Assignment = { template: Template; exposures: Exposure[] };

/**
 * The template a customer's plan starts from: the one the `success-plan.template` experiment
 * assigns them (evaluated on the server, on the same attributes the browser uses), else the first
 * whose audience fits; null when none does. Outside any transaction: building the payload reads
 * and writes on its own connection. One way for both starts: the widget's first open and the
 * tenant's sign-up event.
 */
export async function assignTemplate(
  flags: FlagsRuntime,
  db: Db,
  input: { tenantId: string; publishableKey: string; customer: PlanCustomer },
): Promise<Assignment | null> {
  const attributes = flagAttributes({
    customerId: input.customer.externalId,
    publishableKey: input.publishableKey,
    traits: input.customer.traits,
    segments: input.customer.segments,
    widgets: ['success-plan'],
  });
  const { gb, exposures } = await scopedEvaluator(flags, db, input.tenantId, attributes);
  const assigned = gb.getFeatureValue('success-plan.template', '');
  const template = chooseTemplate(
    await templatesOf(db, input.tenantId, 'active'),
    attributes,
    typeof assigned === 'string' ? assigned : '',
  );
  return template ? { template, exposures } : null;
}

/** Starts the plan an assignment names, recording its exposure with it, in one transaction. */
export async function startAssignedPlan(
  ctx: { tx: Tx; emit: Emit; schedule: Schedule },
  input: { tenantId: string; customer: PlanCustomer; assignment: Assignment; now: Date },
) {
  for (const exposure of input.assignment.exposures) {
    const { messageId, event, userId, properties } = exposureEvent(exposure);
    await ctx.emit(ctx.tx, { tenantId: input.tenantId, messageId, event, userId, properties });
  }
  await startPlan(ctx, { tenantId: input.tenantId, customer: input.customer, template: input.assignment.template, now: input.now });
}

/** Starts the customer's plan from a template, today in their time zone; once: a second start finds the first. */
export async function startPlan(
  ctx: { tx: Tx; emit: Emit; schedule: Schedule },
  input: { tenantId: string; customer: { id: string; externalId: string; traits: Record<string, unknown> }; template: Template; now: Date },
) {
  const { tenantId, customer, template } = input;
  const [created] = await ctx.tx
    .insert(schema.successPlans)
    .values({
      tenantId,
      customerId: customer.id,
      templateId: template.id,
      startedAt: input.now,
      startedOn: periodOf(input.now, timeZoneOf(customer.traits), 'daily'),
    })
    .onConflictDoNothing()
    .returning();
  if (created) {
    await ctx.emit(ctx.tx, {
      tenantId,
      messageId: `plan:${created.id}:started`,
      event: 'plan_started',
      userId: customer.externalId,
      properties: { plan_id: created.id, template: template.slug },
    });
    // A first score now, and one every night from then on.
    await scheduleHealthSoon(ctx, tenantId, customer.id, input.now);
    await scheduleHealthNightly(ctx, tenantId, customer.id, input.now);
  }
}

async function complete(
  ctx: { tx: Tx; emit: Emit },
  plan: Plan,
  template: Template,
  item: { key: string; kind: 'milestone' | 'task'; by: 'event' | 'customer' },
  at: Date,
  userId: string,
) {
  const inserted = await ctx.tx
    .insert(schema.planCompletions)
    .values({ planId: plan.id, item: item.key, kind: item.kind, by: item.by, completedAt: at })
    .onConflictDoNothing()
    .returning({ item: schema.planCompletions.item });
  if (inserted.length === 0) return;
  await ctx.emit(ctx.tx, {
    tenantId: plan.tenantId,
    messageId: `plan:${plan.id}:${item.kind}:${item.key}`,
    event: item.kind === 'milestone' ? 'milestone_completed' : 'plan_task_completed',
    userId,
    properties: { plan_id: plan.id, template: template.slug, [item.kind]: item.key, ...(item.kind === 'task' ? { by: item.by } : {}) },
  });
}

/**
 * Counts one event towards the customer's plan: each milestone (and self-ticking task) whose rule
 * it meets, from the plan's start on, exactly once per event; an item whose target it reaches is
 * completed and says so (`milestone_completed`, which a badge can count).
 */
export async function applyToPlan(ctx: WorkContext & { event: StoredEvent }, plan: Plan, template: Template) {
  const { event } = ctx;
  if (event.timestamp < plan.startedAt) return;
  const items = [
    ...template.milestones.map((m) => ({ key: m.key, kind: 'milestone' as const, rule: m.rule, target: m.target })),
    ...template.tasks.flatMap((t) => (t.rule ? [{ key: t.key, kind: 'task' as const, rule: t.rule, target: 1 }] : [])),
  ];
  for (const item of items) {
    if (!countsFor(item.rule, event)) continue;
    const key = contributionKey(item.rule, event);
    const value = contributionValue(item.rule, event);
    if (key === null || value === null) continue;
    const c = schema.planContributions;
    const added = await ctx.tx
      .insert(c)
      .values({ planId: plan.id, item: item.key, key, value, at: event.timestamp })
      .onConflictDoNothing()
      .returning({ key: c.key });
    if (added.length === 0) continue;
    const [sum] = await ctx.tx
      .select({ total: sql<number>`coalesce(sum(${item.rule.goal.kind === 'sum' ? c.value : sql`1`}), 0)::int` })
      .from(c)
      .where(and(eq(c.planId, plan.id), eq(c.item, item.key)));
    if ((sum?.total ?? 0) >= item.target)
      await complete(ctx, plan, template, { key: item.key, kind: item.kind, by: 'event' }, event.timestamp, event.userId as string);
  }
}

/** Ticks (or unticks) a task by hand. A task its rule ticked stays ticked: what the customer did is done. */
export async function tickTask(
  ctx: { tx: Tx; emit: Emit },
  input: { tenantId: string; customer: { id: string; externalId: string }; task: string; done: boolean; now: Date },
) {
  const found = await planOf(ctx.tx, input.tenantId, input.customer.id);
  if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'task: you have no plan yet' });
  const { plan, template } = found;
  if (!template.tasks.some((t) => t.key === input.task))
    throw new TRPCError({ code: 'NOT_FOUND', message: `task: your plan has no task "${input.task}"` });
  if (input.done) {
    await complete(ctx, plan, template, { key: input.task, kind: 'task', by: 'customer' }, input.now, input.customer.externalId);
  } else {
    await ctx.tx
      .delete(schema.planCompletions)
      .where(
        and(
          eq(schema.planCompletions.planId, plan.id),
          eq(schema.planCompletions.item, input.task),
          eq(schema.planCompletions.by, 'customer'),
        ),
      );
  }
}

/** The plan as the widget shows it, in the customer's language and calendar. */
export async function planView(
  db: Db | Tx,
  input: { tenantId: string; customer: { id: string; traits: Record<string, unknown> }; locale: Locale; now: Date },
) {
  const found = await planOf(db, input.tenantId, input.customer.id);
  if (!found) return null;
  const { plan, template } = found;
  const { locale } = input;
  const timeZone = timeZoneOf(input.customer.traits);
  const today = periodOf(input.now, timeZone, 'daily');
  const day = periodsBetween(plan.startedOn, today, 'daily');
  const completions = await db.select().from(schema.planCompletions).where(eq(schema.planCompletions.planId, plan.id));
  const done = new Map(completions.map((c) => [c.item, c]));
  const progress = await db
    .select({
      item: schema.planContributions.item,
      value: sql<number>`sum(${schema.planContributions.value})::int`,
      n: sql<number>`count(*)::int`,
    })
    .from(schema.planContributions)
    .where(eq(schema.planContributions.planId, plan.id))
    .groupBy(schema.planContributions.item);
  const progressOf = (key: string, sum: boolean) => {
    const row = progress.find((p) => p.item === key);
    return row ? (sum ? row.value : row.n) : 0;
  };
  const milestones = template.milestones.map((m) => {
    const completion = done.get(m.key);
    const state = completion ? 'done' : day > m.targetDay ? 'overdue' : 'open';
    return {
      key: m.key,
      phase: m.phase,
      ...inLocale(m.texts, locale),
      target: m.target,
      progress: Math.min(progressOf(m.key, m.rule.goal.kind === 'sum'), m.target),
      targetDay: m.targetDay,
      dueOn: addPeriods(plan.startedOn, m.targetDay, 'daily'),
      state: state as 'done' | 'overdue' | 'open',
      completedAt: completion?.completedAt.toISOString() ?? null,
    };
  });
  const tasks = template.tasks.map((t) => {
    const completion = done.get(t.key);
    return {
      key: t.key,
      phase: t.phase,
      ...inLocale(t.texts, locale),
      howToUrl: t.howToUrl ?? null,
      automatic: Boolean(t.rule),
      done: Boolean(completion),
      doneBy: completion?.by ?? null,
      completedAt: completion?.completedAt.toISOString() ?? null,
    };
  });
  const lastDay = Math.max(...template.phases.map((p) => p.endDay));
  const [health] = await db
    .select({ band: schema.healthScores.band })
    .from(schema.healthScores)
    .where(and(eq(schema.healthScores.tenantId, input.tenantId), eq(schema.healthScores.customerId, input.customer.id)))
    .orderBy(desc(schema.healthScores.day))
    .limit(1);
  return {
    ...inLocale(template.texts, locale),
    template: template.slug,
    startedOn: plan.startedOn,
    /** The zone the plan's days are counted in. */
    timeZone,
    day,
    days: lastDay + 1,
    phases: template.phases.map((p) => ({
      key: p.key,
      ...inLocale(p.texts, locale),
      startDay: p.startDay,
      endDay: p.endDay,
      current: day >= p.startDay && day <= p.endDay,
    })),
    milestones,
    tasks,
    /** The latest health band, for the customer's friendly version of it (the console shows the score and why). */
    health: health?.band ?? null,
    summary: {
      milestonesDone: milestones.filter((m) => m.state === 'done').length,
      milestones: milestones.length,
      tasksDone: tasks.filter((t) => t.done).length,
      tasks: tasks.length,
      overdue: milestones.filter((m) => m.state === 'overdue').length,
    },
  };
}

/** The tenant's plans, for the console: who is on which template, how far, how much is done. */
export async function plansOf(db: Db, tenantId: string) {
  const rows = await db
    .select({
      plan: schema.successPlans,
      template: schema.planTemplates.slug,
      customer: schema.customers.externalId,
      name: schema.customers.name,
      milestonesDone: sql<number>`(select count(*) from plan_completions c where c.plan_id = ${schema.successPlans.id} and c.kind = 'milestone')::int`,
    })
    .from(schema.successPlans)
    .innerJoin(schema.planTemplates, eq(schema.planTemplates.id, schema.successPlans.templateId))
    .innerJoin(schema.customers, eq(schema.customers.id, schema.successPlans.customerId))
    .where(eq(schema.successPlans.tenantId, tenantId))
    .orderBy(asc(schema.successPlans.startedAt))
    .limit(500);
  return rows.map((r) => ({
    id: r.plan.id,
    customer: r.customer,
    name: r.name,
    template: r.template,
    startedOn: r.plan.startedOn,
    milestonesDone: r.milestonesDone,
  }));
}
