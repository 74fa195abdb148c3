import { type Db, type PointsBucket, type PointsEntryKind, schema, type Tx } from '@flywheel/db';
import { and, eq, sql } from 'drizzle-orm';

export type Balances = { pending: number; available: number; held: number };

/** The customer's account for a currency, created on first use. */
export async function accountFor(db: Db | Tx, tenantId: string, customerId: string, currency = 'points'): Promise<string> {
  await db.insert(schema.pointsAccounts).values({ tenantId, customerId, currency }).onConflictDoNothing();
  const [row] = await db
    .select({ id: schema.pointsAccounts.id })
    .from(schema.pointsAccounts)
    .where(
      and(
        eq(schema.pointsAccounts.tenantId, tenantId),
        eq(schema.pointsAccounts.customerId, customerId),
        eq(schema.pointsAccounts.currency, currency),
      ),
    );
  if (!row) throw new Error('points account vanished');
  return row.id;
}

/** Takes the account's row lock: whoever holds it is the only one moving its points out. */
export async function lockAccount(tx: Tx, accountId: string) {
  await tx
    .select({ id: schema.pointsAccounts.id })
    .from(schema.pointsAccounts)
    .where(eq(schema.pointsAccounts.id, accountId))
    .for('update');
}

/** Sums of entries in and out of each of the customer's buckets. */
export async function balancesOf(db: Db | Tx, accountId: string): Promise<Balances> {
  const bucket = (name: PointsBucket) =>
    sql<number>`(coalesce(sum(${schema.pointsEntries.amount}) filter (where ${schema.pointsEntries.toBucket} = ${name}), 0)
      - coalesce(sum(${schema.pointsEntries.amount}) filter (where ${schema.pointsEntries.fromBucket} = ${name}), 0))::int`;
  const [row] = await db
    .select({ pending: bucket('pending'), available: bucket('available'), held: bucket('held') })
    .from(schema.pointsEntries)
    .where(eq(schema.pointsEntries.accountId, accountId));
  return { pending: row?.pending ?? 0, available: row?.available ?? 0, held: row?.held ?? 0 };
}

export type Posting = {
  tenantId: string;
  accountId: string;
  /** Unique per tenant: the same cause posts once. */
  key: string;
  kind: PointsEntryKind;
  from: PointsBucket;
  to: PointsBucket;
  amount: number;
  grantId?: string | null;
  reason?: string | null;
  createdBy?: string | null;
};

/** Appends one entry; resolves to false when an entry with this key exists already. */
export async function post(tx: Tx, posting: Posting): Promise<boolean> {
  const inserted = await tx
    .insert(schema.pointsEntries)
    .values({
      tenantId: posting.tenantId,
      accountId: posting.accountId,
      idempotencyKey: posting.key,
      kind: posting.kind,
      fromBucket: posting.from,
      toBucket: posting.to,
      amount: posting.amount,
      grantId: posting.grantId ?? null,
      reason: posting.reason ?? null,
      createdBy: posting.createdBy ?? null,
    })
    .onConflictDoNothing({ target: [schema.pointsEntries.tenantId, schema.pointsEntries.idempotencyKey] })
    .returning({ id: schema.pointsEntries.id });
  return inserted.length > 0;
}

export async function entryExists(db: Db | Tx, tenantId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: schema.pointsEntries.id })
    .from(schema.pointsEntries)
    .where(and(eq(schema.pointsEntries.tenantId, tenantId), eq(schema.pointsEntries.idempotencyKey, key)));
  return Boolean(row);
}
