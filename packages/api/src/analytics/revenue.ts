import { type Db, queryRows } from '@flywheel/db';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Revenue the tenant's server reported in [from, to) for the customers `users` selects (a
 * subquery of external ids), per currency: the `revenue` and `currency` properties of its track
 * events, the convention analytics tools share. Only the server's events count: a browser cannot
 * claim a purchase. An event without a currency counts in `defaultCurrency`.
 */
export async function revenueFrom(
  db: Db,
  tenantId: string,
  input: { from: Date; to: Date; users: SQL; defaultCurrency?: string },
): Promise<{ currency: string; amount: number }[]> {
  const rows = await queryRows<{ currency: string; amount: string }>(
    db,
    sql`select upper(coalesce(properties->>'currency', ${input.defaultCurrency ?? 'USD'})) as currency,
          sum((properties->>'revenue')::numeric)::text as amount
        from events
        where tenant_id = ${tenantId} and type = 'track' and producer = 'server'
          and jsonb_typeof(properties->'revenue') = 'number'
          and "timestamp" >= ${input.from.toISOString()} and "timestamp" < ${input.to.toISOString()}
          and user_id in ${input.users}
        group by 1 order by 1`,
  );
  return rows.map((row) => ({ currency: row.currency, amount: Number(row.amount) }));
}
