import { sql } from 'drizzle-orm';
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

type Json = Record<string, unknown>;

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Every tenant-owned row: deleting a tenant deletes its data. */
const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/** A reference to a customer; their rows go with them. */
const customerRef = (column: string) =>
  uuid(column)
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' });

/** One company using Flywheel. Every other row hangs off a tenant. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** `pk_…`: public, names the tenant in the browser and doubles as the GrowthBook client key. */
  publishableKey: text('publishable_key').notNull().unique(),
  /** `sk_…` encrypted with TENANT_SECRETS_KEY (AES-256-GCM); the plain key is shown once, at creation. */
  secretKeyCiphertext: text('secret_key_ciphertext').notNull(),
  /** Origins allowed to embed widgets and call the BFF from a browser (exact `scheme://host[:port]`). */
  allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
});

/** An end customer of a tenant, known by the id the tenant's own product uses (`sub` in the token). */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    externalId: text('external_id').notNull(),
    email: text('email'),
    name: text('name'),
    traits: jsonb('traits').$type<Json>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customers_tenant_external_id').on(t.tenantId, t.externalId)],
);

/** Anonymous ids stitched to a customer by `identify`, so pre-sign-in events join the customer. */
export const customerAliases = pgTable(
  'customer_aliases',
  {
    tenantId: tenantId(),
    anonymousId: text('anonymous_id').notNull(),
    customerId: customerRef('customer_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.anonymousId] })],
);

export const eventType = pgEnum('event_type', ['track', 'identify', 'page']);

/**
 * Every event, in the Segment spec's shape. `(tenant_id, message_id)` is unique, which is what
 * makes ingestion idempotent. Identify traits are stored in `properties`.
 */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    messageId: text('message_id').notNull(),
    type: eventType('type').notNull(),
    /** The track event name, or the page name. */
    event: text('event'),
    /** The tenant's customer id (`sub`), when known. */
    userId: text('user_id'),
    anonymousId: text('anonymous_id'),
    properties: jsonb('properties').$type<Json>().notNull().default({}),
    context: jsonb('context').$type<Json>().notNull().default({}),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_tenant_message_id').on(t.tenantId, t.messageId),
    index('events_tenant_event_timestamp').on(t.tenantId, t.event, t.timestamp),
    index('events_tenant_user_id').on(t.tenantId, t.userId),
  ],
);

export const consoleRole = pgEnum('console_role', ['owner', 'marketer', 'moderator', 'viewer']);
export type ConsoleRole = (typeof consoleRole.enumValues)[number];

