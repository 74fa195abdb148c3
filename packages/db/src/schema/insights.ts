import type { RfmTier, ValueBand } from '@flywheel/contracts/flag-attributes';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { customerRef, type Json, tenantId } from './columns.ts';
import { tenants } from './tenants.ts';

/** The look-back windows of the features, in days. */
export type FeatureWindows = { activeDays: number; frequencyDays: number; ticketDays: number; monetaryDays: number };

/** Which rule labels a customer high-value for the model to learn. */
export type ValueLabelRule = { kind: 'top-monetary'; share: number } | { kind: 'did-event'; event: string; withinDays: number };

/**
 * How a tenant's customer features are computed and what the model learns; a tenant without a
 * row uses the defaults (insights/settings.ts).
 */
export const insightSettings = pgTable('insight_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** The key feature events `feature_usage` counts; empty: every event the customer or the tenant's server sends. */
  featureEvents: text('feature_events').array().notNull().default(sql`'{}'::text[]`),
  ticketEvent: text('ticket_event').notNull().default('support_ticket_opened'),
  revenueEvent: text('revenue_event').notNull().default('subscription_started'),
  revenueProperty: text('revenue_property').notNull().default('revenue'),
  windows: jsonb('windows')
    .$type<FeatureWindows>()
    .notNull()
    .default({ activeDays: 30, frequencyDays: 90, ticketDays: 90, monetaryDays: 365 }),
  labelRule: jsonb('label_rule').$type<ValueLabelRule>().notNull().default({ kind: 'top-monetary', share: 0.2 }),
  /** The tenant's own `tier` trait wins over the computed RFM tier. */
  tierFromTraits: boolean('tier_from_traits').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One customer's features, RFM scores, tier and predicted value as of the last refresh. */
export const customerInsights = pgTable(
  'customer_insights',
  {
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    /** login_freq, feature_usage, support_tickets, recency_days, frequency, monetary, referrals_sent, streak, accepted_ugc. */
    features: jsonb('features').$type<Record<string, number | null>>().notNull(),
    recencyScore: integer('recency_score').notNull(),
    frequencyScore: integer('frequency_score').notNull(),
    monetaryScore: integer('monetary_score').notNull(),
    tier: text('tier').$type<RfmTier>().notNull(),
    /** The model's probability of high value, or null while no model is trained. */
    valueProbability: real('value_probability'),
    valueBand: text('value_band').$type<ValueBand>(),
    modelVersion: integer('model_version'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] }), index('customer_insights_tenant_tier').on(t.tenantId, t.tier)],
);

/** Each customer's tier per day it was computed: movement between tiers week over week. */
export const tierHistory = pgTable(
  'tier_history',
  {
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    day: date('day', { mode: 'string' }).notNull(),
    tier: text('tier').$type<RfmTier>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId, t.day] }), index('tier_history_tenant_day').on(t.tenantId, t.day)],
);

/**
 * A trained high-value model, versioned per tenant: its forest, the held-out evaluation and the
 * feature importances; or a run that did not train, with why ("needs 200 labelled customers").
 */
export const valueModels = pgTable(
  'value_models',
  {
    tenantId: tenantId(),
    version: integer('version').notNull(),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
    /** The feature windows the model was trained with. */
    windows: jsonb('windows')
      .$type<FeatureWindows>()
      .notNull()
      .default({ activeDays: 30, frequencyDays: 90, ticketDays: 90, monetaryDays: 365 }),
    labelRule: jsonb('label_rule').$type<ValueLabelRule>().notNull(),
    customers: integer('customers').notNull(),
    positives: integer('positives').notNull(),
    /** Why no model was trained, or null for a trained one. */
    skippedReason: text('skipped_reason'),
    /** ROC AUC, precision and recall at the threshold, calibration bins; on the held-out part. */
    evaluation: jsonb('evaluation').$type<Json>(),
    importances: jsonb('importances').$type<Record<string, number>>(),
    /** Probability cut-offs of the bands: high ≥ high, medium ≥ medium. */
    thresholds: jsonb('thresholds').$type<{ high: number; medium: number }>(),
    forest: jsonb('forest').$type<Json>(),
    trainingMs: doublePrecision('training_ms'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);
