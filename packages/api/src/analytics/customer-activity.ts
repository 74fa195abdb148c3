import { type Db, queryRows, type Tx } from '@flywheel/db';
import { sql } from 'drizzle-orm';

/**
 * One customer's activity in [from, to): the distinct days (in their time zone) with any track or
 * page event of theirs (an identify is the tenant's server speaking, not the customer acting), when they were last seen, and how often each event happened; what a health score
 * reads. Uses the (tenant_id, user_id) index, not a scan of the tenant.
 */
export async function customerActivity(db: Db | Tx, tenantId: string, userId: string, window: { from: Date; to: Date; timeZone: string }) {
  const range = sql`tenant_id = ${tenantId} and user_id = ${userId} and "timestamp" >= ${window.from.toISOString()} and "timestamp" < ${window.to.toISOString()}`;
  const [summary] = await queryRows<{ days: number; last: string | null }>(
    db,
    sql`select count(distinct ("timestamp" at time zone ${window.timeZone})::date)::int as days, max("timestamp")::text as last
        from events where ${range} and type <> 'identify'`,
  );
  const counts = await queryRows<{ event: string; n: number }>(
    db,
    sql`select event, count(*)::int as n from events where ${range} and type = 'track' group by event`,
  );
  return {
    activeDays: summary?.days ?? 0,
    lastActiveAt: summary?.last ? new Date(summary.last) : null,
    counts: Object.fromEntries(counts.map((c) => [c.event, c.n])) as Record<string, number>,
  };
}
