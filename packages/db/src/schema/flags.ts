import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, type Json, tenantId } from './columns.ts';
import { consoleUsers } from './console.ts';
import { tenants } from './tenants.ts';

export const featureStatus = pgEnum('feature_status', ['draft', 'running', 'stopped']);
export type FeatureStatus = (typeof featureStatus.enumValues)[number];

/**
 * What marketers change about a feature defined in experiments/, per tenant. The payload widgets
 * receive is compile(definitions, these rows).
 */
export const featureStates = pgTable(
  'feature_states',
  {
    tenantId: tenantId(),
    featureKey: text('feature_key').notNull(),
    status: featureStatus('status').notNull().default('draft'),
    /** null = the definition's value. */
    coverage: doublePrecision('coverage'),
    weights: jsonb('weights').$type<number[]>(),
    targeting: jsonb('targeting').$type<Json>(),
    /** A variation everyone (matching the targeting) gets, e.g. a winner rolled out or a kill switch. */
    releasedVariationId: text('released_variation_id'),
    /** Incremented on relaunch: a new phase re-randomises and starts new sticky buckets. */
    phase: integer('phase').notNull().default(0),
    /** null = the definition's metrics; a marketer may choose others when configuring the experiment. */
    goalMetrics: jsonb('goal_metrics').$type<string[]>(),
    guardrailMetrics: jsonb('guardrail_metrics').$type<string[]>(),
    /** When the current phase was launched: results start here, and "days running" counts from it. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** How the last run ended: the outcome, what shipped and the write-up (set by stop, cleared by launch). */
    decision: jsonb('decision').$type<Json>(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.featureKey] })],
);

/** Every change to a feature's runtime state: who, when, before and after. Never updated. */
export const featureStateChanges = pgTable(
  'feature_state_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    featureKey: text('feature_key').notNull(),
    changedBy: uuid('changed_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    before: jsonb('before').$type<Json | null>(),
    after: jsonb('after').$type<Json>().notNull(),
  },
  (t) => [index('feature_state_changes_tenant_key').on(t.tenantId, t.featureKey, t.changedAt)],
);

/**
 * The payload's version per tenant: `dateUpdated` moves when, and only when, the compiled
 * content's hash changes, so SDKs (which dedupe by dateUpdated) see every change and no other.
 */
export const payloadVersions = pgTable('payload_versions', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  contentHash: text('content_hash').notNull(),
  dateUpdated: timestamp('date_updated', { withTimezone: true }).notNull().defaultNow(),
});

/** GrowthBook sticky bucket documents (the JS SDK's sticky bucketing), so a unit keeps its variation when weights change. */
export const stickyBuckets = pgTable(
  'sticky_buckets',
  {
    tenantId: tenantId(),
    attributeName: text('attribute_name').notNull(),
    attributeValue: text('attribute_value').notNull(),
    assignments: jsonb('assignments').$type<Record<string, string>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.attributeName, t.attributeValue] })],
);

/**
 * An experiment a marketer created in the console, on a feature experiments/ defines without one
 * (the experiment part of a feature file, validated by the same schema). `flywheel experiments
 * pull` writes these back to the feature files.
 */
export const authoredExperiments = pgTable(
  'authored_experiments',
  {
    tenantId: tenantId(),
    featureKey: text('feature_key').notNull(),
    definition: jsonb('definition').$type<Json>().notNull(),
    createdBy: uuid('created_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.featureKey] })],
);

/**
 * Copy a marketer wrote in the console for a string feature: one more variation, with its text in
 * every language widgets speak. The variation's value is its id; widgets render the text.
 */
export const copyVariations = pgTable(
  'copy_variations',
  {
    tenantId: tenantId(),
    featureKey: text('feature_key').notNull(),
    variationId: text('variation_id').notNull(),
    /** Locale → text, e.g. { en: 'Give $20, get $20', 'zh-CN': '送 $20，得 $20' }. */
    texts: jsonb('texts').$type<Record<string, string>>().notNull(),
    createdBy: uuid('created_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.featureKey, t.variationId] })],
);

/**
 * A read-only link to an experiment's results, as they were when it was shared: the snapshot is
 * what the link shows, so everyone who opens it reads the same numbers. Only the token's SHA-256
 * is stored (the link is the secret); revoking keeps the row, so the list still says who shared.
 */
export const experimentReports = pgTable(
  'experiment_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    featureKey: text('feature_key').notNull(),
    tokenDigest: text('token_digest').notNull(),
    snapshot: jsonb('snapshot').$type<Json>().notNull(),
    createdBy: uuid('created_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('experiment_reports_token_digest').on(t.tokenDigest),
    index('experiment_reports_tenant_feature').on(t.tenantId, t.featureKey),
  ],
);
