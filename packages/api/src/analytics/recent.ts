import { type Db, schema } from '@flywheel/db';
import { and, asc, eq, gt, inArray, isNotNull, or } from 'drizzle-orm';
import { type StoredEvent, storedEventColumns } from '../platform/index.ts';

/**
 * A tenant's events about customers since a date, with these reaction keys (track names, `$page`,
 * `$identify`), oldest first, at most `limit`: what a dry run or a backfill replays.
 */
export async function eventsByKey(db: Db, tenantId: string, keys: string[], since: Date, limit: number): Promise<StoredEvent[]> {
  const e = schema.events;
  const tracks = keys.filter((key) => !key.startsWith('$'));
  const kinds = [
    tracks.length > 0 ? and(eq(e.type, 'track'), inArray(e.event, tracks)) : undefined,
    keys.includes('$page') ? eq(e.type, 'page') : undefined,
    keys.includes('$identify') ? eq(e.type, 'identify') : undefined,
  ].filter((kind) => kind !== undefined);
  if (kinds.length === 0) return [];
  const rows = await db
    .select(storedEventColumns)
    .from(e)
    .where(and(eq(e.tenantId, tenantId), gt(e.timestamp, since), isNotNull(e.userId), or(...kinds)))
    .orderBy(asc(e.timestamp), asc(e.id))
    .limit(limit);
  return rows as StoredEvent[];
}
