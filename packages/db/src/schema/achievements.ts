import type { BadgeDesign, BadgeTier, Fulfilment, LocalizedBadgeTexts } from '@flywheel/contracts/achievements';
import type { Rule } from '@flywheel/contracts/rules';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, customerRef, tenantId } from './columns.ts';
import { consoleUsers } from './console.ts';

export const badgeStatus = pgEnum('badge_status', ['active', 'retired']);

/** A badge: its words, design, rule and tiers. Retired badges award nothing new; awards stay. */
export const badges = pgTable(
  'badges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    slug: text('slug').notNull(),
    texts: jsonb('texts').$type<LocalizedBadgeTexts>().notNull(),
    design: jsonb('design').$type<BadgeDesign>().notNull(),
    /** Shown to a customer only once earned. */
    hidden: boolean('hidden').notNull().default(false),
    rule: jsonb('rule').$type<Rule>().notNull(),
    tiers: jsonb('tiers').$type<{ tier: BadgeTier; threshold: number; points: number }[]>().notNull(),
    status: badgeStatus('status').notNull().default('active'),
    createdBy: uuid('created_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('badges_slug').on(t.tenantId, t.slug)],
);

/**
 * What counted towards a customer's badge: one row per counted event, keyed by what makes it
 * that event (its message id, or the rule's `undoneBy.matchOn` property), so a replayed or
 * duplicated event counts once. An undone contribution keeps its row with `undone_at` set.
 */
export const badgeContributions = pgTable(
  'badge_contributions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    badgeId: uuid('badge_id')
      .notNull()
      .references(() => badges.id, { onDelete: 'cascade' }),
    customerId: customerRef('customer_id'),
    key: text('key').notNull(),
    /** 1 for a count; the property's value for a sum. */
    value: integer('value').notNull(),
    /** Whether the event came from a trusted producer (the tenant's server, a domain). */
    trusted: boolean('trusted').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('badge_contributions_once').on(t.badgeId, t.customerId, t.key),
    index('badge_contributions_progress').on(t.tenantId, t.customerId, t.badgeId),
  ],
);

/**
 * A badge tier a customer earned, unique per (customer, badge, tier) among live awards by
 * constraint. The id is
 * random (122 bits) and doubles as the public page's address. `status_index` is the award's bit
 * in the tenant's revocation status list, unique per tenant.
 */
export const badgeAwards = pgTable(
  'badge_awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    badgeId: uuid('badge_id')
      .notNull()
      .references(() => badges.id, { onDelete: 'cascade' }),
    customerId: customerRef('customer_id'),
    tier: text('tier').$type<BadgeTier>().notNull(),
    statusIndex: integer('status_index').notNull(),
    /** The customer chose to show it on a public page. */
    public: boolean('public').notNull().default(false),
    /** Awarded by the tenant's server through the REST API: no rule takes it back, only a revoke. */
    byApi: boolean('by_api').notNull().default(false),
    awardedAt: timestamp('awarded_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    // A revoked award stays (its status bit stays set); earning the tier again is a new award.
    uniqueIndex('badge_awards_once').on(t.tenantId, t.badgeId, t.customerId, t.tier).where(sql`${t.revokedAt} is null`),
    uniqueIndex('badge_awards_status_index').on(t.tenantId, t.statusIndex),
    index('badge_awards_customer').on(t.tenantId, t.customerId),
  ],
);

/** A customer's streak: its current and longest run, the last period with activity, their time zone. */
export const streaks = pgTable(
  'streaks',
  {
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    cadence: text('cadence').$type<'daily' | 'weekly'>().notNull().default('daily'),
    current: integer('current').notNull().default(0),
    longest: integer('longest').notNull().default(0),
    /** The local date of the last active (or frozen) period: the day, or the Monday of the week. */
    lastPeriod: date('last_period', { mode: 'string' }),
    timeZone: text('time_zone').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('streaks_owner').on(t.tenantId, t.customerId)],
);

/** Each period of a streak, for the calendar: active, or covered by a freeze. */
export const streakPeriods = pgTable(
  'streak_periods',
  {
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    period: date('period', { mode: 'string' }).notNull(),
    kind: text('kind').$type<'active' | 'frozen'>().notNull(),
  },
  (t) => [uniqueIndex('streak_periods_once').on(t.tenantId, t.customerId, t.period)],
);

