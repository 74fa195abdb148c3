import { type Db, queryRows } from '@flywheel/db';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Distinct units exposed to each variation of each experiment since its current phase started,
 * for the experiments list (the results page runs the full aggregation).
 */
export async function exposedUnits(
  db: Db,
  tenantId: string,
  experiments: { key: string; since: string }[],
): Promise<Map<string, Map<string, number>>> {
  const units = new Map<string, Map<string, number>>();
  if (experiments.length === 0) return units;
  const phases: SQL[] = experiments.map(({ key, since }) => sql`(properties->>'experiment_id' = ${key} and "timestamp" >= ${since})`);
  const rows = await queryRows<{ experiment: string; variation: string; units: number }>(
    db,
    sql`
    select properties->>'experiment_id' as experiment, properties->>'variation_id' as variation,
           count(distinct coalesce(user_id, anonymous_id))::int as units
    from events
    where tenant_id = ${tenantId} and event = 'experiment_viewed' and (${sql.join(phases, sql` or `)})
    group by 1, 2`,
  );
  for (const row of rows) {
    const byVariation = units.get(row.experiment) ?? new Map<string, number>();
    byVariation.set(row.variation, Number(row.units));
    units.set(row.experiment, byVariation);
  }
  return units;
}

/** The customers (user ids) exposed to one variation of an experiment, as a subquery to filter by. */
export function exposedUsers(tenantId: string, experiment: { key: string; variationId: string }): SQL {
  return sql`(select user_id from events where tenant_id = ${tenantId} and event = 'experiment_viewed'
    and properties->>'experiment_id' = ${experiment.key} and properties->>'variation_id' = ${experiment.variationId})`;
}
