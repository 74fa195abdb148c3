import { type Db, queryRows } from '@flywheel/db';
import { sql } from 'drizzle-orm';

/** How far behind background work is, per reaction or job, across all tenants. */
export type Backlog = {
  kind: 'reaction' | 'job';
  name: string;
  /** Waiting, including those waiting for a retry. */
  pending: number;
  /** Age of the oldest delivery or job that is due and not handled yet; 0 when none is. */
  lagSeconds: number;
  dead: number;
}[];

/** One scan of the pending and dead rows (partial indexes keep it small); for /metrics and /readyz. */
export async function backlogOf(db: Db): Promise<Backlog> {
  const rows = await queryRows<{ kind: 'reaction' | 'job'; name: string; pending: number; lag: number | null; dead: number }>(
    db,
    sql`
      select 'reaction' as kind, reaction as name,
        count(*) filter (where status = 'pending')::int as pending,
        extract(epoch from now() - min(created_at) filter (where status = 'pending' and run_after <= now()))::float8 as lag,
        count(*) filter (where status = 'dead')::int as dead
      from deliveries where status in ('pending', 'dead') group by reaction
      union all
      select 'job', name,
        count(*) filter (where status = 'pending')::int,
        extract(epoch from now() - min(run_at) filter (where status = 'pending' and run_at <= now()))::float8,
        count(*) filter (where status = 'dead')::int
      from jobs where status in ('pending', 'dead') group by name`,
  );
  return rows.map((r) => ({ kind: r.kind, name: r.name, pending: r.pending, lagSeconds: Math.max(0, r.lag ?? 0), dead: r.dead }));
}
