import { type Db, schema } from '@flywheel/db';
import { desc, eq } from 'drizzle-orm';

/** The last training run, trained or not, without its forest. */
export async function lastModelRun(db: Db, tenantId: string) {
  const m = schema.valueModels;
  const [run] = await db
    .select({
      version: m.version,
      trainedAt: m.trainedAt,
      labelRule: m.labelRule,
      customers: m.customers,
      positives: m.positives,
      skippedReason: m.skippedReason,
      evaluation: m.evaluation,
      importances: m.importances,
      thresholds: m.thresholds,
      trainingMs: m.trainingMs,
    })
    .from(m)
    .where(eq(m.tenantId, tenantId))
    .orderBy(desc(m.version))
    .limit(1);
  return run ?? null;
}
