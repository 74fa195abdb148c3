import { type Db, schema, type Tx } from '@flywheel/db';
import { eq } from 'drizzle-orm';

const DEFAULTS = { publishedPoints: 50 };

/** The tenant's showcase settings, or the defaults until they change one. */
export async function settingsOf(db: Db | Tx, tenantId: string) {
  const [row] = await db
    .select({ publishedPoints: schema.ugcSettings.publishedPoints })
    .from(schema.ugcSettings)
    .where(eq(schema.ugcSettings.tenantId, tenantId));
  return row ?? DEFAULTS;
}

export async function saveSettings(db: Db, tenantId: string, settings: { publishedPoints: number }) {
  await db
    .insert(schema.ugcSettings)
    .values({ tenantId, ...settings })
    .onConflictDoUpdate({ target: schema.ugcSettings.tenantId, set: settings });
  return settingsOf(db, tenantId);
}
