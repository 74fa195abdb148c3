import { type Db, queryRows } from '@flywheel/db';
import { sql } from 'drizzle-orm';

const WEEKS = 12;

/**
 * The achievements part of the console's Overview, per week (Monday, UTC) over the last 12:
 * badge tiers awarded, points issued to customers and points they redeemed; and the liability:
 * the points customers hold now (available, pending and held by redemptions in flight).
 */
export async function achievementsOverview(db: Db, tenantId: string) {
  const from = new Date(Date.now() - WEEKS * 7 * 86_400_000);
  const week = (column: string) => sql.raw(`to_char(date_trunc('week', ${column} at time zone 'UTC'), 'YYYY-MM-DD')`);
  const awarded = await queryRows<{ week: string; awards: number }>(
    db,
    sql`select ${week('awarded_at')} as week, count(*)::int as awards from badge_awards
        where tenant_id = ${tenantId} and awarded_at >= ${from.toISOString()} group by 1 order by 1`,
  );
  const points = await queryRows<{ week: string; issued: number; redeemed: number }>(
    db,
    sql`select ${week('created_at')} as week,
          coalesce(sum(amount) filter (where from_bucket = 'issued'), 0)::int as issued,
          coalesce(sum(amount) filter (where kind = 'settle'), 0)::int as redeemed
        from points_entries where tenant_id = ${tenantId} and created_at >= ${from.toISOString()} group by 1 order by 1`,
  );
  const [liability] = await queryRows<{ available: number; pending: number; held: number }>(
    db,
    sql`select
          (coalesce(sum(amount) filter (where to_bucket = 'available'), 0) - coalesce(sum(amount) filter (where from_bucket = 'available'), 0))::int as available,
          (coalesce(sum(amount) filter (where to_bucket = 'pending'), 0) - coalesce(sum(amount) filter (where from_bucket = 'pending'), 0))::int as pending,
          (coalesce(sum(amount) filter (where to_bucket = 'held'), 0) - coalesce(sum(amount) filter (where from_bucket = 'held'), 0))::int as held
        from points_entries where tenant_id = ${tenantId}`,
  );
  return { awardedByWeek: awarded, pointsByWeek: points, liability: liability ?? { available: 0, pending: 0, held: 0 } };
}
