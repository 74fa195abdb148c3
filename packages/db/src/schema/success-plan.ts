import type { PlanTemplateInput } from '@flywheel/contracts/success-plan';
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, customerRef, tenantId } from './columns.ts';

export const templateStatus = pgEnum('plan_template_status', ['active', 'retired']);

/** A 90-day plan as the tenant designs it: who it fits, its phases, milestones and tasks. */
export const planTemplates = pgTable(
  'plan_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    slug: text('slug').notNull(),
    texts: jsonb('texts').$type<PlanTemplateInput['texts']>().notNull(),
    audience: jsonb('audience').$type<Record<string, unknown>>(),
    priority: integer('priority').notNull().default(100),
    phases: jsonb('phases').$type<PlanTemplateInput['phases']>().notNull(),
    milestones: jsonb('milestones').$type<PlanTemplateInput['milestones']>().notNull(),
    tasks: jsonb('tasks').$type<PlanTemplateInput['tasks']>().notNull(),
    status: templateStatus('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_templates_slug').on(t.tenantId, t.slug)],
);

/** A customer's plan: one per customer, from the template they got, starting on their local date. */
export const successPlans = pgTable(
  'success_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    templateId: uuid('template_id')
      .notNull()
      .references(() => planTemplates.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** Day 0 of the plan, in the customer's time zone. */
    startedOn: date('started_on', { mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('success_plans_customer').on(t.tenantId, t.customerId)],
);

/** What counted towards a milestone (or a self-ticking task): one row per event, a replay counts once. */
export const planContributions = pgTable(
  'plan_contributions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => successPlans.id, { onDelete: 'cascade' }),
    item: text('item').notNull(),
    key: text('key').notNull(),
    value: integer('value').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('plan_contributions_once').on(t.planId, t.item, t.key)],
);

/** A milestone reached or a task done, once per plan and item, with when and how. */
export const planCompletions = pgTable(
  'plan_completions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => successPlans.id, { onDelete: 'cascade' }),
    item: text('item').notNull(),
    kind: text('kind').$type<'milestone' | 'task'>().notNull(),
    /** `event`: completed by what the customer did; `customer`: ticked by hand. */
    by: text('by').$type<'event' | 'customer'>().notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('plan_completions_once').on(t.planId, t.item), index('plan_completions_plan').on(t.planId)],
);
