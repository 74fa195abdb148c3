import { type FraudSignal, type ProgramTerms, REFERRAL_STATUSES } from '@flywheel/contracts/referral';
import type { RewardSpec } from '@flywheel/contracts/rewards';
import { bigint, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, customerRef, type Json, tenantId } from './columns.ts';
import { consoleUsers } from './console.ts';
import { tenants } from './tenants.ts';

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
  /** What the customer agrees to, in each language; null until the marketer writes them. */
  terms: jsonb('terms').$type<ProgramTerms>(),
  /** Set while the program is paused: no new referrals are attributed or rewarded. */
  pausedAt: timestamp('paused_at', { withTimezone: true }),
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
  (t) => [
    primaryKey({ columns: [t.tenantId, t.code, t.anonymousId] }),
    // A client without the visitor cookie is recognised by its fingerprint within a day.
    index('referral_clicks_fingerprint').on(t.tenantId, t.code, t.fingerprint, t.clickedAt),
  ],
);

export const referralStatus = pgEnum('referral_status', REFERRAL_STATUSES);
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
    /** Why it is held for review: codes with parameters, translated where they are shown. */
    signals: jsonb('signals').$type<FraudSignal[]>().notNull().default([]),
    /** A moderator's decision on a held referral: who, when, and the note they wrote. */
    decidedBy: uuid('decided_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
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

/**
 * Where a referrer was seen using their referral center: a hash of IP address and user agent, as
 * on clicks, so a friend's click from the referrer's own network and browser is spotted.
 */
export const referrerSightings = pgTable(
  'referrer_sightings',
  {
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    fingerprint: text('fingerprint').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId, t.fingerprint] })],
);

/**
 * A friend a customer invited by typing their email address into the referral center: once per
 * address and referrer (a second invite is refused), and what the daily limit counts.
 */
export const referralEmailInvites = pgTable(
  'referral_email_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    referrerId: customerRef('referrer_id'),
    /** Lower-cased as typed: the address the invite goes to. */
    email: text('email').notNull(),
    locale: text('locale').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('referral_email_invites_once').on(t.tenantId, t.referrerId, t.email),
    index('referral_email_invites_recent').on(t.tenantId, t.referrerId, t.createdAt),
  ],
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

/** Every change to a program: who made it, and the program before and after (the console's history). */
export const referralProgramChanges = pgTable(
  'referral_program_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    changedBy: uuid('changed_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
    before: jsonb('before').$type<Json>(),
    after: jsonb('after').$type<Json>().notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('referral_program_changes_tenant').on(t.tenantId, t.changedAt)],
);
