import type { RewardSpec } from '@flywheel/contracts/rewards';
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, customerRef, tenantId } from './columns.ts';
import { consoleUsers } from './console.ts';
import { tenants } from './tenants.ts';

export const grantStatus = pgEnum('grant_status', ['pending', 'approved', 'paid', 'reversed']);

/**
 * Everything any domain gives a customer: referral rewards, milestone rewards, badge points, UGC
 * points. `(tenant_id, source_key)` is unique: a source key names the reason for a grant
 * (`referral:<id>:referrer`), so a grant is made once however often its cause is replayed.
 */
export const rewardGrants = pgTable(
  'reward_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    /** The domain that granted it (`referral`, `achievements`, …). */
    source: text('source').notNull(),
    sourceKey: text('source_key').notNull(),
    spec: jsonb('spec').$type<RewardSpec>().notNull(),
    status: grantStatus('status').notNull(),
    /** Points that could not be taken back on reversal because the customer had spent them. */
    shortfall: integer('shortfall').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reward_grants_source_key').on(t.tenantId, t.sourceKey),
    index('reward_grants_customer').on(t.tenantId, t.customerId),
  ],
);

/**
 * A customer's points account per currency. It holds no balance (balances are sums of entries);
 * its row is what a spend locks, so concurrent spends of one account take turns.
 */
export const pointsAccounts = pgTable(
  'points_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    currency: text('currency').notNull().default('points'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('points_accounts_owner').on(t.tenantId, t.customerId, t.currency)],
);

/**
 * Where points are: a customer's `pending` (earned, on hold), `available` (spendable) and `held`
 * (reserved by a redemption in flight), and the tenant-side `issued` (where points come from),
 * `spent`, `reversed` and `expired` (where they go).
 */
export const pointsBucket = pgEnum('points_bucket', ['issued', 'pending', 'available', 'held', 'spent', 'reversed', 'expired']);
export type PointsBucket = (typeof pointsBucket.enumValues)[number];

export const pointsEntryKind = pgEnum('points_entry_kind', ['earn', 'approve', 'reverse', 'hold', 'settle', 'release', 'adjust', 'expire']);
export type PointsEntryKind = (typeof pointsEntryKind.enumValues)[number];

/**
 * The append-only, double-entry points ledger: each entry moves `amount` from one bucket to
 * another, so the buckets of an account always sum to zero and a balance is the sum of what came
 * in minus what went out. `(tenant_id, idempotency_key)` is unique: an entry is written once
 * however often its cause repeats. Entries are never updated or deleted; a reversal is an entry.
 */
export const pointsEntries = pgTable(
  'points_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => pointsAccounts.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    kind: pointsEntryKind('kind').notNull(),
    fromBucket: pointsBucket('from_bucket').notNull(),
    toBucket: pointsBucket('to_bucket').notNull(),
    amount: integer('amount').notNull(),
    grantId: uuid('grant_id').references(() => rewardGrants.id, { onDelete: 'set null' }),
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('points_entries_idempotency').on(t.tenantId, t.idempotencyKey),
    index('points_entries_account').on(t.accountId, t.id),
    check('points_entries_positive', sql`${t.amount} > 0`),
    check('points_entries_moves', sql`${t.fromBucket} <> ${t.toBucket}`),
  ],
);

/** A tenant's points rules. No row, or no `expireAfterDays`, means points never expire. */
export const pointsPolicies = pgTable('points_policies', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** Available points older than this many days expire (oldest spent first). */
  expireAfterDays: integer('expire_after_days'),
  updatedBy: uuid('updated_by').references(() => consoleUsers.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