/** A person who signs in to the marketer console of one tenant. */
export const consoleUsers = pgTable(
  'console_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    /** Stored lower-cased; sign-in compares lower-cased input. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** `scrypt$N$r$p$salt$hash`, see packages/api/src/console/passwords.ts. */
    passwordHash: text('password_hash').notNull(),
    role: consoleRole('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('console_users_email').on(t.email)],
);

/** A console sign-in. The cookie holds a random token; only its SHA-256 is stored. */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    /** Sent back by the console in `X-CSRF-Token` on every mutation. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('console_sessions_user_id').on(t.userId)],
);

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

/** GrowthBook sticky bucket documents (GROWTHBOOK.md §2.3), so a unit keeps its variation when weights change. */
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

/** A reward as a program defines it and as it is granted. */
export type RewardSpec =
  | { type: 'points'; amount: number }
  | { type: 'credit'; amount: number; currency: string }
  /** `code`: the one drawn from the pool for this reward (set when granted). */
  | { type: 'coupon'; pool: string[]; code?: string }
  | { type: 'webhook'; url: string; label: string };

/** A tenant's referral program, edited in the console. */
export const referralPrograms = pgTable('referral_programs', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  referrerReward: jsonb('referrer_reward').$type<RewardSpec>().notNull(),
  friendReward: jsonb('friend_reward').$type<RewardSpec>().notNull(),
  /** The track event that qualifies a referred friend, e.g. subscription_started. */
  qualifyingEvent: text('qualifying_event').notNull(),
  /** A GrowthBook-syntax condition on the event's properties, e.g. { "plan": { "$ne": "free" } }. */
  qualifyingCondition: jsonb('qualifying_condition').$type<Json>(),
  /** The event that claws a reward back (a refund). */
  reversalEvent: text('reversal_event').notNull().default('refund_issued'),
  holdHours: integer('hold_hours').notNull().default(72),
  monthlyCap: integer('monthly_cap').notNull().default(20),
  milestones: jsonb('milestones').$type<{ friends: number; reward: RewardSpec }[]>().notNull().default([]),
  landingUrl: text('landing_url').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One code per customer per tenant, unique everywhere. */
export const referralCodes = pgTable(
  'referral_codes',
  {
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    code: text('code').notNull(),
    /** The referrer reward this customer was last shown (flag-evaluated); it is what they are granted. */
    offer: jsonb('offer').$type<RewardSpec>(),
    createdAt: createdAt(),
  },
  // Codes are unique across tenants: a link /r/<code> names no tenant.
  (t) => [uniqueIndex('referral_codes_code').on(t.code), uniqueIndex('referral_codes_tenant_customer').on(t.tenantId, t.customerId)],
);

/** A visit to /r/<code>, once per anonymous visitor. */
export const referralClicks = pgTable(
  'referral_clicks',
  {
    tenantId: tenantId(),
    code: text('code').notNull(),
    anonymousId: text('anonymous_id').notNull(),
    channel: text('channel'),
    /** SHA-256 of IP + user agent: enough to spot a self-referral, nothing to identify anyone by. */
    fingerprint: text('fingerprint').notNull(),
    clickedAt: timestamp('clicked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code, t.anonymousId] })],
);

export const referralStatus = pgEnum('referral_status', [
  'signed_up',
  'qualified',
  'pending',
  'approved',
  'paid',
  'held',
  'rejected',
  'reversed',
]);
export type ReferralStatus = (typeof referralStatus.enumValues)[number];

/** A friend attributed to a referrer. A friend can be referred once per tenant. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    referrerId: customerRef('referrer_id'),
    friendId: customerRef('friend_id'),
    code: text('code').notNull(),
    channel: text('channel'),
    status: referralStatus('status').notNull().default('signed_up'),
    /** Why it is held for review (fraud signals), or why it was rejected. */
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
    qualifiedAt: timestamp('qualified_at', { withTimezone: true }),
    approveAfter: timestamp('approve_after', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('referrals_tenant_friend').on(t.tenantId, t.friendId),
    index('referrals_tenant_referrer').on(t.tenantId, t.referrerId),
  ],
);

export const rewardSide = pgEnum('reward_side', ['referrer', 'friend']);
export const rewardStatus = pgEnum('reward_status', ['pending', 'approved', 'paid', 'reversed']);

/** One reward per referral per side: the unique index is what makes rewards exactly-once. */
export const referralRewards = pgTable(
  'referral_rewards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    side: rewardSide('side').notNull(),
    customerId: customerRef('customer_id'),
    reward: jsonb('reward').$type<RewardSpec>().notNull(),
    status: rewardStatus('status').notNull().default('pending'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('referral_rewards_once').on(t.referralId, t.side)],
);

/** Milestone rewards (e.g. at 3, 5, 10 qualified friends): once per referrer and milestone, by key. */
export const referralMilestoneRewards = pgTable(
  'referral_milestone_rewards',
  {
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    friends: integer('friends').notNull(),
    reward: jsonb('reward').$type<RewardSpec>().notNull(),
    status: rewardStatus('status').notNull().default('pending'),
    approveAfter: timestamp('approve_after', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId, t.friends] })],
);

/** Coupon codes already handed out: each code in a pool goes to one reward only. */
export const referralCouponsIssued = pgTable(
  'referral_coupons_issued',
  {
    tenantId: tenantId(),
    code: text('code').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);