/** A streak freeze: earned by a run, or bought; used (oldest first) to cover a missed period. */
export const streakFreezes = pgTable(
  'streak_freezes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    source: text('source').$type<'earned' | 'bought'>().notNull(),
    /** What gave it: `run:<period>` for an earned one, the redemption id for a bought one. */
    sourceKey: text('source_key').notNull(),
    usedFor: date('used_for', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('streak_freezes_source').on(t.tenantId, t.customerId, t.sourceKey)],
);

export const catalogueItemStatus = pgEnum('catalogue_item_status', ['active', 'retired']);

/** The points bank: what customers can spend points on. */
export const catalogueItems = pgTable(
  'catalogue_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    texts: jsonb('texts').$type<{ en: { name: string; description: string }; 'zh-CN'?: { name: string; description: string } }>().notNull(),
    price: integer('price').notNull(),
    fulfilment: jsonb('fulfilment').$type<Fulfilment>().notNull(),
    /** Left to redeem; null is unlimited. Decremented under the row's lock, never below zero. */
    stock: integer('stock'),
    perCustomerLimit: integer('per_customer_limit'),
    minLevel: integer('min_level').notNull().default(0),
    status: catalogueItemStatus('status').notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [check('catalogue_items_stock', sql`${t.stock} is null or ${t.stock} >= 0`), index('catalogue_items_tenant').on(t.tenantId)],
);

export const redemptionStatus = pgEnum('redemption_status', ['pending', 'fulfilled', 'failed', 'cancelled']);

/**
 * A customer spending points on an item. `(tenant, customer, idempotency_key)` is unique: a
 * retried request redeems once. Its points are held until it is fulfilled, and given back if
 * fulfilment fails or it is cancelled.
 */
export const redemptions = pgTable(
  'redemptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogueItems.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    price: integer('price').notNull(),
    status: redemptionStatus('status').notNull().default('pending'),
    /** The coupon code drawn for it. */
    code: text('code'),
    failure: text('failure'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('redemptions_idempotency').on(t.tenantId, t.customerId, t.idempotencyKey),
    index('redemptions_item').on(t.itemId, t.status),
  ],
);

/**
 * Points for an action: each trusted event matching `event` and `condition` earns `points`, at
 * most `daily_cap` times a day per customer (their day), against farming.
 */
export const pointRules = pgTable(
  'point_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    event: text('event').notNull(),
    condition: jsonb('condition').$type<Record<string, unknown>>(),
    points: integer('points').notNull(),
    dailyCap: integer('daily_cap').notNull(),
    status: badgeStatus('status').notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [index('point_rules_tenant').on(t.tenantId, t.status)],
);

/** Each event a point rule paid for, on the customer's local day: the cap counts these. */
export const pointRuleAwards = pgTable(
  'point_rule_awards',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => pointRules.id, { onDelete: 'cascade' }),
    customerId: customerRef('customer_id'),
    day: date('day', { mode: 'string' }).notNull(),
    messageId: text('message_id').notNull(),
  },
  (t) => [
    uniqueIndex('point_rule_awards_once').on(t.ruleId, t.customerId, t.messageId),
    index('point_rule_awards_day').on(t.ruleId, t.customerId, t.day),
  ],
);

/** A tenant's achievements settings; no row means the defaults. */
export const achievementSettings = pgTable('achievement_settings', {
  tenantId: tenantId().primaryKey(),
  /** The event that keeps a streak alive. */
  streakEvent: text('streak_event').notNull().default('$page'),
  streakCadence: text('streak_cadence').$type<'daily' | 'weekly'>().notNull().default('daily'),
  /** Lifetime points at which each level starts: level 1 at the first entry, and so on. */
  levelCurve: integer('level_curve').array().notNull().default(sql`'{0,100,300,600,1000,1500,2500,4000}'::int[]`),
});

/** Customers who chose to appear on the leaderboard; nobody is on it otherwise. */
export const leaderboardMembers = pgTable(
  'leaderboard_members',
  { tenantId: tenantId(), customerId: customerRef('customer_id'), joinedAt: createdAt() },
  (t) => [uniqueIndex('leaderboard_members_once').on(t.tenantId, t.customerId)],
);
