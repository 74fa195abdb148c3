import { type Db, queryRows, schema } from '@flywheel/db';
import { and, eq, sql } from 'drizzle-orm';

/** How many of the people just ahead the customer sees. */
const AHEAD = 3;

export type LeaderboardRow = { rank: number; name: string; points: number; you: boolean };

/**
 * The leaderboard as one member sees it: their rank and the few members just ahead of them,
 * by lifetime points (what they earned, not what they kept). Only members who opted in are on
 * it, by first name; nobody sees who is behind them, so nobody is shown at the bottom.
 */
export async function leaderboardFor(db: Db, tenantId: string, customerId: string) {
  const [member] = await db
    .select({ customerId: schema.leaderboardMembers.customerId })
    .from(schema.leaderboardMembers)
    .where(and(eq(schema.leaderboardMembers.tenantId, tenantId), eq(schema.leaderboardMembers.customerId, customerId)));
  if (!member) return { member: false as const, rows: [] as LeaderboardRow[] };
  const standings = await queryRows<{ customer_id: string; name: string | null; points: number }>(
    db,
    sql`select m.customer_id, c.name,
          coalesce(sum(case when e.from_bucket = 'issued' then e.amount
                            when e.to_bucket in ('issued', 'reversed') then -e.amount else 0 end), 0)::int as points
        from leaderboard_members m
        join customers c on c.id = m.customer_id
        left join points_accounts a on a.tenant_id = m.tenant_id and a.customer_id = m.customer_id and a.currency = 'points'
        left join points_entries e on e.account_id = a.id
        where m.tenant_id = ${tenantId}
        group by m.customer_id, c.name
        order by points desc, m.customer_id`,
  );
  const at = standings.findIndex((s) => s.customer_id === customerId);
  const rows = standings.slice(Math.max(0, at - AHEAD), at + 1).map((s, i, shown) => ({
    // Equal points share a rank: the first of them sets it.
    rank: standings.findIndex((other) => other.points === s.points) + 1,
    name: s.name?.split(/\s+/)[0] ?? '—',
    points: s.points,
    you: i === shown.length - 1,
  }));
  return { member: true as const, rows };
}

export async function setMembership(db: Db, tenantId: string, customerId: string, join: boolean) {
  if (join) await db.insert(schema.leaderboardMembers).values({ tenantId, customerId }).onConflictDoNothing();
  else
    await db
      .delete(schema.leaderboardMembers)
      .where(and(eq(schema.leaderboardMembers.tenantId, tenantId), eq(schema.leaderboardMembers.customerId, customerId)));
  return { member: join };
}
