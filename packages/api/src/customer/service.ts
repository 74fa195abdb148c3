import type { IdentifyInput } from '@flywheel/contracts/customer';
import type { Traits } from '@flywheel/contracts/json';
import { type Db, schema } from '@flywheel/db';
import { and, eq, sql } from 'drizzle-orm';
import type { CustomerClaims } from '../identity/customer-token.ts';

/** A customer as procedures see it: `id` is Flywheel's, `externalId` the tenant's (`sub`). */
export type Customer = {
  id: string;
  tenantId: string;
  externalId: string;
  email: string | null;
  name: string | null;
  traits: Traits;
};

const customerColumns = {
  id: schema.customers.id,
  tenantId: schema.customers.tenantId,
  externalId: schema.customers.externalId,
  email: schema.customers.email,
  name: schema.customers.name,
  traits: schema.customers.traits,
};

/**
 * Records that the customer a token names was seen: creates them on first sight, refreshes
 * email, name and last-seen, and merges the token's traits over stored ones (the tenant's server
 * signed them, so they win).
 */
export async function upsertFromToken(db: Db, tenantId: string, claims: CustomerClaims): Promise<Customer> {
  const [row] = await db
    .insert(schema.customers)
    .values({
      tenantId,
      externalId: claims.sub,
      email: claims.email ?? null,
      name: claims.name ?? null,
      traits: claims.traits ?? {},
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

/**
 * Merges traits into the customer and stitches the browser's anonymous id to them. An anonymous
 * id already stitched to someone else stays theirs: a shared device must not merge two people.
 */
export async function identify(db: Db, customer: Customer, input: IdentifyInput): Promise<Customer> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.customers)
      .set({ traits: sql`${schema.customers.traits} || ${JSON.stringify(input.traits)}::jsonb`, lastSeenAt: sql`now()` })
      .where(and(eq(schema.customers.id, customer.id), eq(schema.customers.tenantId, customer.tenantId)))
      .returning(customerColumns);
    if (!row) throw new Error('customer vanished during identify');
    if (input.anonymousId) {
      await tx
        .insert(schema.customerAliases)
        .values({ tenantId: customer.tenantId, anonymousId: input.anonymousId, customerId: customer.id })
        .onConflictDoNothing();
    }
    return row as Customer;
  });
}

/** What the browser may see of a customer. */
export function toPublicCustomer(customer: Customer) {
  return { id: customer.externalId, name: customer.name, email: customer.email, traits: customer.traits };
}
