import type { CustomerSegments } from '@flywheel/contracts/flag-attributes';
import type { Traits } from '@flywheel/contracts/json';
import { type Db, queryRows, schema, type Tx } from '@flywheel/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CustomerClaims } from '../identity/index.ts';

/** A customer as procedures see it: `id` is Flywheel's, `externalId` the tenant's (`sub`). */
export type Customer = {
  id: string;
  tenantId: string;
  externalId: string;
  email: string | null;
  name: string | null;
  traits: Traits;
  /** What the insights domain computed (tier, value band, health band, NPS group). */
  segments: CustomerSegments;
};

const customerColumns = {
  id: schema.customers.id,
  tenantId: schema.customers.tenantId,
  externalId: schema.customers.externalId,
  email: schema.customers.email,
  name: schema.customers.name,
  traits: schema.customers.traits,
  segments: schema.customers.segments,
};

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * Records that a customer was seen, from a token's claims or identify traits: creates them on
 * first sight, refreshes last-seen, merges traits over stored ones, and fills email and name
 * (Segment's reserved traits) when given. The one place a customer row is written.
 */
export async function upsertCustomer(
  db: Db | Tx,
  tenantId: string,
  seen: { externalId: string; email?: string | null | undefined; name?: string | null | undefined; traits?: Traits | undefined },
): Promise<Customer> {
  const traits = seen.traits ?? {};
  const [row] = await db
    .insert(schema.customers)
    .values({
      tenantId,
      externalId: seen.externalId,
      email: text(seen.email) ?? text(traits.email),
      name: text(seen.name) ?? text(traits.name),
      traits,
    })
    .onConflictDoUpdate({
      target: [schema.customers.tenantId, schema.customers.externalId],
      set: {
        email: sql`coalesce(excluded.email, ${schema.customers.email})`,
        name: sql`coalesce(excluded.name, ${schema.customers.name})`,
        traits: sql`${schema.customers.traits} || excluded.traits`,
        lastSeenAt: sql`now()`,
      },
    })
    .returning(customerColumns);
  if (!row) throw new Error('customer upsert returned nothing');
  return row as Customer;
}

/** Tokens whose claims this process has recorded; the oldest are forgotten first. */
const recordedTokens = new Set<string>();
const MAX_RECORDED_TOKENS = 100_000;

/**
 * The customer a verified token names. The first request with a token records the customer as
 * seen, with the claims it carries (created on first sight); every later request with the same
 * token only reads, so a widget's reads are reads, not an upsert per procedure call. Last-seen is
 * then as fine as the tenant's token lifetime (at most 24 h, usually an hour).
 */
export async function customerFromClaims(
  db: Db | Tx,
  tenantId: string,
  claims: Pick<CustomerClaims, 'sub' | 'email' | 'name' | 'traits'> & { iat?: number },
): Promise<Customer> {
  const token = JSON.stringify([tenantId, claims.sub, claims.iat, claims.email, claims.name, claims.traits]);
  if (recordedTokens.has(token)) {
    const known = await findCustomer(db, tenantId, claims.sub);
    // Erased since: the token still names a customer, who is recorded again.
    if (known) return known;
  }
  const customer = await upsertCustomer(db, tenantId, {
    externalId: claims.sub,
    email: claims.email,
    name: claims.name,
    traits: claims.traits,
  });
  if (recordedTokens.size >= MAX_RECORDED_TOKENS) recordedTokens.delete(recordedTokens.values().next().value as string);
  recordedTokens.add(token);
  return customer;
}

/**
 * Stitches an anonymous id (a browser, a referral link's visitor cookie) to a customer. A device
 * may belong to several customers; stitching it again changes nothing.
 */
export async function stitchAlias(db: Db | Tx, tenantId: string, customerId: string, anonymousId: string) {
  await db.insert(schema.customerAliases).values({ tenantId, anonymousId, customerId }).onConflictDoNothing();
}

export async function findCustomer(db: Db | Tx, tenantId: string, externalId: string): Promise<Customer | null> {
  const [row] = await db
    .select(customerColumns)
    .from(schema.customers)
    .where(and(eq(schema.customers.tenantId, tenantId), eq(schema.customers.externalId, externalId)));
  return (row as Customer | undefined) ?? null;
}

/** The customers with these ids in one tenant, with when each was first seen. */
export async function customersByIds(db: Db | Tx, tenantId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ ...customerColumns, firstSeenAt: schema.customers.firstSeenAt })
    .from(schema.customers)
    .where(and(eq(schema.customers.tenantId, tenantId), inArray(schema.customers.id, ids)));
}

