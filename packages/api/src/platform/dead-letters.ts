import { type Db, queryRows } from '@flywheel/db';
import { type SQL, sql } from 'drizzle-orm';
import { WORK_CHANNEL } from './platform.ts';

/** A reaction's delivery or a job that ran out of attempts. */
export type DeadLetter = {
  kind: 'reaction' | 'job';
  id: number;
  /** The reaction's or the job's name. */
  name: string;
  attempts: number;
  lastError: string | null;
  /** When the event was received, or the job was due. */
  since: string;
  /** The event a reaction failed on; null for jobs. */
  event: string | null;
  userId: string | null;
};

export type DeadLetterFilter = {
  tenantId?: string | undefined;
  /** A reaction or job name. */
  name?: string | undefined;
  /** Only these, as `{ kind, id }`. */
  only?: { kind: 'reaction' | 'job'; id: number }[] | undefined;
};

function conditions(filter: DeadLetterFilter, kind: 'reaction' | 'job', alias: SQL, nameColumn: SQL): SQL {
  const ids = filter.only?.filter((o) => o.kind === kind).map((o) => o.id);
  return sql.join(
    [
      sql`${alias}.status = 'dead'`,
      ...(filter.tenantId ? [sql`${alias}.tenant_id = ${filter.tenantId}`] : []),
      ...(filter.name ? [sql`${nameColumn} = ${filter.name}`] : []),
      ...(filter.only ? [ids && ids.length > 0 ? sql`${alias}.id in (${sql.join(ids, sql`, `)})` : sql`false`] : []),
    ],
    sql` and `,
  );
}

/** Dead letters of reactions and jobs, newest first, with the error and what they were for. */
export async function listDeadLetters(db: Db, filter: DeadLetterFilter, limit = 100): Promise<DeadLetter[]> {
  const rows = await queryRows<DeadLetter & { since: Date | string }>(
    db,
    sql`
      (select 'reaction' as kind, d.id, d.reaction as name, d.attempts, d.last_error as "lastError", d.created_at as since,
              e.event, e.user_id as "userId"
       from deliveries d join events e on e.id = d.event_id
       where ${conditions(filter, 'reaction', sql`d`, sql`d.reaction`)})
      union all
      (select 'job', j.id, j.name, j.attempts, j.last_error, j.run_at, null, null
       from jobs j where ${conditions(filter, 'job', sql`j`, sql`j.name`)})
      order by since desc
      limit ${limit}`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), since: new Date(row.since).toISOString() }));
}

/**
 * Puts dead letters back in line with fresh attempts: all of a tenant's, one reaction's or job's,
 * or the given ones. Resolves to how many were requeued; the worker handles each once.
 */
export async function replayDeadLetters(db: Db, filter: DeadLetterFilter): Promise<number> {
  const [counts] = await queryRows<{ n: number }>(
    db,
    sql`
      with deliveries_again as (
        update deliveries d set status = 'pending', attempts = 0, run_after = now(), locked_by = null, locked_until = null
        where ${conditions(filter, 'reaction', sql`d`, sql`d.reaction`)} returning 1),
      jobs_again as (
        update jobs j set status = 'pending', attempts = 0, run_at = now(), locked_by = null, locked_until = null
        where ${conditions(filter, 'job', sql`j`, sql`j.name`)} returning 1)
      select ((select count(*) from deliveries_again) + (select count(*) from jobs_again))::int as n`,
  );
  const requeued = counts?.n ?? 0;
  if (requeued > 0) await db.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`);
  return requeued;
}
