import { type Db, queryRows } from '@flywheel/db';
import { sql } from 'drizzle-orm';
import { exposedUsers } from './exposures.ts';

/**
 * How many `event` events in [from, to), and from how many customers; optionally only those whose
 * properties equal the given ones, and only customers exposed to an experiment's variation.
 */
export async function countEvents(
  db: Db,
  tenantId: string,
  input: {
    event: string;
    from: Date;
    to: Date;
    properties?: Record<string, string>;
    exposedTo?: { key: string; variationId: string } | undefined;
  },
): Promise<{ events: number; customers: number }> {
  const properties = Object.entries(input.properties ?? {}).map(([key, value]) => sql` and properties->>${key} = ${value}`);
  const [row] = await queryRows<{ events: number; customers: number }>(
    db,
    sql`select count(*)::int as events, count(distinct user_id)::int as customers from events
      where tenant_id = ${tenantId} and event = ${input.event} and "timestamp" >= ${input.from.toISOString()} and "timestamp" < ${input.to.toISOString()}
      ${sql.join(properties, sql``)}
      ${input.exposedTo ? sql` and user_id in ${exposedUsers(tenantId, input.exposedTo)}` : sql``}`,
  );
  return row ?? { events: 0, customers: 0 };
}
