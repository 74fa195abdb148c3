import { type Db, queryRows } from '@flywheel/db';
import { sql } from 'drizzle-orm';

/**
 * Per week (Monday, UTC) in [from, to): the distinct active units (user id, else device id), and
 * per widget those whose events carry its name (widget-kit adds it to every event a widget sends).
 * `widget` is null on the row that counts all active units of the week.
 */
export function activeUnitsByWeek(db: Db, tenantId: string, from: Date, to: Date) {
  return queryRows<{ week: string; widget: string | null; units: number }>(
    db,
    sql`
    select to_char(date_trunc('week', "timestamp" at time zone 'UTC'), 'YYYY-MM-DD') as week,
           properties->>'widget' as widget,
           count(distinct coalesce(user_id, anonymous_id))::int as units
    from events
    where tenant_id = ${tenantId} and "timestamp" >= ${from.toISOString()} and "timestamp" < ${to.toISOString()}
    group by grouping sets ((1), (1, 2))`,
  );
}