/**
 * The ids of the tenant's customers whose name, email or own id contains `text` (any case), as a
 * subquery for other domains' filters: a console search never loads every customer.
 */
export function customersMatching(tenantId: string, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const c = schema.customers;
  return sql`(select ${c.id} from ${c} where ${c.tenantId} = ${tenantId}
    and (${c.name} ilike ${pattern} or ${c.email} ilike ${pattern} or ${c.externalId} ilike ${pattern}))`;
}

/** The tenant's own id (`sub`) for a Flywheel customer id, for the events domains record about them. */
export async function externalIdOf(db: Db | Tx, tenantId: string, customerId: string): Promise<string> {
  const [row] = await customersByIds(db, tenantId, [customerId]);
  return row?.externalId ?? customerId;
}

/** Whether two customers were ever identified from the same device or visitor cookie. */
export async function shareADevice(db: Db | Tx, tenantId: string, a: string, b: string): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`
    select 1 from customer_aliases x join customer_aliases y on y.tenant_id = x.tenant_id and y.anonymous_id = x.anonymous_id
    where x.tenant_id = ${tenantId} and x.customer_id = ${a} and y.customer_id = ${b} limit 1`,
  );
  return rows.length > 0;
}

/** What the browser may see of a customer. */
/**
 * The customer as their own widgets see them: the browser evaluates flags on the same traits and
 * segments as the server, so both bucket and target them alike.
 */
export function toPublicCustomer(customer: Customer) {
  return { id: customer.externalId, name: customer.name, email: customer.email, traits: customer.traits, segments: customer.segments };
}

/**
 * Replaces the computed segments of many customers at once (the insights refresh); the one way
 * segments are written in bulk. `rows` are Flywheel customer ids.
 */
export async function setSegments(db: Db | Tx, tenantId: string, rows: { customerId: string; segments: CustomerSegments }[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await db.execute(sql`update customers set segments = v.segments::jsonb
      from (values ${sql.join(
        chunk.map((row) => sql`(${row.customerId}::uuid, ${JSON.stringify(row.segments)})`),
        sql`, `,
      )}) as v(id, segments)
      where customers.id = v.id and customers.tenant_id = ${tenantId}`);
  }
}

/** Changes some of one customer's segments (an NPS answer moves their group at once). */
export async function mergeSegments(db: Db | Tx, tenantId: string, customerId: string, segments: CustomerSegments) {
  await db
    .update(schema.customers)
    .set({ segments: sql`${schema.customers.segments} || ${JSON.stringify(segments)}::jsonb` })
    .where(and(eq(schema.customers.tenantId, tenantId), eq(schema.customers.id, customerId)));
}

/** Every customer of a tenant with when they were first seen: what the insights refresh scores. */
export function allCustomers(db: Db | Tx, tenantId: string) {
  return db
    .select({ ...customerColumns, firstSeenAt: schema.customers.firstSeenAt })
    .from(schema.customers)
    .where(eq(schema.customers.tenantId, tenantId))
    .orderBy(schema.customers.id);
}

/** The anonymous ids stitched to a customer (their browsers and devices). */
export async function aliasesOf(db: Db | Tx, tenantId: string, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ anonymousId: schema.customerAliases.anonymousId })
    .from(schema.customerAliases)
    .where(and(eq(schema.customerAliases.tenantId, tenantId), eq(schema.customerAliases.customerId, customerId)));
  return rows.map((row) => row.anonymousId);
}

/**
 * Deletes the customer's row, and with it every row that references them (each such column
 * cascades: aliases, points, grants, awards, referrals, plans, submissions, likes, …).
 */
export async function deleteCustomer(tx: Tx, tenantId: string, customerId: string) {
  await tx.delete(schema.customers).where(and(eq(schema.customers.tenantId, tenantId), eq(schema.customers.id, customerId)));
}
