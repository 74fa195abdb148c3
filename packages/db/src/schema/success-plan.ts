import type { PlanTemplateInput } from '@flywheel/contracts/success-plan';
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, customerRef, tenantId } from './columns.ts';
import { consoleUsers } from './console.ts';

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

/** A usage figure of the value report: how often an event happened, and optionally what it was worth. */
export type ValueFigureSpec = {
  event: string;
  label: { en: string; 'zh-CN'?: string };
  /** What one event is worth, in `unit` (e.g. 15 minutes saved per report). */
  valuePerEvent?: number;
  unit?: { en: string; 'zh-CN'?: string };
};

export type HealthSignalName =
  | 'active_days'
  | 'feature_breadth'
  | 'milestones_on_track'
  | 'support_tickets'
  | 'nps'
  | 'referrals_sent'
  | 'streak'
  | 'stories_published';
export type HealthBand = 'healthy' | 'at_risk' | 'critical';
/** One signal of a score, as computed: its raw value, 0–100 value, weight and share of the score. */
export type HealthSignal = {
  signal: HealthSignalName;
  raw: number;
  value: number;
  weight: number;
  contribution: number;
  detail?: Record<string, number>;
};

/** A tenant's health model; no row means the defaults. */
export const healthSettings = pgTable('health_settings', {
  tenantId: tenantId().primaryKey(),
  /** Weights by signal; a signal left out keeps its default weight. */
  weights: jsonb('weights').$type<Partial<Record<HealthSignalName, number>>>().notNull().default({}),
  /** The product events that count as key features (breadth); null: the defaults. */
  keyFeatures: text('key_features').array(),
  healthyFrom: integer('healthy_from').notNull().default(70),
  atRiskFrom: integer('at_risk_from').notNull().default(40),
  /** A fall of this many points within 7 days opens an alert, whatever the band. */
  alertDrop: integer('alert_drop').notNull().default(15),
  /** NPS is asked of customers at least this old, active on this many of the last 30 days, at most this often. */
  npsMinAccountDays: integer('nps_min_account_days').notNull().default(14),
  npsMinActiveDays: integer('nps_min_active_days').notNull().default(3),
  npsEveryDays: integer('nps_every_days').notNull().default(90),
  /** The usage figures a value report shows; null: the defaults. */
  valueFigures: jsonb('value_figures').$type<ValueFigureSpec[]>(),
  /** The event (e.g. `signed_up`) whose arrival starts a customer's plan; null: when they first open the widget. */
  planStartEvent: text('plan_start_event'),
});

/** A customer's health score, one row per customer per day, with every signal that made it. */
export const healthScores = pgTable(
  'health_scores',
  {
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    day: date('day', { mode: 'string' }).notNull(),
    score: integer('score').notNull(),
    band: text('band').$type<HealthBand>().notNull(),
    signals: jsonb('signals').$type<HealthSignal[]>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('health_scores_day').on(t.tenantId, t.customerId, t.day), index('health_scores_latest').on(t.tenantId, t.day)],
);

export const alertStatus = pgEnum('health_alert_status', ['open', 'assigned', 'resolved']);

/** A risk alert: a customer's band dropped or their score fell fast; open → assigned → resolved with a note. */
export const healthAlerts = pgTable(
  'health_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    status: alertStatus('status').notNull().default('open'),
    score: integer('score').notNull(),
    previousScore: integer('previous_score').notNull(),
    band: text('band').$type<HealthBand>().notNull(),
    previousBand: text('previous_band').$type<HealthBand>().notNull(),
    /** The signals that moved, largest fall first: the alert's explanation. */
    explanation: jsonb('explanation').$type<{ signal: HealthSignalName; change: number; detail?: Record<string, number> }[]>().notNull(),
    assignee: uuid('assignee').references(() => consoleUsers.id, { onDelete: 'set null' }),
    note: text('note'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    // One alert in flight per customer: a further drop updates it instead of piling up.
    uniqueIndex('health_alerts_in_flight').on(t.tenantId, t.customerId).where(sql`${t.status} <> 'resolved'`),
    index('health_alerts_tenant').on(t.tenantId, t.status),
  ],
);

/** NPS answers (0–10, optional comment) and dismissals: a dismissal counts as asked. */
export const npsResponses = pgTable(
  'nps_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    /** Null when the customer dismissed the question. */
    score: integer('score'),
    comment: text('comment'),
    locale: text('locale').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('nps_responses_customer').on(t.tenantId, t.customerId, t.createdAt)],
);

/** A customer's value report for a quarter: what they achieved, against the quarter before. */
export type ValueFigure = {
  key: string;
  label: { en: string; 'zh-CN'?: string };
  current: number;
  previous: number;
  unit?: { en: string; 'zh-CN'?: string };
};
export const valueReports = pgTable(
  'value_reports',
  {
    /** Random: the report's shareable address. */
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    quarter: text('quarter').notNull(),
    figures: jsonb('figures').$type<ValueFigure[]>().notNull(),
    /** The quarter was over when it was made (a quarter-end report), or it was made on demand mid-quarter. */
    final: boolean('final').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('value_reports_quarter').on(t.tenantId, t.customerId, t.quarter)],
);
